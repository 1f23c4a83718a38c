package org.wisekit.text;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wisekit.text.internal.Json;

/**
 * A Hugging Face {@code tokenizer.json} with a {@code BPE} model, in plain Java, following the order of the
 * {@code tokenizers} library: added tokens are split out of the raw text first; each remaining segment is
 * normalized ({@code Sequence}, {@code Prepend}, {@code Replace}, {@code NFC/NFD/NFKC/NFKD},
 * {@code Lowercase}, {@code Strip}), pre-tokenized ({@code ByteLevel}, {@code Split}, {@code Metaspace},
 * {@code Whitespace}, {@code WhitespaceSplit}, {@code Digits}, {@code Sequence}), and each piece is
 * encoded by BPE: start from characters (a character missing from the vocabulary becomes its UTF-8 bytes
 * {@code <0xXX>} with {@code byte_fallback}, else the unknown token, fused when {@code fuse_unk}), then
 * repeatedly apply the merge of lowest rank (leftmost first), unless {@code ignore_merges} and the whole
 * piece is a token. The post-processor ({@code TemplateProcessing}, {@code ByteLevel},
 * {@code RobertaProcessing}, {@code BertProcessing}, {@code Sequence}) adds the special tokens.
 *
 * <p>Regular expressions of {@code Split} are compiled by {@link Pattern} with Unicode character classes
 * (the library uses Oniguruma; the patterns of GPT-2, Llama-3 and Qwen behave the same). Not supported (an
 * error when the file asks for them): dropout, {@code continuing_subword_prefix}, {@code end_of_word_suffix},
 * an inverted {@code Split}, other normalizers or pre-tokenizers. The {@code lstrip}/{@code rstrip}/
 * {@code single_word} options of added tokens are ignored (their content is matched exactly).
 */
public final class BpeTokenizer implements Tokenizer {

    /** The GPT-2 pre-tokenization pattern of the ByteLevel pre-tokenizer ({@code use_regex}). */
    static final String GPT2_PATTERN = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

    private static final char[] BYTE_CHARS = byteChars();

    private final Map<String, Integer> vocab;
    private final Map<Long, int[]> merges; // (left id, right id) -> {rank, merged id}
    private final Integer unk;
    private final boolean byteFallback;
    private final boolean fuseUnk;
    private final boolean ignoreMerges;
    private final int[] byteIds; // <0xXX> ids, or null
    private final List<Map.Entry<String, Integer>> added; // longest first
    private final Function<String, String> normalizer;
    private final PreTokenizer preTokenizer;
    private final List<Object> template; // Integer ids and the marker SEQUENCE, or null
    private final boolean byteLevel;
    private final int vocabSize;
    private final Map<String, int[]> cache = new HashMap<>();

    private static final Object SEQUENCE = new Object();

    /** Splits a segment into pieces. */
    private interface PreTokenizer {
        List<String> split(String text, boolean firstSegment);
    }

    private BpeTokenizer(Map<?, ?> root) {
        Map<?, ?> model = obj(root.get("model"), "model");
        if (model.get("dropout") instanceof Number d && d.doubleValue() > 0) {
            throw new IllegalArgumentException("tokenizer.json: model.dropout " + d + " is not supported");
        }
        for (String k : new String[] {"continuing_subword_prefix", "end_of_word_suffix"}) {
            if (model.get(k) instanceof String s && !s.isEmpty()) {
                throw new IllegalArgumentException("tokenizer.json: model." + k + " '" + s + "' is not supported");
            }
        }
        vocab = new HashMap<>();
        int max = -1;
        for (Map.Entry<?, ?> e : obj(model.get("vocab"), "model.vocab").entrySet()) {
            if (!(e.getValue() instanceof Number n)) {
                throw new IllegalArgumentException("tokenizer.json: model.vocab['" + e.getKey() + "'] is not a number: "
                        + e.getValue());
            }
            int id = (int) Json.toLong(n, "model.vocab['" + e.getKey() + "']");
            if (id < 0) {
                throw new IllegalArgumentException("tokenizer.json: model.vocab['" + e.getKey() + "'] is negative: " + id);
            }
            vocab.put((String) e.getKey(), id);
            max = Math.max(max, id);
        }
        merges = new HashMap<>();
        if (!(model.get("merges") instanceof List<?> ml)) {
            throw new IllegalArgumentException("tokenizer.json: model.merges is not a JSON array");
        }
        for (int rank = 0; rank < ml.size(); rank++) {
            Object m = ml.get(rank);
            String a;
            String b;
            if (m instanceof String s) {
                int sp = s.indexOf(' ', 1);
                if (sp < 0) {
                    throw new IllegalArgumentException("tokenizer.json: model.merges[" + rank + "] '" + s + "' is not 'a b'");
                }
                a = s.substring(0, sp);
                b = s.substring(sp + 1);
            } else if (m instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof String x
                    && pair.get(1) instanceof String y) {
                a = x;
                b = y;
            } else {
                throw new IllegalArgumentException("tokenizer.json: model.merges[" + rank + "] is not a pair: " + m);
            }
            Integer ia = vocab.get(a);
            Integer ib = vocab.get(b);
            Integer merged = vocab.get(a + b);
            if (ia == null || ib == null || merged == null) {
                throw new IllegalArgumentException("tokenizer.json: model.merges[" + rank + "] '" + a + " " + b
                        + "' uses a token missing from the vocabulary");
            }
            merges.putIfAbsent(key(ia, ib), new int[] {rank, merged});
        }
        Object unkToken = model.get("unk_token");
        unk = unkToken instanceof String u ? vocab.get(u) : null;
        if (unkToken instanceof String u && unk == null) {
            throw new IllegalArgumentException("tokenizer.json: model.unk_token '" + u + "' is not in the vocabulary");
        }
        byteFallback = Boolean.TRUE.equals(model.get("byte_fallback"));
        fuseUnk = Boolean.TRUE.equals(model.get("fuse_unk"));
        ignoreMerges = Boolean.TRUE.equals(model.get("ignore_merges"));
        int[] bytes = new int[256];
        boolean allBytes = true;
        for (int i = 0; i < 256; i++) {
            Integer id = vocab.get(String.format(Locale.ROOT, "<0x%02X>", i));
            allBytes &= id != null;
            bytes[i] = id == null ? -1 : id;
        }
        byteIds = byteFallback ? bytes : null;

        List<Map.Entry<String, Integer>> addedTokens = new ArrayList<>();
        if (root.get("added_tokens") instanceof List<?> at) {
            for (Object o : at) {
                Map<?, ?> t = obj(o, "added_tokens[]");
                if (!(t.get("content") instanceof String c) || c.isEmpty() || !(t.get("id") instanceof Number id)) {
                    throw new IllegalArgumentException("tokenizer.json: an added token lacks 'content' or 'id': " + t);
                }
                addedTokens.add(Map.entry(c, id.intValue()));
                max = Math.max(max, id.intValue());
            }
        }
        addedTokens.sort(Comparator.comparingInt((Map.Entry<String, Integer> e) -> e.getKey().length()).reversed());
        added = addedTokens;
        normalizer = normalizer(root.get("normalizer"));
        boolean[] level = new boolean[1];
        preTokenizer = preTokenizer(root.get("pre_tokenizer"), level);
        byteLevel = level[0] || (byteFallback && allBytes);
        template = postProcessor(root.get("post_processor"), new ArrayList<>());
        if (template != null) {
            for (Object o : template) {
                if (o instanceof Integer id) {
                    max = Math.max(max, id);
                }
            }
        }
        vocabSize = max + 1;
    }

    static BpeTokenizer fromJson(Map<?, ?> root) {
        return new BpeTokenizer(root);
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xffffffffL);
    }

    private static Map<?, ?> obj(Object v, String field) {
        if (!(v instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("tokenizer.json: " + field + " is not a JSON object");
        }
        return m;
    }

    private static String str(Map<?, ?> m, String key, String where) {
        if (!(m.get(key) instanceof String s)) {
            throw new IllegalArgumentException("tokenizer.json: " + where + "." + key + " is not a string");
        }
        return s;
    }

    // ---- normalizers ----

    private static Function<String, String> normalizer(Object spec) {
        if (spec == null) {
            return Function.identity();
        }
        Map<?, ?> n = obj(spec, "normalizer");
        String type = String.valueOf(n.get("type"));
        switch (type) {
            case "Sequence": {
                if (!(n.get("normalizers") instanceof List<?> list)) {
                    throw new IllegalArgumentException("tokenizer.json: normalizer Sequence has no 'normalizers' array");
                }
                Function<String, String> f = Function.identity();
                for (Object o : list) {
                    f = f.andThen(normalizer(o));
                }
                return f;
            }
            case "Prepend": {
                String p = str(n, "prepend", "normalizer");
                return s -> s.isEmpty() ? s : p + s;
            }
            case "Replace": {
                Pattern pat = pattern(obj(n.get("pattern"), "normalizer.pattern"));
                String content = str(n, "content", "normalizer");
                return s -> pat.matcher(s).replaceAll(Matcher.quoteReplacement(content));
            }
            case "NFC":
                return s -> Normalizer.normalize(s, Normalizer.Form.NFC);
            case "NFD":
                return s -> Normalizer.normalize(s, Normalizer.Form.NFD);
            case "NFKC":
                return s -> Normalizer.normalize(s, Normalizer.Form.NFKC);
            case "NFKD":
                return s -> Normalizer.normalize(s, Normalizer.Form.NFKD);
            case "Lowercase":
                return s -> s.toLowerCase(Locale.ROOT);
            case "Strip": {
                boolean left = !Boolean.FALSE.equals(n.get("strip_left"));
                boolean right = !Boolean.FALSE.equals(n.get("strip_right"));
                return s -> left && right ? s.strip() : left ? s.stripLeading() : right ? s.stripTrailing() : s;
            }
            default:
                throw new IllegalArgumentException("tokenizer.json: normalizer '" + type + "' is not supported");
        }
    }

    private static Pattern pattern(Map<?, ?> p) {
        if (p.get("String") instanceof String s) {
            return Pattern.compile(Pattern.quote(s));
        }
        if (p.get("Regex") instanceof String r) {
            try {
                return Pattern.compile(r, Pattern.UNICODE_CHARACTER_CLASS);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException("tokenizer.json: regex not understood: " + r, e);
            }
        }
        throw new IllegalArgumentException("tokenizer.json: pattern is neither String nor Regex: " + p);
    }

    // ---- pre-tokenizers ----

    private static PreTokenizer preTokenizer(Object spec, boolean[] byteLevel) {
        if (spec == null) {
            return (s, first) -> s.isEmpty() ? List.of() : List.of(s);
        }
        Map<?, ?> p = obj(spec, "pre_tokenizer");
        String type = String.valueOf(p.get("type"));
        switch (type) {
            case "Sequence": {
                if (!(p.get("pretokenizers") instanceof List<?> list)) {
                    throw new IllegalArgumentException("tokenizer.json: pre_tokenizer Sequence has no 'pretokenizers' array");
                }
                List<PreTokenizer> steps = new ArrayList<>();
                for (Object o : list) {
                    steps.add(preTokenizer(o, byteLevel));
                }
                return (s, first) -> {
                    List<String> pieces = List.of(s);
                    for (PreTokenizer step : steps) {
                        List<String> next = new ArrayList<>();
                        for (int i = 0; i < pieces.size(); i++) {
                            next.addAll(step.split(pieces.get(i), first && i == 0));
                        }
                        pieces = next;
                    }
                    return pieces;
                };
            }
            case "ByteLevel": {
                byteLevel[0] = true;
                boolean prefix = Boolean.TRUE.equals(p.get("add_prefix_space"));
                boolean regex = !Boolean.FALSE.equals(p.get("use_regex"));
                Pattern gpt2 = Pattern.compile(GPT2_PATTERN, Pattern.UNICODE_CHARACTER_CLASS);
                return (s, first) -> {
                    String t = prefix && !s.startsWith(" ") ? " " + s : s;
                    List<String> pieces = regex ? split(t, gpt2, "Isolated") : t.isEmpty() ? List.of() : List.of(t);
                    List<String> out = new ArrayList<>(pieces.size());
                    for (String piece : pieces) {
                        out.add(toByteChars(piece));
                    }
                    return out;
                };
            }
            case "Split": {
                if (Boolean.TRUE.equals(p.get("invert"))) {
                    throw new IllegalArgumentException("tokenizer.json: pre_tokenizer Split with invert is not supported");
                }
                Pattern pat = pattern(obj(p.get("pattern"), "pre_tokenizer.pattern"));
                String behavior = str(p, "behavior", "pre_tokenizer");
                if (!List.of("Isolated", "Removed", "MergedWithPrevious", "MergedWithNext").contains(behavior)) {
                    throw new IllegalArgumentException("tokenizer.json: Split behavior '" + behavior + "' is not supported");
                }
                return (s, first) -> split(s, pat, behavior);
            }
            case "Metaspace": {
                String rep = str(p, "replacement", "pre_tokenizer");
                String scheme = p.get("prepend_scheme") instanceof String ps ? ps
                        : Boolean.FALSE.equals(p.get("add_prefix_space")) ? "never" : "always";
                boolean doSplit = !Boolean.FALSE.equals(p.get("split"));
                Pattern repPattern = Pattern.compile(Pattern.quote(rep));
                return (s, first) -> {
                    String t = s.replace(" ", rep);
                    boolean prepend = scheme.equals("always") || (scheme.equals("first") && first);
                    if (prepend && !t.startsWith(rep) && !t.isEmpty()) {
                        t = rep + t;
                    }
                    return doSplit ? split(t, repPattern, "MergedWithNext") : t.isEmpty() ? List.of() : List.of(t);
                };
            }
            case "WhitespaceSplit":
                return (s, first) -> split(s, Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS), "Removed");
            case "Whitespace": {
                Pattern words = Pattern.compile("\\w+|[^\\w\\s]+", Pattern.UNICODE_CHARACTER_CLASS);
                return (s, first) -> {
                    List<String> out = new ArrayList<>();
                    Matcher m = words.matcher(s);
                    while (m.find()) {
                        out.add(m.group());
                    }
                    return out;
                };
            }
            case "Digits": {
                Pattern digits = Pattern.compile(Boolean.TRUE.equals(p.get("individual_digits")) ? "\\p{N}" : "\\p{N}+",
                        Pattern.UNICODE_CHARACTER_CLASS);
                return (s, first) -> split(s, digits, "Isolated");
            }
            default:
                throw new IllegalArgumentException("tokenizer.json: pre_tokenizer '" + type + "' is not supported");
        }
    }

    /** Splits on the matches of {@code pattern} as the tokenizers library's SplitDelimiterBehavior does. */
    static List<String> split(String s, Pattern pattern, String behavior) {
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(s);
        int last = 0;
        String pendingPrefix = null; // MergedWithNext: the delimiter waiting for the next piece
        while (m.find()) {
            if (m.end() == m.start()) {
                continue;
            }
            String gap = s.substring(last, m.start());
            String delim = m.group();
            switch (behavior) {
                case "Isolated" -> {
                    add(out, gap);
                    add(out, delim);
                }
                case "Removed" -> add(out, gap);
                case "MergedWithPrevious" -> add(out, gap + delim);
                default -> { // MergedWithNext
                    add(out, (pendingPrefix == null ? "" : pendingPrefix) + gap);
                    pendingPrefix = delim;
                }
            }
            last = m.end();
        }
        String tail = s.substring(last);
        add(out, (pendingPrefix == null ? "" : pendingPrefix) + tail);
        return out;
    }

    private static void add(List<String> out, String piece) {
        if (!piece.isEmpty()) {
            out.add(piece);
        }
    }

    /** GPT-2's bytes_to_unicode: printable bytes map to themselves, the others to U+0100 onwards. */
    private static char[] byteChars() {
        char[] map = new char[256];
        int n = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            map[b] = printable ? (char) b : (char) (256 + n++);
        }
        return map;
    }

    private static String toByteChars(String piece) {
        byte[] b = piece.getBytes(StandardCharsets.UTF_8);
        char[] c = new char[b.length];
        for (int i = 0; i < b.length; i++) {
            c[i] = BYTE_CHARS[b[i] & 0xff];
        }
        return new String(c);
    }

    // ---- post-processors ----

    private List<Object> postProcessor(Object spec, List<Object> unused) {
        if (spec == null) {
            return null;
        }
        Map<?, ?> p = obj(spec, "post_processor");
        String type = String.valueOf(p.get("type"));
        switch (type) {
            case "ByteLevel":
                return null;
            case "Sequence": {
                if (!(p.get("processors") instanceof List<?> list)) {
                    throw new IllegalArgumentException("tokenizer.json: post_processor Sequence has no 'processors' array");
                }
                List<Object> result = null;
                for (Object o : list) {
                    List<Object> t = postProcessor(o, unused);
                    if (t != null) {
                        if (result != null) {
                            throw new IllegalArgumentException("tokenizer.json: two templates in a post_processor Sequence");
                        }
                        result = t;
                    }
                }
                return result;
            }
            case "TemplateProcessing": {
                if (!(p.get("single") instanceof List<?> single)) {
                    throw new IllegalArgumentException("tokenizer.json: TemplateProcessing has no 'single' template");
                }
                Map<?, ?> specials = p.get("special_tokens") instanceof Map<?, ?> m ? m : Map.of();
                List<Object> out = new ArrayList<>();
                for (Object o : single) {
                    Map<?, ?> piece = obj(o, "post_processor.single[]");
                    if (piece.containsKey("Sequence")) {
                        out.add(SEQUENCE);
                    } else if (piece.get("SpecialToken") instanceof Map<?, ?> st && st.get("id") instanceof String id) {
                        Map<?, ?> def = specials.get(id) instanceof Map<?, ?> d ? d : null;
                        if (def == null || !(def.get("ids") instanceof List<?> ids)) {
                            throw new IllegalArgumentException("tokenizer.json: TemplateProcessing special token '" + id
                                    + "' has no ids");
                        }
                        for (Object i : ids) {
                            out.add(((Number) i).intValue());
                        }
                    } else {
                        throw new IllegalArgumentException("tokenizer.json: TemplateProcessing piece not understood: " + piece);
                    }
                }
                return out;
            }
            case "RobertaProcessing":
            case "BertProcessing": {
                List<Object> out = new ArrayList<>();
                out.add(pairId(p.get("cls"), "cls"));
                out.add(SEQUENCE);
                out.add(pairId(p.get("sep"), "sep"));
                return out;
            }
            default:
                throw new IllegalArgumentException("tokenizer.json: post_processor '" + type + "' is not supported");
        }
    }

    private static Integer pairId(Object v, String what) {
        if (v instanceof List<?> l && l.size() == 2 && l.get(1) instanceof Number n) {
            return n.intValue();
        }
        throw new IllegalArgumentException("tokenizer.json: post_processor." + what + " is not [token, id]");
    }

    // ---- encoding ----

    @Override
    public int[] encode(String text, boolean addSpecialTokens) {
        IntList ids = new IntList();
        boolean first = true;
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            Map.Entry<String, Integer> hit = null;
            for (Map.Entry<String, Integer> a : added) {
                if (text.startsWith(a.getKey(), i)) {
                    hit = a;
                    break;
                }
            }
            if (hit == null) {
                i++;
                continue;
            }
            first = encodeSegment(text.substring(start, i), first, ids);
            ids.add(hit.getValue());
            i += hit.getKey().length();
            start = i;
        }
        encodeSegment(text.substring(start), first, ids);
        if (!addSpecialTokens || template == null) {
            return ids.toArray();
        }
        IntList out = new IntList();
        for (Object o : template) {
            if (o == SEQUENCE) {
                out.addAll(ids);
            } else {
                out.add((Integer) o);
            }
        }
        return out.toArray();
    }

    /** Returns whether the next segment is still the first one. */
    private boolean encodeSegment(String segment, boolean first, IntList out) {
        if (segment.isEmpty()) {
            return first;
        }
        String normalized = normalizer.apply(segment);
        for (String piece : preTokenizer.split(normalized, first)) {
            int[] cached = cache.get(piece);
            if (cached == null) {
                cached = bpe(piece);
                if (cache.size() < 200_000) {
                    cache.put(piece, cached);
                }
            }
            out.addAll(cached);
        }
        return false;
    }

    /** BPE on one piece (package-private for the tests). */
    int[] bpe(String piece) {
        if (ignoreMerges) {
            Integer whole = vocab.get(piece);
            if (whole != null) {
                return new int[] {whole};
            }
        }
        IntList symbols = new IntList();
        boolean lastUnk = false;
        for (int off = 0; off < piece.length(); ) {
            int cp = piece.codePointAt(off);
            String ch = piece.substring(off, off + Character.charCount(cp));
            off += ch.length();
            Integer id = vocab.get(ch);
            if (id != null) {
                symbols.add(id);
                lastUnk = false;
                continue;
            }
            if (byteIds != null) {
                byte[] bytes = ch.getBytes(StandardCharsets.UTF_8);
                boolean all = true;
                for (byte b : bytes) {
                    all &= byteIds[b & 0xff] >= 0;
                }
                if (all) {
                    for (byte b : bytes) {
                        symbols.add(byteIds[b & 0xff]);
                    }
                    lastUnk = false;
                    continue;
                }
            }
            if (unk != null) {
                if (!(fuseUnk && lastUnk)) {
                    symbols.add(unk);
                }
                lastUnk = true;
            }
        }
        return merge(symbols.toArray());
    }

    /** Applies merges lowest rank first (leftmost among equal ranks), as the library's priority queue does. */
    private int[] merge(int[] ids) {
        int n = ids.length;
        if (n < 2) {
            return ids;
        }
        int[] sym = ids.clone();
        int[] prev = new int[n];
        int[] next = new int[n];
        boolean[] alive = new boolean[n];
        for (int i = 0; i < n; i++) {
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
            alive[i] = true;
        }
        // entries: {rank, pos, leftId, rightId}
        PriorityQueue<int[]> queue = new PriorityQueue<>((x, y) -> x[0] != y[0] ? Integer.compare(x[0], y[0])
                : Integer.compare(x[1], y[1]));
        for (int i = 0; i + 1 < n; i++) {
            int[] m = merges.get(key(sym[i], sym[i + 1]));
            if (m != null) {
                queue.add(new int[] {m[0], i, sym[i], sym[i + 1]});
            }
        }
        while (!queue.isEmpty()) {
            int[] top = queue.poll();
            int pos = top[1];
            int right = alive[pos] ? next[pos] : -1;
            if (right < 0 || sym[pos] != top[2] || sym[right] != top[3]) {
                continue; // stale
            }
            sym[pos] = merges.get(key(top[2], top[3]))[1];
            alive[right] = false;
            next[pos] = next[right];
            if (next[right] >= 0) {
                prev[next[right]] = pos;
            }
            if (prev[pos] >= 0) {
                int[] m = merges.get(key(sym[prev[pos]], sym[pos]));
                if (m != null) {
                    queue.add(new int[] {m[0], prev[pos], sym[prev[pos]], sym[pos]});
                }
            }
            if (next[pos] >= 0) {
                int[] m = merges.get(key(sym[pos], sym[next[pos]]));
                if (m != null) {
                    queue.add(new int[] {m[0], pos, sym[pos], sym[next[pos]]});
                }
            }
        }
        IntList out = new IntList();
        for (int i = 0; i >= 0; i = next[i]) {
            out.add(sym[i]);
        }
        return out.toArray();
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public boolean byteLevel() {
        return byteLevel;
    }

    @Override
    public String kind() {
        return byteLevel && byteIds == null ? "byte-level BPE" : byteIds != null ? "SentencePiece BPE (byte fallback)"
                : "BPE";
    }

    /** The id of a token string, or -1. */
    public int tokenId(String token) {
        Integer id = vocab.get(token);
        if (id != null) {
            return id;
        }
        for (Map.Entry<String, Integer> a : added) {
            if (a.getKey().equals(token)) {
                return a.getValue();
            }
        }
        return -1;
    }

    /** A growable int array. */
    private static final class IntList {
        private int[] a = new int[16];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        void addAll(int[] vs) {
            for (int v : vs) {
                add(v);
            }
        }

        void addAll(IntList o) {
            for (int i = 0; i < o.n; i++) {
                add(o.a[i]);
            }
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
