package org.wisekit.datasets;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.wisekit.tensor.Tensor;

/**
 * Reader for scikit-learn's {@code digits.csv.gz}: 1797 rows of 65 comma-separated integers, the 64 pixels
 * (0..16) of an 8x8 handwritten digit in row-major order, then its label (0..9). No header.
 */
public final class SklearnDigits {

    public static final int SIDE = 8;
    public static final int MAX_PIXEL = 16;
    public static final List<String> CLASS_NAMES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private static final int PIXELS = SIDE * SIDE;

    private SklearnDigits() {
    }

    /**
     * Reads the CSV (gzip-compressed or plain). Images are {@code [n, 8, 8]} with pixels divided by
     * {@value #MAX_PIXEL}, so they lie in [0, 1] like the other image datasets; labels are the digits.
     */
    public static LabeledImages read(Path file) {
        String text = new String(FileBytes.readMaybeGzipped(file), StandardCharsets.US_ASCII);
        List<String> rows = text.lines().toList();
        if (rows.isEmpty()) {
            throw new MalformedDataException(file, "has no rows");
        }
        float[] pixels = new float[rows.size() * PIXELS];
        int[] labels = new int[rows.size()];
        for (int row = 0; row < rows.size(); row++) {
            String[] cells = rows.get(row).split(",", -1);
            if (cells.length != PIXELS + 1) {
                throw new MalformedDataException(file, "line " + (row + 1) + " has " + cells.length
                        + " cells, expected " + (PIXELS + 1) + " (64 pixels and a label)");
            }
            for (int col = 0; col < PIXELS; col++) {
                pixels[row * PIXELS + col] = integerCell(file, row, col, cells[col], MAX_PIXEL) / (float) MAX_PIXEL;
            }
            labels[row] = integerCell(file, row, PIXELS, cells[PIXELS], CLASS_NAMES.size() - 1);
        }
        return new LabeledImages(Tensor.wrap(pixels, rows.size(), SIDE, SIDE), labels, CLASS_NAMES);
    }

    /** A cell holding an integer in 0..max, written {@code 7} or {@code 7.0}. */
    private static int integerCell(Path file, int row, int col, String cell, int max) {
        double value;
        try {
            value = Double.parseDouble(cell.trim());
        } catch (NumberFormatException e) {
            throw new MalformedDataException(file, "line " + (row + 1) + ", column " + (col + 1) + ": '" + cell
                    + "' is not a number", e);
        }
        if (!(value >= 0 && value <= max) || value != Math.rint(value)) {
            throw new MalformedDataException(file, "line " + (row + 1) + ", column " + (col + 1) + ": " + cell
                    + " is not an integer in 0.." + max);
        }
        return (int) value;
    }
}
