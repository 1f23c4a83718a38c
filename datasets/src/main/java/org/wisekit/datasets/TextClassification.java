package org.wisekit.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Readers for the text-classification files: SST-2, AG News and TREC (coarse and fine labels). All are read as strict UTF-8 (the
 * mirrored TREC copy is UTF-8 and holds a few Devanagari characters; see the module README). Texts are
 * trimmed of surrounding whitespace and otherwise kept as they are, including AG News's {@code #39;}-style
 * entity remnants and backslashes.
 */
public final class TextClassification {

    /** SST-2 label 0 is negative, 1 positive. */
    public static final List<String> SST2_CLASSES = List.of("negative", "positive");
    /** AG News label names, in the order of the original release's class indices 1..4. */
    public static final List<String> AG_NEWS_CLASSES = List.of("World", "Sports", "Business", "Sci/Tech");
    /** TREC coarse classes, in the usual order (as in the Hugging Face {@code trec} dataset). */
    public static final List<String> TREC_COARSE_CLASSES = List.of("ABBR", "ENTY", "DESC", "HUM", "LOC", "NUM");
    /** The 50 TREC fine classes as {@code COARSE:fine}, sorted. */
    public static final List<String> TREC_FINE_CLASSES = List.of("ABBR:abb", "ABBR:exp", "DESC:def", "DESC:desc",
            "DESC:manner", "DESC:reason", "ENTY:animal", "ENTY:body", "ENTY:color", "ENTY:cremat", "ENTY:currency",
            "ENTY:dismed", "ENTY:event", "ENTY:food", "ENTY:instru", "ENTY:lang", "ENTY:letter", "ENTY:other",
            "ENTY:plant", "ENTY:product", "ENTY:religion", "ENTY:sport", "ENTY:substance", "ENTY:symbol",
            "ENTY:techmeth", "ENTY:termeq", "ENTY:veh", "ENTY:word", "HUM:desc", "HUM:gr", "HUM:ind", "HUM:title",
            "LOC:city", "LOC:country", "LOC:mount", "LOC:other", "LOC:state", "NUM:code", "NUM:count", "NUM:date",
            "NUM:dist", "NUM:money", "NUM:ord", "NUM:other", "NUM:perc", "NUM:period", "NUM:speed", "NUM:temp",
            "NUM:volsize", "NUM:weight");

    private static final String SST2_HEADER = "sentence\tlabel";
    private static final List<String> SST2_LABELS_AS_WRITTEN = List.of("0", "1");

    private TextClassification() {
    }

    /** SST-2 TSV: the header {@code sentence<TAB>label}, then a sentence and its label (0 or 1) per line. */
    public static LabeledTexts readSst2(Path file) {
        List<String> lines = readLines(file);
        if (lines.isEmpty() || !lines.get(0).equals(SST2_HEADER)) {
            throw new MalformedDataException(file, "the first line must be the header 'sentence<TAB>label'");
        }
        return textTabLabel(lines, 1, new Examples(file, SST2_CLASSES, SST2_LABELS_AS_WRITTEN));
    }

    /** AG News TSV: no header; {@code text<TAB>label name} per line, names from {@link #AG_NEWS_CLASSES}. */
    public static LabeledTexts readAgNews(Path file) {
        List<String> lines = readLines(file);
        return textTabLabel(lines, 0, new Examples(file, AG_NEWS_CLASSES, AG_NEWS_CLASSES));
    }

    /** Lines {@code text<TAB>label} from {@code firstLine} on (the label after the last tab). */
    private static LabeledTexts textTabLabel(List<String> lines, int firstLine, Examples examples) {
        for (int i = firstLine; i < lines.size(); i++) {
            String line = lines.get(i);
            int tab = line.lastIndexOf('\t');
            examples.add(i + 1, line, tab > 0, line.substring(0, Math.max(tab, 0)), line.substring(tab + 1));
        }
        return examples.toLabeledTexts();
    }

    /** TREC: {@code COARSE:fine question} per line, e.g. {@code NUM:dist How far ...}; the label is the coarse class. */
    public static LabeledTexts readTrec(Path file) {
        List<String> lines = readLines(file);
        Examples examples = new Examples(file, TREC_COARSE_CLASSES, TREC_COARSE_CLASSES);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int space = line.indexOf(' ');
            int colon = line.indexOf(':');
            boolean wellFormed = colon > 0 && colon < space;
            examples.add(i + 1, line, wellFormed, line.substring(space + 1),
                    line.substring(0, Math.max(colon, 0)));
        }
        return examples.toLabeledTexts();
    }

    /**
     * TREC with fine labels: {@code COARSE:fine question} per line; the label is {@code COARSE:fine}, one of
     * {@link #TREC_FINE_CLASSES}. One line of the mirrored training file has its label and first word swapped
     * ({@code NUM:How count many innings ...}): a line whose fine label is unknown but whose first word is a fine
     * label of the same coarse class is read with the two swapped back ({@code NUM:count How many innings ...});
     * any other unknown label is an error.
     */
    public static LabeledTexts readTrecFine(Path file) {
        List<String> lines = readLines(file);
        Examples examples = new Examples(file, TREC_FINE_CLASSES, TREC_FINE_CLASSES);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int space = line.indexOf(' ');
            int colon = line.indexOf(':');
            boolean wellFormed = colon > 0 && colon < space;
            String label = line.substring(0, Math.max(space, 0));
            String text = line.substring(space + 1);
            if (wellFormed && !TREC_FINE_CLASSES.contains(label)) {
                int next = text.indexOf(' ');
                String swapped = label.substring(0, colon + 1) + (next > 0 ? text.substring(0, next) : text);
                if (next > 0 && TREC_FINE_CLASSES.contains(swapped)) {
                    text = label.substring(colon + 1) + text.substring(next);
                    label = swapped;
                }
            }
            examples.add(i + 1, line, wellFormed, text, label);
        }
        return examples.toLabeledTexts();
    }

    /** Texts and labels collected line by line, with the checks every format shares. */
    private static final class Examples {

        private final Path file;
        private final List<String> classNames;
        private final List<String> labelsAsWritten;
        private final List<String> texts = new ArrayList<>();
        private final List<Integer> labels = new ArrayList<>();

        /** {@code labelsAsWritten.get(k)} is how class {@code k} is spelled in the file. */
        Examples(Path file, List<String> classNames, List<String> labelsAsWritten) {
            this.file = file;
            this.classNames = classNames;
            this.labelsAsWritten = labelsAsWritten;
        }

        /** Adds one line's example; {@code wellFormed} says whether the line had its label and text parts. */
        void add(int lineNumber, String line, boolean wellFormed, String text, String label) {
            if (!wellFormed || text.isBlank()) {
                throw new MalformedDataException(file, "line " + lineNumber + " is not a labelled text: '" + line + "'");
            }
            int index = labelsAsWritten.indexOf(label);
            if (index < 0) {
                throw new MalformedDataException(file, "line " + lineNumber + ": unknown label '" + label
                        + "', expected one of " + labelsAsWritten);
            }
            texts.add(text.strip());
            labels.add(index);
        }

        LabeledTexts toLabeledTexts() {
            return new LabeledTexts(texts, labels.stream().mapToInt(Integer::intValue).toArray(), classNames);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new MalformedDataException(file, "is not valid UTF-8", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
