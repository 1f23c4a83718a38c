package org.wisekit.text;

import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wisekit.text.internal.Json;

/**
 * BERT's tokenizer as a Hugging Face {@code tokenizer.json} defines it: BertNormalizer (clean text, pad CJK
 * characters, lowercase and strip accents), BertPreTokenizer (split on whitespace and punctuation),
 * greedy longest-match WordPiece with the {@code ##} prefix ({@code [UNK]} for a word with no split or
 * longer than 100 characters), then {@code [CLS] ... [SEP]}, truncated to {@code maxLength} tokens.
 */
public final class WordPieceTokenizer implements Tokenizer {

    private final Map<String, Integer> vocab;
    private final int unk;
    private final int cls;
    private final int sep;
    private final int maxLength;
    private final boolean lowercase;

    private WordPieceTokenizer(Map<String, Integer> vocab, int maxLength, boolean lowercase) {
        this.vocab = vocab;
        this.unk = id(vocab, "[UNK]");
        this.cls = id(vocab, "[CLS]");
        this.sep = id(vocab, "[SEP]");
        this.maxLength = maxLength;
        this.lowercase = lowercase;
    }

    private static int id(Map<String, Integer> vocab, String token) {
        Integer i = vocab.get(token);
        if (i == null) {
            throw new IllegalArgumentException("tokenizer.json: vocabulary has no " + token);
        }
        return i;
    }

    /**
     * Reads a Hugging Face {@code tokenizer.json} with a WordPiece model.
     *
     * @param json the file's content, UTF-8 (not closed)
     * @return the tokenizer
     * @throws IOException if the stream cannot be read
     * @throws IllegalArgumentException naming {@code tokenizer.json} and the field, if the JSON is malformed
     *                                  or not a WordPiece tokenizer
     */
    public static WordPieceTokenizer read(InputStream json) throws IOException {
        Object parsed;
        try {
            parsed = Json.parse(json);
        } catch (IllegalArgumentException e) {
            if (e.getCause() != null && e.getCause().getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalArgumentException("tokenizer.json: not valid JSON: " + e.getMessage(), e);
        }
        Map<?, ?> root = object(parsed, "the document");
        Map<?, ?> model = object(root.get("model"), "model");
        Object type = model.get("type");
        if (!"WordPiece".equals(type)) {
            throw new IllegalArgumentException("tokenizer.json: model type is '" + (type == null ? "" : type)
                    + "', expected WordPiece");
        }
        Map<String, Integer> vocab = new HashMap<>();
        for (Map.Entry<?, ?> e : object(model.get("vocab"), "model.vocab").entrySet()) {
            if (!(e.getValue() instanceof Number id)) {
                throw new IllegalArgumentException("tokenizer.json: model.vocab['" + e.getKey() + "'] is not a number: "
                        + e.getValue());
            }
            vocab.put((String) e.getKey(), id.intValue());
        }
        int max = root.get("truncation") instanceof Map<?, ?> t && t.get("max_length") instanceof Number n
                ? n.intValue() : 512;
        boolean lower = !(root.get("normalizer") instanceof Map<?, ?> norm && norm.get("lowercase") instanceof Boolean b)
                || b;
        return new WordPieceTokenizer(vocab, max, lower);
    }

    private static Map<?, ?> object(Object v, String field) {
        if (!(v instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("tokenizer.json: " + field + " is not a JSON object");
        }
        return m;
    }

    /**
     * The longest encoding, special tokens included (the file's {@code truncation.max_length}, else 512).
     *
     * @return the maximum number of ids {@link #encode} returns
     */
    public int maxLength() {
        return maxLength;
    }

    @Override
    public int vocabSize() {
        return vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    }

    @Override
    public boolean byteLevel() {
        return false;
    }

    @Override
    public String kind() {
        return "WordPiece";
    }

    /** Token ids of one sentence, with [CLS] and [SEP]. */
    @Override
    public int[] encode(String text) {
        return encode(text, true);
    }

    /** Token ids of one sentence, with [CLS] and [SEP] if {@code addSpecialTokens}; truncated to the file's max_length. */
    @Override
    public int[] encode(String text, boolean addSpecialTokens) {
        if (!addSpecialTokens) {
            List<Integer> ids = new ArrayList<>();
            for (String word : preTokenize(normalize(text))) {
                wordPiece(word, ids);
                if (ids.size() >= maxLength) {
                    break;
                }
            }
            return ids.stream().limit(maxLength).mapToInt(Integer::intValue).toArray();
        }
        List<Integer> ids = new ArrayList<>();
        ids.add(cls);
        for (String word : preTokenize(normalize(text))) {
            wordPiece(word, ids);
            if (ids.size() >= maxLength - 1) {
                break;
            }
        }
        List<Integer> kept = ids.subList(0, Math.min(ids.size(), maxLength - 1));
        int[] out = new int[kept.size() + 1];
        for (int i = 0; i < kept.size(); i++) {
            out[i] = kept.get(i);
        }
        out[out.length - 1] = sep;
        return out;
    }

    String normalize(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp == 0 || cp == 0xfffd || isControl(cp)) {
                return;
            }
            if (isWhitespace(cp)) {
                sb.append(' ');
            } else if (isCjk(cp)) {
                sb.append(' ').appendCodePoint(cp).append(' ');
            } else {
                sb.appendCodePoint(cp);
            }
        });
        String s = sb.toString();
        if (lowercase) {
            s = s.toLowerCase(java.util.Locale.ROOT);
            String nfd = Normalizer.normalize(s, Normalizer.Form.NFD);
            StringBuilder stripped = new StringBuilder();
            nfd.codePoints().filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK)
                    .forEach(stripped::appendCodePoint);
            s = stripped.toString();
        }
        return s;
    }

    static List<String> preTokenize(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (isWhitespace(cp)) {
                flush(cur, words);
            } else if (isPunctuation(cp)) {
                flush(cur, words);
                words.add(new String(Character.toChars(cp)));
            } else {
                cur.appendCodePoint(cp);
            }
        });
        flush(cur, words);
        return words;
    }

    private static void flush(StringBuilder cur, List<String> words) {
        if (cur.length() > 0) {
            words.add(cur.toString());
            cur.setLength(0);
        }
    }

    private void wordPiece(String word, List<Integer> out) {
        if (word.codePointCount(0, word.length()) > 100) {
            out.add(unk);
            return;
        }
        List<Integer> pieces = new ArrayList<>();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            Integer found = null;
            while (start < end) {
                String sub = (start > 0 ? "##" : "") + word.substring(start, end);
                found = vocab.get(sub);
                if (found != null) {
                    break;
                }
                end = word.offsetByCodePoints(end, -1);
            }
            if (found == null) {
                out.add(unk);
                return;
            }
            pieces.add(found);
            start = end;
        }
        out.addAll(pieces);
    }

    private static boolean isWhitespace(int cp) {
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || Character.getType(cp) == Character.SPACE_SEPARATOR;
    }

    private static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int t = Character.getType(cp);
        return t == Character.CONTROL || t == Character.FORMAT || t == Character.PRIVATE_USE || t == Character.SURROGATE
                || t == Character.UNASSIGNED;
    }

    private static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        int t = Character.getType(cp);
        return t == Character.CONNECTOR_PUNCTUATION || t == Character.DASH_PUNCTUATION || t == Character.START_PUNCTUATION
                || t == Character.END_PUNCTUATION || t == Character.INITIAL_QUOTE_PUNCTUATION
                || t == Character.FINAL_QUOTE_PUNCTUATION || t == Character.OTHER_PUNCTUATION;
    }

    private static boolean isCjk(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
