package org.wisekit.ubp.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import org.wisekit.datasets.io.AtomicFiles;
import org.wisekit.datasets.io.Npy;
import org.wisekit.datasets.io.Safetensors;
import org.wisekit.ubp.WeightMatrix;

/**
 * The weights {@code wisekit ubp select} works on, as read from the user's file, and the writers of the pruned
 * weights and of the mask in the same format family: .npy (2-D float32 / float64; mask uint8), safetensors
 * (one tensor by name, F16 / BF16 / F32 / F64; the pruned file keeps every other tensor and the metadata, the
 * mask file holds a U8 tensor of the same name and shape), the module's text format, or N(0,1) random weights
 * (whose outputs take the format their file names end with).
 */
final class WeightsFile {

    /** Where the weights came from. */
    enum Format {
        RANDOM, TEXT, NPY, SAFETENSORS;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern NPY_F8 = Pattern.compile("'descr'\\s*:\\s*'[<>|=]?f8'");

    final Format format;
    final Path path;
    /** The safetensors tensor's name (null for other formats). */
    final String tensorName;
    /** The element type as the file calls it (F32, BF16, float64, ...). */
    final String dtype;
    /** The shape of the weights in the file (for a convolution, 3-D or 4-D). */
    final long[] shape;
    /** The weights as the Co x K matrix the selectors see. */
    final WeightMatrix matrix;
    /** The npy values as read (double precision for float64 files); null for other formats. */
    private final double[] npyValues;
    /** The whole safetensors file; null for other formats. */
    private final Safetensors safetensors;

    private WeightsFile(Format format, Path path, String tensorName, String dtype, long[] shape, WeightMatrix matrix,
                        double[] npyValues, Safetensors safetensors) {
        this.format = format;
        this.path = path;
        this.tensorName = tensorName;
        this.dtype = dtype;
        this.shape = shape;
        this.matrix = matrix;
        this.npyValues = npyValues;
        this.safetensors = safetensors;
        float[] v = matrix.values();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException("--weights " + path + ": the weight at row " + i / matrix.cols()
                        + ", column " + i % matrix.cols() + " is not finite: " + v[i]);
            }
        }
    }

    static WeightsFile random(WeightMatrix w) {
        return new WeightsFile(Format.RANDOM, null, null, "float32", new long[] {w.rows(), w.cols()}, w, null, null);
    }

    /** Reads {@code path}: safetensors by the .safetensors extension, npy by extension or magic, else text. */
    static WeightsFile read(Path path, String tensor) {
        Format format = formatOf(path);
        if (format == Format.TEXT && isNpy(path)) {
            format = Format.NPY;
        }
        if (tensor != null && format != Format.SAFETENSORS) {
            throw new IllegalArgumentException("--tensor " + tensor + " needs a .safetensors weights file, got " + path);
        }
        return switch (format) {
            case SAFETENSORS -> readSafetensors(path, tensor);
            case NPY -> readNpy(path);
            default -> {
                WeightMatrix w = WeightMatrix.read(path);
                yield new WeightsFile(Format.TEXT, path, null, "text", new long[] {w.rows(), w.cols()}, w, null, null);
            }
        };
    }

    private static WeightsFile readSafetensors(Path path, String tensor) {
        Safetensors file;
        byte[] bytes = readAll(path);
        try {
            file = Safetensors.read(bytes, path.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--weights " + e.getMessage());
        }
        String name = tensor;
        if (name == null) {
            if (file.names().size() != 1) {
                throw new IllegalArgumentException("--tensor is required: " + path + " holds " + file.names().size()
                        + " tensors (" + String.join(", ", file.names().stream().limit(8).toList())
                        + (file.names().size() > 8 ? ", ..." : "") + ")");
            }
            name = file.names().iterator().next();
        }
        try {
            Safetensors.Tensor t = file.tensor(name);
            return new WeightsFile(Format.SAFETENSORS, path, name, t.dtype().name(), t.shape(), WeightMatrix.of(t), null, file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tensor " + name + ": " + e.getMessage());
        }
    }

    private static WeightsFile readNpy(Path path) {
        byte[] bytes = readAll(path);
        Npy.Array2d a;
        try {
            a = Npy.read(bytes, path.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--weights " + e.getMessage()
                    + (e.getMessage().contains("2-D") ? " (reshape a convolution weight (O, I, kh, kw) to (O, I*kh*kw),"
                    + " or use safetensors)" : ""));
        }
        if (a.rows() < 1 || a.columns() < 1) {
            throw new IllegalArgumentException("--weights " + path + ": the matrix must be at least 1 x 1, got "
                    + a.rows() + " x " + a.columns());
        }
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
        boolean f8 = NPY_F8.matcher(head).find();
        float[] floats = new float[a.values().length];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = (float) a.values()[i];
        }
        return new WeightsFile(Format.NPY, path, null, f8 ? "float64" : "float32", new long[] {a.rows(), a.columns()},
                new WeightMatrix(a.rows(), a.columns(), floats), a.values(), null);
    }

    private static byte[] readAll(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--weights " + path + ": no such file");
        } catch (IOException | OutOfMemoryError e) {
            throw new IllegalArgumentException("--weights " + path + ": cannot read: " + e.getMessage());
        }
    }

    private static boolean isNpy(Path path) {
        try (var in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(6);
            return Arrays.equals(magic, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'});
        } catch (IOException e) {
            return false;   // the text reader reports the problem
        }
    }

    /** The format a file name asks for: .npy, .safetensors, anything else text. */
    static Format formatOf(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            return Format.NPY;
        }
        if (name.endsWith(".safetensors")) {
            return Format.SAFETENSORS;
        }
        return Format.TEXT;
    }

    /** The format an output gets: the input's; for random weights, the one its name asks for. */
    Format outputFormat(String option, Path out) {
        Format asked = formatOf(out);
        if (format == Format.RANDOM) {
            return asked;
        }
        if (asked != format) {
            throw new IllegalArgumentException(option + " " + out + ": the weights are " + format.id() + ", so "
                    + option + " is written as " + format.id() + "; name a file ending in "
                    + (format == Format.TEXT ? "neither .npy nor .safetensors" : "." + format.id()));
        }
        return format;
    }

    /** Writes the weights with every pruned one set to exactly 0, in the input's format (kept values bit-exact). */
    void writePruned(Path out, boolean[] keep) {
        Format f = outputFormat("--out", out);
        switch (f) {
            case SAFETENSORS -> {
                Safetensors file = safetensors != null ? safetensors : Safetensors.of("weight",
                        Safetensors.Tensor.ofFloats(matrix.values(), matrix.rows(), matrix.cols()));
                String name = tensorName != null ? tensorName : "weight";
                AtomicFiles.write(out, file.with(name, file.tensor(name).masked(keep)).toBytes());
            }
            case NPY -> {
                if (npyValues != null && dtype.equals("float64")) {
                    double[] v = npyValues.clone();
                    for (int i = 0; i < v.length; i++) {
                        v[i] = keep[i] ? v[i] : 0;
                    }
                    AtomicFiles.write(out, Npy.writeFloat64(v, matrix.rows(), matrix.cols()));
                } else {
                    AtomicFiles.write(out, Npy.writeFloat32(pruned(keep), matrix.rows(), matrix.cols()));
                }
            }
            default -> AtomicFiles.writeString(out, text(pruned(keep)));
        }
    }

    /** Writes the 0/1 mask: npy uint8 (rows, cols), a safetensors U8 tensor of the weights' name and shape, or text. */
    void writeMask(Path out, boolean[] keep) {
        byte[] bits = new byte[keep.length];
        float[] ones = new float[keep.length];
        for (int i = 0; i < keep.length; i++) {
            bits[i] = (byte) (keep[i] ? 1 : 0);
            ones[i] = keep[i] ? 1 : 0;
        }
        switch (outputFormat("--mask", out)) {
            case SAFETENSORS -> AtomicFiles.write(out, Safetensors.of(tensorName != null ? tensorName : "weight",
                    Safetensors.Tensor.ofBytes(bits, shape)).toBytes());
            case NPY -> AtomicFiles.write(out, npyUint8(bits, matrix.rows(), matrix.cols()));
            default -> AtomicFiles.writeString(out, text(ones));
        }
    }

    private float[] pruned(boolean[] keep) {
        float[] w = matrix.values().clone();
        for (int i = 0; i < w.length; i++) {
            w[i] = keep[i] ? w[i] : 0f;
        }
        return w;
    }

    private String text(float[] values) {
        StringBuilder sb = new StringBuilder();
        sb.append(matrix.rows()).append(' ').append(matrix.cols()).append('\n');
        for (int r = 0; r < matrix.rows(); r++) {
            for (int c = 0; c < matrix.cols(); c++) {
                float v = values[r * matrix.cols() + c];
                sb.append(c == 0 ? "" : " ").append(v == (int) v ? Integer.toString((int) v) : Float.toString(v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** A version 1.0 .npy file of a (rows, cols) uint8 array ('|u1'), C order, data on a 64-byte boundary. */
    static byte[] npyUint8(byte[] values, int rows, int cols) {
        String dict = "{'descr': '|u1', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int unpadded = 6 + 4 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer out = ByteBuffer.allocate(10 + header.length() + values.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(values);
        return out.array();
    }

    /** How the weights are described on the first line of the text output. */
    String describe(long seed) {
        return switch (format) {
            case RANDOM -> "N(0,1), seed " + seed;
            case TEXT -> path.toString();
            case NPY -> path + ", " + dtype;
            case SAFETENSORS -> path + " [" + tensorName + "], " + dtype + " " + Arrays.toString(shape);
        };
    }
}
