package org.wisekit.sched.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Line-oriented reading shared by the trace readers: delimited rows with their 1-based line numbers, a
 * header-indexed CSV view, and parsers whose errors are one line naming {@code file:line}.
 */
final class Rows {

    /** One non-blank line split on the delimiter. */
    record Row(Path file, int line, String[] fields) {

        String where() {
            return file + ":" + line;
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException(where() + ": " + message);
        }
    }

    /** A CSV file's header (column name -> index) and data rows. */
    record Csv(Path file, Map<String, Integer> columns, List<Row> rows) {

        boolean has(String column) {
            return columns.containsKey(column);
        }

        int index(String column) {
            Integer i = columns.get(column);
            if (i == null) {
                throw new IllegalArgumentException(file + ":1: missing column '" + column + "' (header: "
                        + String.join(",", columns.keySet()) + ")");
            }
            return i;
        }

        String text(Row row, String column) {
            return row.fields()[index(column)].trim();
        }

        double number(Row row, String column) {
            return Rows.number(row, column, text(row, column));
        }

        double nonNegative(Row row, String column) {
            double v = number(row, column);
            if (v < 0) {
                throw row.error("negative " + column + ": " + text(row, column));
            }
            return v;
        }

        int integer(Row row, String column) {
            return Rows.integer(row, column, text(row, column));
        }
    }

    private Rows() {
    }

    /** The non-blank lines of {@code file} split on {@code delimiter} ("," or a tab), each with its line number. */
    static List<Row> read(Path file, String delimiter) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        List<Row> rows = new ArrayList<>();
        if (!delimiter.equals(",") && !delimiter.equals("\t")) {
            throw new IllegalArgumentException("delimiter must be ',' or a tab");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (n == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
                rows.add(new Row(file, n, line.split(delimiter, -1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /** A comma-separated file with a header line; every data row must have the header's field count. */
    static Csv csv(Path file, String... required) {
        List<Row> all = read(file, ",");
        if (all.isEmpty()) {
            throw new IllegalArgumentException(file + ":1: empty file (expected a header line)");
        }
        Row header = all.get(0);
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < header.fields().length; i++) {
            columns.put(header.fields()[i].trim(), i);
        }
        Csv csv = new Csv(file, columns, all.subList(1, all.size()));
        for (String column : required) {
            if (!columns.containsKey(column)) {
                throw new IllegalArgumentException(header.where() + ": missing column '" + column + "' (header: "
                        + String.join(",", columns.keySet()) + ")");
            }
        }
        for (Row row : csv.rows()) {
            if (row.fields().length != columns.size()) {
                throw row.error("expected " + columns.size() + " comma-separated fields, got " + row.fields().length);
            }
        }
        return csv;
    }

    static double number(Row row, String what, String text) {
        try {
            double v = Double.parseDouble(text.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // message below
        }
        throw row.error(what + " is not a finite number: '" + text + "'");
    }

    static int integer(Row row, String what, String text) {
        double v = number(row, what, text);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw row.error(what + " is not an integer: '" + text + "'");
        }
        return (int) v;
    }
}
