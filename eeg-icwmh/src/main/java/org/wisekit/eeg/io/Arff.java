package org.wisekit.eeg.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads Weka ARFF files of numeric attributes ({@code NUMERIC}, {@code REAL}, {@code INTEGER}) and one nominal
 * class attribute: {@code @relation}, {@code @attribute} lines, then comma-separated {@code @data} rows. Comment
 * lines start with {@code %}; keywords are case-insensitive; names and nominal values may be quoted with
 * {@code '} or {@code "}. Missing values ({@code ?}), sparse rows, instance weights and string, date or
 * relational attributes are not supported and fail with an {@link EegFormatException} naming the file and line,
 * as do a missing class attribute, a row with the wrong number of values, a non-numeric value and an unknown
 * nominal value.
 *
 * <p>The class attribute is the one named by the caller, else the only nominal attribute. Thread-safe (no state).
 */
public final class Arff {

    private Arff() {
    }

    /**
     * Reads an ARFF file (UTF-8) whose only nominal attribute is the class.
     *
     * @param file the file
     * @return the table
     */
    public static ArffData read(Path file) {
        return read(file, null);
    }

    /**
     * Reads an ARFF file (UTF-8) with the given class attribute.
     *
     * @param file           the file
     * @param classAttribute the class attribute's name, or null for the only nominal attribute
     * @return the table
     */
    public static ArffData read(Path file, String classAttribute) {
        Objects.requireNonNull(file, "file");
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString(), classAttribute);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ARFF file " + file + ": " + e, e);
        }
    }

    /**
     * Reads ARFF text.
     *
     * @param text           the file's content
     * @param name           the name used in error messages
     * @param classAttribute the class attribute's name, or null for the only nominal attribute
     * @return the table
     */
    public static ArffData parse(String text, String name, String classAttribute) {
        try {
            return read(new StringReader(Objects.requireNonNull(text, "text")), name, classAttribute);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads ARFF text from a reader (read to its end, not closed).
     *
     * @param reader         the text
     * @param name           the name used in error messages
     * @param classAttribute the class attribute's name, or null for the only nominal attribute
     * @return the table
     * @throws IOException when the reader fails
     */
    public static ArffData read(Reader reader, String name, String classAttribute) throws IOException {
        Objects.requireNonNull(name, "name");
        BufferedReader in = reader instanceof BufferedReader br ? br : new BufferedReader(reader);
        String relation = null;
        List<String> names = new ArrayList<>();
        List<List<String>> nominal = new ArrayList<>(); // null entry = numeric
        int lineNo = 0;
        String line;
        boolean inData = false;
        int classIndex = -1;
        List<String> classValues = null;
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int[] featureOf = null;
        while ((line = in.readLine()) != null) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("%")) {
                continue;
            }
            if (!inData) {
                String lower = t.toLowerCase(Locale.ROOT);
                if (lower.startsWith("@relation")) {
                    relation = unquote(t.substring(9).strip());
                } else if (lower.startsWith("@attribute")) {
                    parseAttribute(t.substring(10).strip(), name, lineNo, names, nominal);
                } else if (lower.startsWith("@data")) {
                    if (names.isEmpty()) {
                        throw new EegFormatException(name, "line " + lineNo + ": @data before any @attribute");
                    }
                    classIndex = classIndex(name, lineNo, names, nominal, classAttribute);
                    classValues = nominal.get(classIndex);
                    featureOf = new int[names.size()];
                    for (int j = 0, f = 0; j < names.size(); j++) {
                        featureOf[j] = j == classIndex ? -1 : f++;
                    }
                    inData = true;
                } else {
                    throw new EegFormatException(name, "line " + lineNo + ": expected @relation, @attribute or @data, got '"
                            + abbreviate(t) + "'");
                }
                continue;
            }
            if (t.startsWith("{")) {
                throw new EegFormatException(name, "line " + lineNo + ": sparse ARFF rows are not supported");
            }
            List<String> values = split(t);
            if (values.size() != names.size()) {
                throw new EegFormatException(name, "line " + lineNo + ": " + values.size() + " values, expected "
                        + names.size() + " (one per @attribute)");
            }
            double[] row = new double[names.size() - 1];
            int label = -1;
            for (int j = 0; j < values.size(); j++) {
                String v = values.get(j);
                if (v.equals("?")) {
                    throw new EegFormatException(name, "line " + lineNo + ", attribute '" + names.get(j)
                            + "': missing value '?' is not supported");
                }
                if (j == classIndex) {
                    label = classValues.indexOf(unquote(v));
                    if (label < 0) {
                        throw new EegFormatException(name, "line " + lineNo + ": class value '" + v + "' of attribute '"
                                + names.get(j) + "' is not one of " + classValues);
                    }
                } else {
                    row[featureOf[j]] = parseNumber(v, name, lineNo, names.get(j));
                }
            }
            rows.add(row);
            labels.add(label);
        }
        if (!inData) {
            throw new EegFormatException(name, "no @data section (" + lineNo + " lines read)");
        }
        List<String> featureNames = new ArrayList<>(names);
        featureNames.remove(classIndex);
        int[] lab = new int[labels.size()];
        for (int i = 0; i < lab.length; i++) {
            lab[i] = labels.get(i);
        }
        return new ArffData(relation == null ? "" : relation, featureNames, rows.toArray(new double[0][]),
                names.get(classIndex), classValues, lab);
    }

    private static void parseAttribute(String rest, String file, int lineNo, List<String> names, List<List<String>> nominal) {
        String attrName;
        String type;
        if (rest.startsWith("'") || rest.startsWith("\"")) {
            int close = rest.indexOf(rest.charAt(0), 1);
            if (close < 0) {
                throw new EegFormatException(file, "line " + lineNo + ": unclosed quote in attribute name");
            }
            attrName = rest.substring(1, close);
            type = rest.substring(close + 1).strip();
        } else {
            int sp = 0;
            while (sp < rest.length() && !Character.isWhitespace(rest.charAt(sp)) && rest.charAt(sp) != '{') {
                sp++;
            }
            attrName = rest.substring(0, sp);
            type = rest.substring(sp).strip();
        }
        if (attrName.isEmpty() || type.isEmpty()) {
            throw new EegFormatException(file, "line " + lineNo + ": @attribute needs a name and a type");
        }
        if (names.contains(attrName)) {
            throw new EegFormatException(file, "line " + lineNo + ": attribute '" + attrName + "' declared twice");
        }
        String lower = type.toLowerCase(Locale.ROOT);
        if (type.startsWith("{")) {
            if (!type.endsWith("}")) {
                throw new EegFormatException(file, "line " + lineNo + ": nominal attribute '" + attrName
                        + "' has no closing '}'");
            }
            List<String> values = new ArrayList<>();
            for (String v : split(type.substring(1, type.length() - 1))) {
                values.add(unquote(v));
            }
            if (values.isEmpty() || values.contains("")) {
                throw new EegFormatException(file, "line " + lineNo + ": nominal attribute '" + attrName
                        + "' has an empty value list or an empty value");
            }
            names.add(attrName);
            nominal.add(List.copyOf(values));
        } else if (lower.equals("numeric") || lower.equals("real") || lower.equals("integer")) {
            names.add(attrName);
            nominal.add(null);
        } else {
            throw new EegFormatException(file, "line " + lineNo + ": attribute '" + attrName + "' has type '" + type
                    + "'; only NUMERIC, REAL, INTEGER and nominal {...} attributes are supported");
        }
    }

    private static int classIndex(String file, int lineNo, List<String> names, List<List<String>> nominal, String wanted) {
        int classIndex = -1;
        if (wanted != null) {
            classIndex = names.indexOf(wanted);
            if (classIndex < 0) {
                throw new EegFormatException(file, "class attribute '" + wanted + "' is not declared; attributes: " + names);
            }
            if (nominal.get(classIndex) == null) {
                throw new EegFormatException(file, "class attribute '" + wanted + "' is numeric, not nominal");
            }
        } else {
            for (int j = 0; j < names.size(); j++) {
                if (nominal.get(j) != null) {
                    if (classIndex >= 0) {
                        throw new EegFormatException(file, "several nominal attributes ('" + names.get(classIndex)
                                + "', '" + names.get(j) + "'); name the class attribute");
                    }
                    classIndex = j;
                }
            }
            if (classIndex < 0) {
                throw new EegFormatException(file, "no nominal class attribute among the " + names.size()
                        + " attributes (line " + lineNo + ", @data); a class attribute {a,b,...} is required");
            }
        }
        for (int j = 0; j < names.size(); j++) {
            if (j != classIndex && nominal.get(j) != null) {
                throw new EegFormatException(file, "attribute '" + names.get(j) + "' is nominal but not the class"
                        + " attribute; only numeric features are supported");
            }
        }
        return classIndex;
    }

    private static double parseNumber(String v, String file, int lineNo, String attr) {
        boolean plain = !v.isEmpty();
        for (int i = 0; i < v.length() && plain; i++) {
            char c = v.charAt(i);
            plain = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
        }
        if (plain) { // only decimal characters: no NaN, Infinity, hex or type suffix reaches parseDouble
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new EegFormatException(file, "line " + lineNo + ", attribute '" + attr + "': '" + abbreviate(v)
                + "' is not a number");
    }

    /** Splits on commas outside quotes; trims each value (quotes kept). */
    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ',') {
                out.add(s.substring(start, i).strip());
                start = i + 1;
            }
        }
        String last = s.substring(start).strip();
        if (!last.isEmpty() || !out.isEmpty()) {
            out.add(last);
        }
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '\'' || v.charAt(0) == '"') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
