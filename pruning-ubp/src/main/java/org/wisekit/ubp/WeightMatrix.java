package org.wisekit.ubp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.wisekit.datasets.io.Safetensors;

/**
 * A dense weight matrix W, Co x Ci, row-major ({@code values[r * cols + c]}), and its text file format
 * for {@code wisekit ubp select --weights FILE}:
 * <pre>
 * # comment lines start with '#'
 * ROWS COLS
 * w[0][0] w[0][1] ... w[0][COLS-1]
 * ...
 * </pre>
 * After the "ROWS COLS" line come exactly ROWS * COLS numbers, separated by any white space (line breaks
 * are free), row by row: row r is output channel r, column c input channel c.
 *
 * @param rows   Co, at least 1
 * @param cols   Ci, at least 1
 * @param values rows * cols finite weights (shared, not copied)
 */
public record WeightMatrix(int rows, int cols, float[] values) {

    public WeightMatrix {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("matrix must be at least 1 x 1, got " + rows + " x " + cols);
        }
        if (values == null || values.length != (long) rows * cols) {
            throw new IllegalArgumentException("a " + rows + " x " + cols + " matrix needs " + (long) rows * cols
                    + " values, got " + (values == null ? "null" : values.length));
        }
    }

    /**
     * A safetensors tensor as a weight matrix: shape[0] rows (output channels) by the product of the other
     * dimensions (a 2-D (out, in) weight as is; a convolution weight (O, I, kh, kw) as O x (I kh kw), the
     * row-major flattening, whose column (i kh + y) kw + x is the im2col row of input channel i at kernel
     * position (y, x); (O, I, k) likewise). The values are {@link Safetensors.Tensor#toFloats()}.
     *
     * @throws IllegalArgumentException when the rank is not 2, 3 or 4, a dimension is 0, or the dtype is
     *                                  not F16, BF16, F32 or F64
     */
    public static WeightMatrix of(Safetensors.Tensor tensor) {
        long[] shape = tensor.shape();
        if (shape.length < 2 || shape.length > 4) {
            throw new IllegalArgumentException("a weight matrix needs a tensor of rank 2 (out, in), 3 (out, in, k) or 4"
                    + " (out, in, kh, kw), got rank " + shape.length + " " + Arrays.toString(shape));
        }
        long cols = tensor.elements() / Math.max(shape[0], 1);
        if (shape[0] < 1 || cols < 1 || Arrays.stream(shape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("a weight matrix needs every dimension >= 1, got shape "
                    + Arrays.toString(shape));
        }
        if (shape[0] > Integer.MAX_VALUE || cols > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large for a weight matrix");
        }
        return new WeightMatrix((int) shape[0], (int) cols, tensor.toFloats());
    }

    /** Reads the text format above; errors name the file and what is wrong. */
    public static WeightMatrix read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read weights file " + file + ": " + e.getMessage(), e);
        }
        StringBuilder body = new StringBuilder();
        String header = null;
        for (String line : lines) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (header == null) {
                header = text;
            } else {
                body.append(text).append(' ');
            }
        }
        if (header == null) {
            throw new IllegalArgumentException("weights file " + file + " is empty; expected a line 'ROWS COLS'");
        }
        String[] dims = header.split("\\s+");
        int rows;
        int cols;
        try {
            if (dims.length != 2) {
                throw new NumberFormatException();
            }
            rows = Integer.parseInt(dims[0]);
            cols = Integer.parseInt(dims[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("weights file " + file + ": the first line must be 'ROWS COLS', got '"
                    + header + "'");
        }
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("weights file " + file + ": ROWS and COLS must be >= 1, got '" + header + "'");
        }
        String numbers = body.toString().strip();
        String[] tokens = numbers.isEmpty() ? new String[0] : numbers.split("\\s+");
        if (tokens.length != (long) rows * cols) {
            throw new IllegalArgumentException("weights file " + file + ": a " + rows + " x " + cols + " matrix needs "
                    + (long) rows * cols + " numbers, found " + tokens.length);
        }
        float[] values = new float[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            try {
                values[i] = Float.parseFloat(tokens[i]);
            } catch (NumberFormatException e) {
                values[i] = Float.NaN;
            }
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("weights file " + file + ": value " + (i + 1) + " (row " + i / cols
                        + ", column " + i % cols + ") is not a finite number: '" + tokens[i] + "'");
            }
        }
        return new WeightMatrix(rows, cols, values);
    }

    /** Writes the text format (one line per row). */
    public void write(Path file) {
        StringBuilder sb = new StringBuilder();
        sb.append(rows).append(' ').append(cols).append('\n');
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                sb.append(c == 0 ? "" : " ").append(values[r * cols + c]);
            }
            sb.append('\n');
        }
        try {
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write weights file " + file + ": " + e.getMessage(), e);
        }
    }
}
