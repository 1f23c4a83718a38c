package org.wisekit.datasets.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    @TempDir
    Path dir;

    /**
     * A version 1.0 {@code .npy} file built independently of {@link Npy}: {@code values} (row-major) with the
     * given dtype ({@code <f4}, {@code >f8}, ...) and order, and an unpadded header.
     */
    static byte[] npy(double[] values, int rows, int columns, String descr, boolean fortran) {
        return npy(values, rows, columns, "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False")
                + ", 'shape': (" + rows + ", " + columns + "), }\n", descr, fortran);
    }

    private static byte[] npy(double[] values, int rows, int columns, String dict, String descr, boolean fortran) {
        int width = descr.endsWith("4") ? 4 : 8;
        ByteBuffer b = ByteBuffer.allocate(10 + dict.length() + values.length * width).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) dict.length());
        b.put(dict.getBytes(StandardCharsets.ISO_8859_1));
        b.order(descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; i++) {
            // Fortran order: column after column
            int source = fortran ? (i % rows) * columns + i / rows : i;
            if (width == 4) {
                b.putFloat((float) values[source]);
            } else {
                b.putDouble(values[source]);
            }
        }
        return b.array();
    }

    @Test
    void readsFloat32AndFloat64InEitherOrderAndEndianness() {
        double[] table = {1, 0.5, -0.25, 0, 2, 4};
        for (String descr : new String[] {"<f4", "<f8", ">f4", ">f8"}) {
            for (boolean fortran : new boolean[] {false, true}) {
                Npy.Array2d a = Npy.read(npy(table, 2, 3, descr, fortran), "t.npy");
                assertThat(a.rows()).as(descr + " " + fortran).isEqualTo(2);
                assertThat(a.columns()).as(descr + " " + fortran).isEqualTo(3);
                assertThat(a.values()).as(descr + " " + fortran).containsExactly(table);
                assertThat(a.get(1, 2)).isEqualTo(4);
            }
        }
    }

    @Test
    void readsVersion2Headers() {
        byte[] v1 = npy(new double[] {1, 2}, 1, 2, "<f8", false);
        int headerLength = Short.toUnsignedInt(ByteBuffer.wrap(v1, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort());
        ByteBuffer v2 = ByteBuffer.allocate(v1.length + 2).order(ByteOrder.LITTLE_ENDIAN);
        v2.put(v1, 0, 6).put((byte) 2).put((byte) 0).putInt(headerLength).put(v1, 10, v1.length - 10);
        assertThat(Npy.read(v2.array(), "v2.npy").values()).containsExactly(1, 2);
    }

    @Test
    void float64RoundTripIsExactIncludingSpecialValues() throws IOException {
        double[] values = {0.25, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.NEGATIVE_INFINITY,
            1.0 / 3, 1e-300, 7};
        byte[] bytes = Npy.writeFloat64(values, 3, 3);
        assertThat(bytes.length % 8).isZero();
        int dataStart = bytes.length - values.length * 8;
        assertThat(dataStart % 64).as("data starts on a 64-byte boundary").isZero();
        assertThat(bytes[dataStart - 1]).as("header ends with a newline").isEqualTo((byte) '\n');
        Npy.Array2d back = Npy.read(bytes, "p.npy");
        assertThat(back.rows()).isEqualTo(3);
        assertThat(back.columns()).isEqualTo(3);
        for (int i = 0; i < values.length; i++) {
            assertThat(Double.doubleToRawLongBits(back.values()[i])).isEqualTo(Double.doubleToRawLongBits(values[i]));
        }
        Path file = dir.resolve("p.npy");
        AtomicFiles.write(file, bytes);
        assertThat(Npy.read(file).values()).hasSize(9);
    }

    @Test
    void float32RoundTripIsExact() {
        float[] values = {0.1f, -2.5f, Float.MIN_VALUE, Float.MAX_VALUE, Float.POSITIVE_INFINITY, 0};
        byte[] bytes = Npy.writeFloat32(values, 2, 3);
        assertThat((bytes.length - values.length * 4) % 64).isZero();
        assertThat(bytes.length).isLessThan(Npy.writeFloat64(new double[6], 2, 3).length);
        Npy.Array2d back = Npy.read(bytes, "f.npy");
        assertThat(back.rows()).isEqualTo(2);
        for (int i = 0; i < values.length; i++) {
            assertThat((float) back.values()[i]).isEqualTo(values[i]);
            assertThat(back.values()[i]).isEqualTo((double) values[i]);
        }
    }

    @Test
    void emptyArraysRoundTrip() {
        Npy.Array2d back = Npy.read(Npy.writeFloat64(new double[0], 0, 3), "e.npy");
        assertThat(back.rows()).isZero();
        assertThat(back.columns()).isEqualTo(3);
        assertThat(back.values()).isEmpty();
    }

    @Test
    void writingChecksTheShape() {
        assertThatThrownBy(() -> Npy.writeFloat64(new double[5], 2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shape (2, 3) does not hold 5 values");
        assertThatThrownBy(() -> Npy.writeFloat32(new float[0], -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Npy.Array2d(2, 2, new double[3])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Npy.Array2d(1, 1, new double[1]).get(0, 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void malformedInputIsOneLineNamingTheFile() throws IOException {
        assertThatThrownBy(() -> Npy.read("not numpy at all".getBytes(StandardCharsets.US_ASCII), "junk.npy"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("junk.npy: not an .npy file (no \\x93NUMPY magic)");
        assertThatThrownBy(() -> Npy.read(new byte[3], "tiny.npy")).hasMessageContaining("tiny.npy: not an .npy file");
        assertThatThrownBy(() -> Npy.read(npy(new double[] {0, 1, 2}, 1, 3, "<i4", false), "ints.npy"))
                .hasMessageStartingWith("ints.npy").hasMessageContaining("dtype '<i4'");
        assertThatThrownBy(() -> Npy.read(npy(new double[] {0, 1, 2}, 1, 3, "=f8", false), "eq.npy"))
                .hasMessageStartingWith("eq.npy").hasMessageContaining("unsupported dtype '=f8'");
        byte[] full = npy(new double[] {0, 1, 2}, 1, 3, "<f8", false);
        assertThatThrownBy(() -> Npy.read(Arrays.copyOf(full, full.length - 3), "short.npy"))
                .hasMessage("short.npy: expected 24 bytes of data for shape (1, 3), found 21");
        assertThatThrownBy(() -> Npy.read(Arrays.copyOf(full, full.length + 8), "long.npy"))
                .hasMessageStartingWith("long.npy").hasMessageContaining("bytes of data");
        assertThatThrownBy(() -> Npy.read(Arrays.copyOf(full, 20), "header.npy"))
                .hasMessage("header.npy: truncated .npy header");
        byte[] version9 = full.clone();
        version9[6] = 9;
        assertThatThrownBy(() -> Npy.read(version9, "v9.npy")).hasMessage("v9.npy: unsupported .npy version 9");
        assertThatThrownBy(() -> Npy.read(npy(new double[] {1, 2, 3}, 3, 1,
                "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }\n", "<f8", false), "vector.npy"))
                .hasMessageStartingWith("vector.npy: expected a 2-D array");
        assertThatThrownBy(() -> Npy.read(npy(new double[] {1}, 1, 1,
                "{'descr': '<f8', 'fortran_order': False, 'shape': (1, x), }\n", "<f8", false), "shape.npy"))
                .hasMessage("shape.npy: bad .npy shape entry 'x'");
        assertThatThrownBy(() -> Npy.read(npy(new double[] {1}, 1, 1,
                "{'descr': '<f8', 'shape': (1, 1), }\n", "<f8", false), "order.npy"))
                .hasMessageStartingWith("order.npy: .npy header has no 'fortran_order'");
        assertThatThrownBy(() -> Npy.read(npy(new double[0], 0, 0,
                "{'descr': '<f8', 'fortran_order': False, 'shape': (-1, 3), }\n", "<f8", false), "negative.npy"))
                .hasMessage("negative.npy: bad .npy shape (-1, 3)");
        Path missing = dir.resolve("missing.npy");
        assertThatThrownBy(() -> Npy.read(missing)).isInstanceOf(IOException.class);
        Path junk = Files.writeString(dir.resolve("junk.npy"), "not numpy");
        assertThatThrownBy(() -> Npy.read(junk)).hasMessageStartingWith(junk + ": not an .npy file");
    }
}
