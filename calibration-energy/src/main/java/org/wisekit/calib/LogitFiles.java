package org.wisekit.calib;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import org.wisekit.datasets.io.AtomicFiles;
import org.wisekit.datasets.io.Npy;

/**
 * Reads logits that users bring and writes calibrated probabilities.
 *
 * <p><b>Input layout</b>, CSV or {@code .npy} (chosen by the file extension): one row per input, the true
 * class first (an integer 0..K-1), then the K logits. CSV: comma-separated, an optional header line (its
 * first cell is not a number), blank lines and lines starting with {@code #} ignored. {@code .npy}: a 2-D
 * float32 or float64 array of shape (N, K + 1) in the same layout, read by
 * {@link org.wisekit.datasets.io.Npy} (little- or big-endian, C or Fortran order). OOD tuning files may hold
 * the K logits alone, or a first column that is ignored.
 *
 * <p>Unlabelled files ({@link #readUnlabelled}, for applying a saved calibration) hold the K logits alone:
 * CSV with K columns, or {@code .npy} of shape (N, K).
 *
 * <p>Every problem is an {@link IllegalArgumentException} with one line naming the file and the line (CSV)
 * or row (npy): wrong column count, a cell that is not a number, NaN or infinite logits, a label that is
 * not an integer in 0..K-1, an empty file.
 */
public final class LogitFiles {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    private LogitFiles() {
    }

    /** Labelled logits; K is taken from the first row (columns - 1). */
    public static Logits readLabelled(Path file) {
        return toLogits(read(file), -1, true);
    }

    /** Labelled logits with exactly {@code classes} logits per row. */
    public static Logits readLabelled(Path file, int classes) {
        return toLogits(read(file), classes, true);
    }

    /** OOD logits for {@code classes} classes: K columns, or K + 1 with the first ignored. */
    public static Logits readOutOfDistribution(Path file, int classes) {
        return toLogits(read(file), classes, false);
    }

    /**
     * Unlabelled logits (to calibrate with a fitted calibration): exactly {@code classes} columns per row, the
     * K logits alone (CSV with an optional header, or {@code .npy} of shape (N, K)). Every row's label is
     * {@link Logits#NO_CLASS}.
     */
    public static Logits readUnlabelled(Path file, int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2, got " + classes);
        }
        Table table = read(file);
        if (table.columns() != classes) {
            throw new IllegalArgumentException(table.locations()[0] + ": expected " + classes + " columns (one logit per class"
                    + " of the calibrator), found " + table.columns()
                    + (table.columns() == classes + 1 ? "; remove the label column: apply takes the logits alone" : ""));
        }
        return toLogits(table, classes, false);
    }

    /**
     * Writes {@code p} to {@code file} atomically (temporary file, then rename): {@code .npy} as float64
     * (N, K), anything else as CSV with a header {@code p_0,...,p_{K-1}}.
     */
    public static void writeProbabilities(Path file, Probabilities p) {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            AtomicFiles.write(file, Npy.writeFloat64(p.values(), p.size(), p.classes()));
            return;
        }
        StringBuilder csv = new StringBuilder(p.values().length * 12);
        for (int k = 0; k < p.classes(); k++) {
            csv.append(k == 0 ? "" : ",").append("p_").append(k);
        }
        csv.append('\n');
        for (int i = 0; i < p.size(); i++) {
            for (int k = 0; k < p.classes(); k++) {
                csv.append(k == 0 ? "" : ",").append(p.get(i, k));
            }
            csv.append('\n');
        }
        AtomicFiles.writeString(file, csv.toString());
    }

    /** Rows of numbers with where each came from, for messages. */
    private record Table(int columns, double[] values, int rows, String[] locations) {
    }

    private static Table read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy") ? readNpy(file) : readCsv(file);
    }

    private static Table readNpy(Path file) {
        Npy.Array2d array;
        try {
            array = Npy.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (array.rows() == 0) {
            throw new IllegalArgumentException(file + ": no data rows");
        }
        String[] locations = new String[array.rows()];
        for (int r = 0; r < locations.length; r++) {
            locations[r] = file + ": row " + (r + 1);
        }
        return new Table(array.columns(), array.values(), array.rows(), locations);
    }

    private static Table readCsv(Path file) {
        double[] values = new double[1024];
        String[] locations = new String[64];
        int rows = 0;
        int columns = -1;
        int size = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            boolean firstContentLine = true;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String where = file + ":" + lineNumber;
                String[] cells = trimmed.split(",", -1);
                if (firstContentLine) {
                    firstContentLine = false;
                    if (!looksNumeric(cells[0].strip())) {
                        continue;                     // a header line
                    }
                }
                if (columns < 0) {
                    columns = cells.length;
                } else if (cells.length != columns) {
                    throw new IllegalArgumentException(where + ": expected " + columns + " columns like the first row, found "
                            + cells.length);
                }
                if (size + columns > values.length) {
                    values = Arrays.copyOf(values, Math.max(values.length * 2, size + columns));
                }
                for (int c = 0; c < columns; c++) {
                    values[size++] = parseCell(cells[c].strip(), where, c + 1);
                }
                if (rows == locations.length) {
                    locations = Arrays.copyOf(locations, rows * 2);
                }
                locations[rows++] = where;
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (rows == 0) {
            throw new IllegalArgumentException(file + ": no data rows");
        }
        return new Table(columns, Arrays.copyOf(values, size), rows, Arrays.copyOf(locations, rows));
    }

    /**
     * Turns a table into logits. {@code classes < 0}: take K from the column count. Labelled files need
     * K + 1 columns; OOD files K or K + 1 (then the first is ignored).
     */
    private static Logits toLogits(Table table, int classes, boolean labelled) {
        int k = classes < 0 ? table.columns() - 1 : classes;
        if (classes < 0 && k < 2) {
            throw new IllegalArgumentException(table.locations()[0] + ": need a label and at least 2 logits per row, found "
                    + table.columns() + " column(s)");
        }
        boolean hasLabelColumn = table.columns() == k + 1;
        if (!hasLabelColumn && (labelled || table.columns() != k)) {
            throw new IllegalArgumentException(table.locations()[0] + ": expected " + (k + 1) + " columns (label + " + k
                    + " logits" + (labelled ? "" : ", or the " + k + " logits alone") + "), found " + table.columns());
        }
        int skip = hasLabelColumn ? 1 : 0;
        double[] logits = new double[table.rows() * k];
        int[] labels = new int[table.rows()];
        for (int r = 0; r < table.rows(); r++) {
            int base = r * table.columns();
            for (int j = 0; j < k; j++) {
                double v = table.values()[base + skip + j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(table.locations()[r] + ": logit " + j + " is " + describe(v)
                            + "; logits must be finite");
                }
                logits[r * k + j] = v;
            }
            labels[r] = labelled ? label(table.values()[base], k, table.locations()[r]) : Logits.NO_CLASS;
        }
        return new Logits(k, logits, labels);
    }

    private static int label(double v, int classes, String where) {
        if (v != Math.rint(v) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(where + ": label " + describe(v) + " is not an integer class index");
        }
        if (v < 0 || v >= classes) {
            throw new IllegalArgumentException(where + ": label " + (long) v + " is outside 0.." + (classes - 1));
        }
        return (int) v;
    }

    private static double parseCell(String cell, String where, int column) {
        if (cell.isEmpty()) {
            throw new IllegalArgumentException(where + ": column " + column + " is empty");
        }
        String lower = cell.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!looksNumeric(cell)) {
            throw new IllegalArgumentException(where + ": column " + column + " ('" + cell + "') is not a number");
        }
        return Double.parseDouble(cell);
    }

    /** A decimal number as CSV writers print them (no hex floats, no Java 'd'/'f' suffixes). */
    private static boolean looksNumeric(String cell) {
        return DECIMAL.matcher(cell).matches() || NON_FINITE.matcher(cell).matches();
    }

    private static String describe(double v) {
        return Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? (v > 0 ? "+inf" : "-inf") : String.valueOf(v);
    }
}
