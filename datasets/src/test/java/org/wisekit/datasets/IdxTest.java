package org.wisekit.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    @TempDir
    Path temp;

    /** An unsigned-byte IDX file with the given shape and elements 0, 1, 2, ... */
    private static byte[] idx(int... shape) {
        int elements = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * shape.length + elements);
        buffer.put(new byte[] {0, 0, 0x08, (byte) shape.length});
        Arrays.stream(shape).forEach(buffer::putInt);
        for (int i = 0; i < elements; i++) {
            buffer.put((byte) (i * 37));
        }
        return buffer.array();
    }

    /** A rank-1 IDX file holding {@code values}. */
    private static byte[] labels(int... values) {
        byte[] file = idx(values.length);
        for (int i = 0; i < values.length; i++) {
            file[8 + i] = (byte) values[i];
        }
        return file;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(temp.resolve(name), bytes);
    }

    @Test
    void readsPlainAndGzippedFilesAlike() throws IOException {
        IdxArray plain = Idx.read(write("a.idx", idx(2, 3, 4)));
        IdxArray gzipped = Idx.read(write("a.idx.gz", gzip(idx(2, 3, 4))));

        assertThat(plain.shape()).containsExactly(2, 3, 4);
        assertThat(gzipped.shape()).containsExactly(2, 3, 4);
        assertThat(gzipped.data()).isEqualTo(plain.data());
        assertThat(plain.unsigned(7)).isEqualTo((7 * 37) & 0xff);
    }

    @Test
    void labeledImagesScalesPixelsAndPairsLabels() throws IOException {
        Path images = write("images", idx(2, 2, 2));
        LabeledImages pair = Idx.labeledImages(images, write("labels", labels(0, 1)), List.of("zero", "one"));

        assertThat(pair.images().shape()).containsExactly(2, 2, 2);
        assertThat(pair.images().get(1, 1, 1)).isEqualTo(((7 * 37) & 0xff) / 255f);
        assertThat(pair.labels()).containsExactly(0, 1);
    }

    @Test
    void truncatedDataIsReportedWithTheFile() throws IOException {
        byte[] full = idx(3, 28, 28);
        Path file = write("truncated.idx", Arrays.copyOf(full, full.length - 100));

        assertThatThrownBy(() -> Idx.read(file))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("truncated")
                .hasMessageContaining("[3, 28, 28]");
    }

    @Test
    void truncatedGzipStreamIsMalformed() throws IOException {
        byte[] gz = gzip(idx(100, 28, 28));
        Path file = write("truncated.idx.gz", Arrays.copyOf(gz, gz.length / 2));

        assertThatThrownBy(() -> Idx.read(file))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("truncated gzip stream");
    }

    @Test
    void wrongMagicIsRejected() throws IOException {
        byte[] bytes = idx(4);
        bytes[0] = 0x1a;
        Path file = write("magic.idx", bytes);

        assertThatThrownBy(() -> Idx.read(file))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("wrong magic number 0x1a000801");
    }

    @Test
    void otherElementTypesAndTrailingBytesAreRejected() throws IOException {
        byte[] floats = idx(4);
        floats[2] = 0x0D;
        byte[] longer = Arrays.copyOf(idx(4), idx(4).length + 3);

        assertThatThrownBy(() -> Idx.read(write("float.idx", floats))).hasMessageContaining("element type 0x0d");
        assertThatThrownBy(() -> Idx.read(write("long.idx", longer))).hasMessageContaining("3 bytes follow");
        assertThatThrownBy(() -> Idx.read(write("short.idx", new byte[] {0, 0, 8, 3, 0})))
                .hasMessageContaining("truncated header");
    }

    @Test
    void labelsMustMatchImageCountAndClasses() throws IOException {
        Path images = write("images", idx(3, 2, 2));
        Path twoLabels = write("two", labels(1, 2));
        Path outOfRange = write("big", labels(1, 2, 10));
        List<String> tenClasses = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

        assertThatThrownBy(() -> Idx.labeledImages(images, twoLabels, tenClasses)).hasMessageContaining("do not match 3 images");
        assertThatThrownBy(() -> Idx.labeledImages(images, outOfRange, tenClasses))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("label 10 at index 2");
    }
}
