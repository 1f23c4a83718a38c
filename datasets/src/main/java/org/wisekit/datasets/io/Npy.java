package org.wisekit.datasets.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes 2-D float32 / float64 arrays in NumPy's {@code .npy} format: the magic string
 * {@code \x93NUMPY}, a version, a Python-dict header ({@code descr}, {@code fortran_order}, {@code shape}), then
 * the raw values.
 *
 * <p><b>Reading</b> ({@link #read(byte[], String)}, {@link #read(Path)}) accepts format versions 1.0 to 3.0,
 * dtypes float32 and float64 ({@code '<f4'}, {@code '>f4'}, {@code '<f8'}, {@code '>f8'}) in either byte order,
 * and C or Fortran order; the values come back row-major as doubles (float32 values exactly). Anything else,
 * including a shape that is not 2-D and a file shorter or longer than its header says, is an
 * {@link IllegalArgumentException} with one line that starts with the name given.
 *
 * <p><b>Writing</b> ({@link #writeFloat64}, {@link #writeFloat32}) produces version 1.0, little-endian, C order,
 * with the data starting on a 64-byte boundary, as {@code numpy.save} does; {@code numpy.load} reads it back
 * unchanged. Write the bytes with {@link AtomicFiles#write} so that a reader never sees half a file:
 * <pre>{@code
 * AtomicFiles.write(Path.of("probs.npy"), Npy.writeFloat64(values, rows, columns));
 * Npy.Array2d back = Npy.read(Path.of("probs.npy"));
 * }</pre>
 *
 * <p>All methods are stateless and thread-safe.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * A 2-D array, row-major: the value at ({@code r}, {@code c}) is {@code values[r * columns + c]}. The array is
     * shared, not copied.
     *
     * @param rows    the number of rows, {@code >= 0}
     * @param columns the number of columns, {@code >= 0}
     * @param values  {@code rows * columns} values, row-major
     */
    public record Array2d(int rows, int columns, double[] values) {

        /** Checks that the shape is non-negative and matches the number of values. */
        public Array2d {
            checkShape(values.length, rows, columns);
        }

        /** The value at ({@code row}, {@code column}). */
        public double get(int row, int column) {
            if (row < 0 || row >= rows || column < 0 || column >= columns) {
                throw new IndexOutOfBoundsException("(" + row + ", " + column + ") outside a " + rows + " x " + columns
                        + " array");
            }
            return values[row * columns + column];
        }
    }

    /**
     * Parses the contents of an {@code .npy} file holding a 2-D float32 or float64 array.
     *
     * @param bytes the whole file
     * @param name  what to call the file in error messages (usually its path)
     * @return the array, row-major
     * @throws IllegalArgumentException when {@code bytes} is not such a file; the message starts with
     *                                  {@code name}
     */
    public static Array2d read(byte[] bytes, String name) {
        if (bytes.length < 10 || !startsWithMagic(bytes)) {
            throw new IllegalArgumentException(name + ": not an .npy file (no \\x93NUMPY magic)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int major = bytes[6];
        int headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(in.getShort(8));
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IllegalArgumentException(name + ": truncated .npy header");
            }
            headerLength = in.getInt(8);
            headerStart = 12;
        } else {
            throw new IllegalArgumentException(name + ": unsupported .npy version " + major);
        }
        if (headerLength < 0 || headerStart + (long) headerLength > bytes.length) {
            throw new IllegalArgumentException(name + ": truncated .npy header");
        }
        String header = new String(bytes, headerStart, headerLength, StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, name, "descr");
        boolean fortran = group(FORTRAN, header, name, "fortran_order").equals("True");
        String[] dims = group(SHAPE, header, name, "shape").split(",");
        long[] shape = parseShape(dims, name);
        if (shape.length != 2) {
            throw new IllegalArgumentException(name + ": expected a 2-D array (rows x columns), got shape ("
                    + String.join(",", dims).trim() + ")");
        }
        ByteOrder order = switch (descr.isEmpty() ? ' ' : descr.charAt(0)) {
            case '<', '|' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            default -> throw new IllegalArgumentException(name + ": unsupported dtype '" + descr + "'");
        };
        int width = switch (descr.substring(1)) {
            case "f4" -> 4;
            case "f8" -> 8;
            default -> throw new IllegalArgumentException(name + ": unsupported dtype '" + descr
                    + "'; expected float32 ('<f4') or float64 ('<f8')");
        };
        if (shape[0] < 0 || shape[1] < 0 || shape[0] > Integer.MAX_VALUE || shape[1] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + ": bad .npy shape (" + shape[0] + ", " + shape[1] + ")");
        }
        long count = shape[0] * shape[1];
        int dataStart = headerStart + headerLength;
        if (count > Integer.MAX_VALUE / 8 || bytes.length - dataStart != count * width) {
            throw new IllegalArgumentException(name + ": expected " + count * width + " bytes of data for shape ("
                    + shape[0] + ", " + shape[1] + "), found " + (bytes.length - dataStart));
        }
        int rows = (int) shape[0];
        int columns = (int) shape[1];
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).slice().order(order);
        double[] values = new double[(int) count];
        for (int i = 0; i < values.length; i++) {
            double v = width == 4 ? data.getFloat(i * 4) : data.getDouble(i * 8);
            // Fortran order stores column after column
            int target = fortran ? (i % rows) * columns + i / rows : i;
            values[target] = v;
        }
        return new Array2d(rows, columns, values);
    }

    /**
     * Reads an {@code .npy} file holding a 2-D float32 or float64 array; {@link #read(byte[], String)} with the
     * file's path as its name.
     *
     * @param file the file
     * @return the array, row-major
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when it is not such a file; the message starts with the path
     */
    public static Array2d read(Path file) throws IOException {
        return read(Files.readAllBytes(file), file.toString());
    }

    /**
     * A version 1.0 file holding {@code values} as a little-endian float64 array of shape ({@code rows},
     * {@code columns}), C order.
     *
     * @param values  {@code rows * columns} values, row-major
     * @param rows    the number of rows, {@code >= 0}
     * @param columns the number of columns, {@code >= 0}
     * @return the file's bytes
     * @throws IllegalArgumentException when the shape is negative or does not match {@code values.length}
     */
    public static byte[] writeFloat64(double[] values, int rows, int columns) {
        checkShape(values.length, rows, columns);
        ByteBuffer out = header("<f8", rows, columns, values.length * 8L);
        for (double v : values) {
            out.putDouble(v);
        }
        return out.array();
    }

    /**
     * A version 1.0 file holding {@code values} as a little-endian float32 array of shape ({@code rows},
     * {@code columns}), C order: half the size of {@link #writeFloat64}, for values that are float32 anyway
     * (network outputs).
     *
     * @param values  {@code rows * columns} values, row-major
     * @param rows    the number of rows, {@code >= 0}
     * @param columns the number of columns, {@code >= 0}
     * @return the file's bytes
     * @throws IllegalArgumentException when the shape is negative or does not match {@code values.length}
     */
    public static byte[] writeFloat32(float[] values, int rows, int columns) {
        checkShape(values.length, rows, columns);
        ByteBuffer out = header("<f4", rows, columns, values.length * 4L);
        for (float v : values) {
            out.putFloat(v);
        }
        return out.array();
    }

    /** A buffer holding the magic, version 1.0 and the padded header, with room for {@code dataBytes} more. */
    private static ByteBuffer header(String descr, int rows, int columns, long dataBytes) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + rows + ", " + columns + "), }";
        int unpadded = MAGIC.length + 4 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;     // the data starts on a 64-byte boundary
        String header = dict + " ".repeat(padding) + "\n";
        long size = MAGIC.length + 4 + header.length() + dataBytes;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("array too large for one .npy byte array: " + dataBytes + " bytes of data");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.ISO_8859_1));
        return out;
    }

    private static void checkShape(int length, int rows, int columns) {
        if (rows < 0 || columns < 0 || (long) rows * columns != length) {
            throw new IllegalArgumentException("shape (" + rows + ", " + columns + ") does not hold " + length
                    + " values");
        }
    }

    private static boolean startsWithMagic(byte[] bytes) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static String group(Pattern pattern, String header, String name, String key) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(name + ": .npy header has no '" + key + "': " + header.strip());
        }
        return m.group(1);
    }

    private static long[] parseShape(String[] dims, String name) {
        return Arrays.stream(dims).map(String::trim).filter(s -> !s.isEmpty()).mapToLong(s -> {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": bad .npy shape entry '" + s + "'");
            }
        }).toArray();
    }
}
