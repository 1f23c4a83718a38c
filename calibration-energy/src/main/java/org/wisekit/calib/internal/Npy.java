package org.wisekit.calib.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NumPy {@code .npy} format (versions 1 to 3) for 2-D float32 / float64 arrays: a magic string, a
 * Python-dict header ({@code descr}, {@code fortran_order}, {@code shape}), then the raw values.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** A parsed 2-D array, row-major. */
    public record Array2d(int rows, int columns, double[] values) {
    }

    /** Parses {@code bytes}; a problem is an {@link IllegalArgumentException} prefixed by {@code name}. */
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

    /** A version 1.0 file holding {@code values} as a little-endian float64 array of shape (rows, columns). */
    public static byte[] writeFloat64(double[] values, int rows, int columns) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + columns + "), }";
        int unpadded = MAGIC.length + 4 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;     // the data starts on a 64-byte boundary
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + values.length * 8)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (double v : values) {
            out.putDouble(v);
        }
        return out.array();
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
        return java.util.Arrays.stream(dims).map(String::trim).filter(s -> !s.isEmpty()).mapToLong(s -> {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": bad .npy shape entry '" + s + "'");
            }
        }).toArray();
    }
}
