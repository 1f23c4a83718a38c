package org.wisekit.lutmm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Saves and loads a fitted, B-bound MADDNESS product ({@link MaddnessMatmul}) and, optionally, the
 * {@link MaddnessModel} it was bound from (its float prototypes and thresholds and its configuration, to bind another
 * B later), as a safetensors file that other tools can read. Static methods only; thread-safe (each call works on
 * its own buffers).
 *
 * <p><b>The file.</b> safetensors: 8 bytes, an unsigned little-endian 64-bit header length N; N bytes of UTF-8 JSON,
 * an object mapping each tensor name to {@code {"dtype", "shape", "data_offsets": [BEGIN, END]}} plus a
 * {@code "__metadata__"} object of strings, padded with spaces to a multiple of 8 bytes; then the data buffer,
 * every tensor row-major and little-endian at bytes [BEGIN, END) of the buffer, the tensors tiling it exactly.
 * Tensors, with D inputs, C codebooks and M outputs:
 * <table>
 *   <caption>tensors of a MADDNESS file</caption>
 *   <tr><th>name</th><th>dtype</th><th>shape</th><th>what</th></tr>
 *   <tr><td>{@code encoder.split_dims}</td><td>I32</td><td>[C, 4]</td><td>input column split on at level t of
 *       codebook c, in [0, D)</td></tr>
 *   <tr><td>{@code encoder.offsets}</td><td>F32</td><td>[C, 4]</td><td>per split: quantization offset</td></tr>
 *   <tr><td>{@code encoder.scales}</td><td>F32</td><td>[C, 4]</td><td>per split: power-of-two scale</td></tr>
 *   <tr><td>{@code encoder.thresholds}</td><td>U8</td><td>[C, 4, 16]</td><td>8-bit node thresholds</td></tr>
 *   <tr><td>{@code lut.table}</td><td>U8</td><td>[M, C, 16]</td><td>the quantized tables h(B)</td></tr>
 *   <tr><td>{@code lut.scale}, {@code lut.offset}</td><td>F32</td><td>[1]</td><td>decoding: S * (1 / scale) + offset</td></tr>
 *   <tr><td>{@code model.prototypes}</td><td>F32</td><td>[C, 16, D]</td><td>optional: the float prototypes P</td></tr>
 *   <tr><td>{@code model.float_thresholds}</td><td>F32</td><td>[C, 4, 16]</td><td>optional: the trees' thresholds
 *       before quantization, NaN at nodes that were not split</td></tr>
 * </table>
 * {@code __metadata__}: {@code format} = {@value #FORMAT}, {@code format_version} = {@value #VERSION},
 * {@code inputs} (D), {@code codebooks} (C), {@code outputs} (M), {@code aggregation} ({@code average} or
 * {@code sum}, that of the tables); with the model also its configuration: {@code model.aggregation},
 * {@code model.optimize_prototypes} ({@code true}/{@code false}) and {@code model.ridge_lambda}. The two
 * {@code model.} tensors and the three {@code model.} keys come all together or not at all.
 *
 * <p><b>Writing</b> is atomic: a temporary file in the target's folder, renamed over the target with
 * {@link StandardCopyOption#ATOMIC_MOVE}, so a reader sees the old file or the new one. <b>Reading</b> parses the
 * JSON header with a small strict parser (no JSON library) and checks everything: the format name and version,
 * every tensor's presence, dtype, shape and data offsets, that nothing is truncated or left over, and the values
 * (split columns in [0, D), offsets, scales, table scale and offset and prototypes finite, float thresholds finite
 * or NaN, scales positive powers of two). Every problem is an {@link IllegalArgumentException} with one line that starts with the file's path.
 * <pre>{@code
 * MaddnessModel model = MaddnessModel.fit(aTrain, MaddnessConfig.maddness(16));
 * MaddnessMatmul mm = model.bind(b);
 * MaddnessFile.save(Path.of("layer.safetensors"), mm, model);
 * MaddnessMatmul back = MaddnessFile.load(Path.of("layer.safetensors"));   // bit-identical products
 * MaddnessMatmul other = MaddnessFile.loadModel(Path.of("layer.safetensors")).bind(b2);   // another B
 * }</pre>
 */
public final class MaddnessFile {

    /** The value of {@code __metadata__.format}. */
    public static final String FORMAT = "wisekit-maddness";
    /** The value of {@code __metadata__.format_version} this class writes and reads. */
    public static final int VERSION = 1;

    /** The reference safetensors implementation's limit on the header (this class writes under 2 KB). */
    private static final long MAX_HEADER_BYTES = 100_000_000L;
    /** JSON nesting this format needs: header, entry, shape or offsets array. */
    private static final int MAX_DEPTH = 4;
    private static final String METADATA = "__metadata__";
    private static final String SPLIT_DIMS = "encoder.split_dims";
    private static final String OFFSETS = "encoder.offsets";
    private static final String SCALES = "encoder.scales";
    private static final String THRESHOLDS = "encoder.thresholds";
    private static final String TABLE = "lut.table";
    private static final String LUT_SCALE = "lut.scale";
    private static final String LUT_OFFSET = "lut.offset";
    private static final String PROTOTYPES = "model.prototypes";
    private static final String FLOAT_THRESHOLDS = "model.float_thresholds";
    private static final List<String> REQUIRED = List.of(SPLIT_DIMS, OFFSETS, SCALES, THRESHOLDS, TABLE, LUT_SCALE,
            LUT_OFFSET);

    private MaddnessFile() {
    }

    /**
     * Writes the product without the model: enough to {@link #load} and multiply, not to bind another B.
     *
     * @throws IllegalArgumentException when {@code file} or {@code matmul} is null, or the file would exceed 2 GiB
     * @throws UncheckedIOException     when the file cannot be written
     */
    public static void save(Path file, MaddnessMatmul matmul) {
        save(file, matmul, null);
    }

    /**
     * Writes the product and, when {@code model} is not null, the model's prototypes, float thresholds and
     * configuration (the model must be the one {@code matmul} was bound from: the same encoder).
     *
     * @throws IllegalArgumentException when {@code file} or {@code matmul} is null, {@code model} has another
     *                                  encoder, or the file would exceed 2 GiB
     * @throws UncheckedIOException     when the file cannot be written
     */
    public static void save(Path file, MaddnessMatmul matmul, MaddnessModel model) {
        if (file == null || matmul == null) {
            throw new IllegalArgumentException("file and matmul must not be null");
        }
        MaddnessEncoder enc = matmul.encoder();
        QuantizedLut lut = matmul.lut();
        if (model != null && !sameEncoder(model.encoder(), enc)) {
            throw new IllegalArgumentException("model has another encoder than matmul (" + model.encoder() + " vs "
                    + enc + "); save the model that matmul was bound from");
        }
        int d = enc.inputs();
        int c = enc.codebooks();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("format_version", Integer.toString(VERSION));
        meta.put("inputs", Integer.toString(d));
        meta.put("codebooks", Integer.toString(c));
        meta.put("outputs", Integer.toString(lut.outputs()));
        meta.put("aggregation", name(lut.aggregation()));
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(SPLIT_DIMS, "I32", new long[] {c, 4}, ints(enc.splitDims())));
        entries.add(new Entry(OFFSETS, "F32", new long[] {c, 4}, floats(enc.offsets())));
        entries.add(new Entry(SCALES, "F32", new long[] {c, 4}, floats(enc.scales())));
        entries.add(new Entry(THRESHOLDS, "U8", new long[] {c, 4, 16}, enc.thresholds()));
        entries.add(new Entry(TABLE, "U8", new long[] {lut.outputs(), c, 16}, lut.table()));
        entries.add(new Entry(LUT_SCALE, "F32", new long[] {1}, floats(new float[] {lut.scale()})));
        entries.add(new Entry(LUT_OFFSET, "F32", new long[] {1}, floats(new float[] {lut.offset()})));
        if (model != null) {
            MaddnessConfig config = model.config();
            meta.put("model.aggregation", name(config.aggregation()));
            meta.put("model.optimize_prototypes", Boolean.toString(config.optimizePrototypes()));
            meta.put("model.ridge_lambda", Double.toString(config.ridgeLambda()));
            entries.add(new Entry(PROTOTYPES, "F32", new long[] {c, 16, d}, floats(model.prototypes())));
            entries.add(new Entry(FLOAT_THRESHOLDS, "F32", new long[] {c, 4, 16}, floats(model.floatThresholds())));
        }
        writeAtomically(file, encode(meta, entries));
    }

    /**
     * Reads a product written by {@link #save}; its {@code multiply} gives bit-identical results to the saved one.
     *
     * @throws IllegalArgumentException when the file is missing or is not a valid file of this format and version;
     *                                  the message starts with the path and says what is wrong
     * @throws UncheckedIOException     when the file exists but cannot be read
     */
    public static MaddnessMatmul load(Path file) {
        return read(file).matmul;
    }

    /**
     * Whether the file holds the model (it was saved with {@link #save(Path, MaddnessMatmul, MaddnessModel)} and a
     * model), after checking all of it as {@link #load} does.
     *
     * @throws IllegalArgumentException as {@link #load}
     * @throws UncheckedIOException     when the file exists but cannot be read
     */
    public static boolean hasModel(Path file) {
        return read(file).model != null;
    }

    /**
     * The saved model: the same encoder, prototypes, float thresholds and configuration, so that
     * {@link MaddnessModel#bind} gives for any B what the original model gives.
     *
     * @throws IllegalArgumentException as {@link #load}, and when the file was saved without the model
     * @throws UncheckedIOException     when the file exists but cannot be read
     */
    public static MaddnessModel loadModel(Path file) {
        Contents contents = read(file);
        if (contents.model == null) {
            throw new IllegalArgumentException(file + ": holds no model (saved without the MaddnessModel), only the"
                    + " bound product");
        }
        return contents.model;
    }

    // ------------------------------------------------------------------------------------------------ writing

    /** One tensor to write: name, safetensors dtype, shape and little-endian bytes. */
    private record Entry(String name, String dtype, long[] shape, byte[] data) {
    }

    private static boolean sameEncoder(MaddnessEncoder a, MaddnessEncoder b) {
        return a == b || (a.inputs() == b.inputs() && a.codebooks() == b.codebooks()
                && Arrays.equals(a.splitDims(), b.splitDims()) && Arrays.equals(a.offsets(), b.offsets())
                && Arrays.equals(a.scales(), b.scales()) && Arrays.equals(a.thresholds(), b.thresholds()));
    }

    private static String name(Aggregation a) {
        return a.name().toLowerCase(Locale.ROOT);
    }

    private static byte[] ints(int[] values) {
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asIntBuffer().put(values);
        return buf.array();
    }

    private static byte[] floats(float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return buf.array();
    }

    /**
     * The whole file. Names and metadata values are fixed identifiers and numbers, so the JSON needs no escaping.
     */
    private static byte[] encode(Map<String, String> meta, List<Entry> entries) {
        StringBuilder json = new StringBuilder("{\"").append(METADATA).append("\":{");
        String sep = "";
        for (Map.Entry<String, String> m : meta.entrySet()) {
            json.append(sep).append('"').append(m.getKey()).append("\":\"").append(m.getValue()).append('"');
            sep = ",";
        }
        json.append('}');
        long at = 0;
        for (Entry e : entries) {
            json.append(",\"").append(e.name).append("\":{\"dtype\":\"").append(e.dtype).append("\",\"shape\":[");
            for (int i = 0; i < e.shape.length; i++) {
                json.append(i == 0 ? "" : ",").append(e.shape[i]);
            }
            json.append("],\"data_offsets\":[").append(at).append(',').append(at + e.data.length).append("]}");
            at += e.data.length;
        }
        json.append('}');
        while (json.length() % 8 != 0) {   // the reference writer aligns the data buffer to 8 bytes
            json.append(' ');
        }
        byte[] header = json.toString().getBytes(StandardCharsets.US_ASCII);
        long size = 8L + header.length + at;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the model needs " + size + " bytes; files over 2 GiB are not supported");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(header.length).put(header);
        for (Entry e : entries) {
            out.put(e.data);
        }
        return out.array();
    }

    private static void writeAtomically(Path file, byte[] bytes) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                Files.write(tmp, bytes);
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: keep the platform's default permissions
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------------------ reading

    /** What a file holds; {@code model} is null when it was saved without it. */
    private record Contents(MaddnessMatmul matmul, MaddnessModel model) {
    }

    /** A header entry whose structure was checked; {@code begin}/{@code end} are offsets in the data buffer. */
    private record Span(String name, String dtype, long[] shape, long begin, long end) {
    }

    private static Contents read(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(file + ": " + size + " bytes; files over 2 GiB are not supported");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(bytes, file.toString());
    }

    private static Contents parse(byte[] bytes, String name) {
        if (bytes.length < 8) {
            throw bad(name, "truncated or not a safetensors file: " + bytes.length + " bytes, shorter than the 8-byte"
                    + " header length");
        }
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 2 || n > bytes.length - 8L || n > MAX_HEADER_BYTES) {
            throw bad(name, "header length " + Long.toUnsignedString(n) + " does not fit the " + (bytes.length - 8L)
                    + " bytes after it (truncated or not a safetensors file)");
        }
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 8, (int) n)).toString();
        } catch (CharacterCodingException e) {
            throw bad(name, "the header is not UTF-8");
        }
        Object parsed;
        try {
            parsed = new JsonParser(json).document();
        } catch (IllegalArgumentException e) {
            throw bad(name, "the header is not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> header)) {
            throw bad(name, "the header is not a JSON object");
        }
        Map<String, String> meta = metadata(name, header.get(METADATA));
        checkFormat(name, meta);
        int d = intMeta(name, meta, "inputs", 1, Integer.MAX_VALUE);
        int c = intMeta(name, meta, "codebooks", 1, MaddnessConfig.MAX_CODEBOOKS);
        int m = intMeta(name, meta, "outputs", 1, Integer.MAX_VALUE);
        if (d < c) {
            throw bad(name, "inputs D = " + d + " is smaller than codebooks C = " + c);
        }
        Aggregation aggregation = aggregation(name, meta, "aggregation");
        if (aggregation == Aggregation.AVERAGE && Integer.bitCount(c) != 1) {
            throw bad(name, "aggregation average needs a power-of-two number of codebooks, got C = " + c);
        }

        long dataLength = bytes.length - 8L - n;
        Map<String, Span> tensors = tensors(name, header, dataLength);
        int dataStart = 8 + (int) n;
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) dataLength).slice().order(ByteOrder.LITTLE_ENDIAN);
        int[] splitDims = readInts(data, require(name, tensors, SPLIT_DIMS, "I32", c, 4));
        float[] offsets = readFloats(data, require(name, tensors, OFFSETS, "F32", c, 4));
        float[] scales = readFloats(data, require(name, tensors, SCALES, "F32", c, 4));
        byte[] thresholds = readBytes(data, require(name, tensors, THRESHOLDS, "U8", c, 4, 16));
        byte[] table = readBytes(data, require(name, tensors, TABLE, "U8", m, c, 16));
        float lutScale = readFloats(data, require(name, tensors, LUT_SCALE, "F32", 1))[0];
        float lutOffset = readFloats(data, require(name, tensors, LUT_OFFSET, "F32", 1))[0];
        for (int k = 0; k < splitDims.length; k++) {
            if (splitDims[k] < 0 || splitDims[k] >= d) {
                throw bad(name, SPLIT_DIMS + "[" + k / 4 + ", " + k % 4 + "] = " + splitDims[k] + " is outside [0, "
                        + d + ")");
            }
            if (!Float.isFinite(offsets[k])) {
                throw bad(name, OFFSETS + "[" + k / 4 + ", " + k % 4 + "] = " + offsets[k] + " is not finite");
            }
            if (!isPowerOfTwo(scales[k])) {
                throw bad(name, SCALES + "[" + k / 4 + ", " + k % 4 + "] = " + scales[k]
                        + " is not a positive finite power of two");
            }
        }
        if (!(lutScale > 0) || !Float.isFinite(lutScale)) {
            throw bad(name, LUT_SCALE + " = " + lutScale + " is not positive and finite");
        }
        if (!Float.isFinite(lutOffset)) {
            throw bad(name, LUT_OFFSET + " = " + lutOffset + " is not finite");
        }
        MaddnessEncoder encoder = new MaddnessEncoder(d, c, splitDims, offsets, scales, thresholds);
        MaddnessMatmul matmul = new MaddnessMatmul(encoder,
                new QuantizedLut(m, c, table, lutScale, lutOffset, aggregation));

        boolean hasModel = tensors.containsKey(PROTOTYPES) || tensors.containsKey(FLOAT_THRESHOLDS)
                || meta.keySet().stream().anyMatch(k -> k.startsWith("model."));
        if (!hasModel) {
            return new Contents(matmul, null);
        }
        float[] prototypes = readFloats(data, require(name, tensors, PROTOTYPES, "F32", c, 16, d));
        for (int p = 0; p < prototypes.length; p++) {
            if (!Float.isFinite(prototypes[p])) {
                throw bad(name, PROTOTYPES + "[" + p / (16 * d) + ", " + p / d % 16 + ", " + p % d + "] = "
                        + prototypes[p] + " is not finite");
            }
        }
        float[] floatThresholds = readFloats(data, require(name, tensors, FLOAT_THRESHOLDS, "F32", c, 4, 16));
        for (int p = 0; p < floatThresholds.length; p++) {
            if (Float.isInfinite(floatThresholds[p])) {   // NaN marks a node that was not split
                throw bad(name, FLOAT_THRESHOLDS + "[" + p / 64 + ", " + p / 16 % 4 + ", " + p % 16 + "] = "
                        + floatThresholds[p] + " is infinite");
            }
        }
        Aggregation modelAggregation = aggregation(name, meta, "model.aggregation");
        boolean optimize = booleanMeta(name, meta, "model.optimize_prototypes");
        double lambda = doubleMeta(name, meta, "model.ridge_lambda");
        MaddnessModel model;
        try {
            model = MaddnessModel.restore(new MaddnessConfig(c, modelAggregation, optimize, lambda), encoder,
                    prototypes, floatThresholds);
        } catch (IllegalArgumentException e) {
            throw bad(name, "bad model: " + e.getMessage());
        }
        return new Contents(matmul, model);
    }

    private static IllegalArgumentException bad(String name, String what) {
        return new IllegalArgumentException(name + ": " + what);
    }

    private static Map<String, String> metadata(String name, Object value) {
        if (value == null) {
            throw bad(name, "no __metadata__; not a " + FORMAT + " file");
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw bad(name, "__metadata__ must be an object of strings");
        }
        Map<String, String> meta = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw bad(name, "__metadata__ value of '" + e.getKey() + "' is not a string");
            }
            meta.put((String) e.getKey(), s);
        }
        return meta;
    }

    private static void checkFormat(String name, Map<String, String> meta) {
        String format = meta.get("format");
        if (!FORMAT.equals(format)) {
            throw bad(name, "__metadata__ format is " + (format == null ? "missing" : "'" + format + "'")
                    + "; not a " + FORMAT + " file");
        }
        String version = meta.get("format_version");
        if (!Integer.toString(VERSION).equals(version)) {
            throw bad(name, "unsupported " + FORMAT + " version " + (version == null ? "(missing)" : "'" + version + "'")
                    + "; this library reads version " + VERSION);
        }
    }

    private static String requireMeta(String name, Map<String, String> meta, String key) {
        String v = meta.get(key);
        if (v == null) {
            throw bad(name, "__metadata__ has no '" + key + "'");
        }
        return v;
    }

    private static int intMeta(String name, Map<String, String> meta, String key, int min, int max) {
        String v = requireMeta(name, meta, key);
        int value;
        try {
            value = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw bad(name, "__metadata__ " + key + " = '" + v + "' is not an integer");
        }
        if (value < min || value > max) {
            throw bad(name, "__metadata__ " + key + " = " + value + " is outside [" + min + ", " + max + "]");
        }
        return value;
    }

    private static Aggregation aggregation(String name, Map<String, String> meta, String key) {
        String v = requireMeta(name, meta, key);
        for (Aggregation a : Aggregation.values()) {
            if (name(a).equals(v)) {
                return a;
            }
        }
        throw bad(name, "__metadata__ " + key + " = '" + v + "' is not average or sum");
    }

    private static boolean booleanMeta(String name, Map<String, String> meta, String key) {
        String v = requireMeta(name, meta, key);
        if (!v.equals("true") && !v.equals("false")) {
            throw bad(name, "__metadata__ " + key + " = '" + v + "' is not true or false");
        }
        return v.equals("true");
    }

    private static double doubleMeta(String name, Map<String, String> meta, String key) {
        String v = requireMeta(name, meta, key);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw bad(name, "__metadata__ " + key + " = '" + v + "' is not a number");
        }
    }

    /**
     * The header's tensor entries, each checked for structure (a known name, a dtype string, a shape of
     * non-negative integers, two offsets whose span fits the dtype and shape), and together for tiling the data
     * buffer exactly: a shorter buffer is a truncated file.
     */
    private static Map<String, Span> tensors(String name, Map<?, ?> header, long dataLength) {
        List<Span> list = new ArrayList<>();
        for (Map.Entry<?, ?> e : header.entrySet()) {
            String key = (String) e.getKey();
            if (key.equals(METADATA)) {
                continue;
            }
            if (!REQUIRED.contains(key) && !key.equals(PROTOTYPES) && !key.equals(FLOAT_THRESHOLDS)) {
                throw bad(name, "unexpected tensor '" + key + "'");
            }
            if (!(e.getValue() instanceof Map<?, ?> entry)) {
                throw bad(name, "tensor " + key + ": entry is not an object");
            }
            if (!(entry.get("dtype") instanceof String dtype)) {
                throw bad(name, "tensor " + key + ": no dtype string");
            }
            long[] shape = longs(name, key, "shape", entry.get("shape"));
            long[] span = longs(name, key, "data_offsets", entry.get("data_offsets"));
            if (span.length != 2 || span[1] < span[0]) {
                throw bad(name, "tensor " + key + ": data_offsets " + Arrays.toString(span) + " is not [BEGIN, END]"
                        + " with BEGIN <= END");
            }
            list.add(new Span(key, dtype, shape, span[0], span[1]));
        }
        list.sort(Comparator.comparingLong(Span::begin).thenComparingLong(Span::end));
        long at = 0;
        Map<String, Span> byName = new LinkedHashMap<>();
        for (Span t : list) {
            if (t.end > dataLength) {
                throw bad(name, "truncated: tensor " + t.name + " ends at data byte " + t.end + " but the data buffer"
                        + " holds " + dataLength + " bytes");
            }
            if (t.begin != at) {
                throw bad(name, "tensor " + t.name + " starts at data byte " + t.begin + ", expected " + at
                        + " (tensors must tile the data buffer)");
            }
            at = t.end;
            byName.put(t.name, t);
        }
        if (at != dataLength) {
            throw bad(name, "the tensors cover " + at + " bytes but the data buffer holds " + dataLength
                    + " (trailing bytes)");
        }
        return byName;
    }

    private static long[] longs(String name, String tensor, String field, Object value) {
        if (!(value instanceof List<?> list)) {
            throw bad(name, "tensor " + tensor + ": no " + field + " array");
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long v) || v < 0) {
                throw bad(name, "tensor " + tensor + ": " + field + " " + list + " holds " + list.get(i)
                        + ", not a non-negative integer");
            }
            out[i] = v;
        }
        return out;
    }

    /** The tensor {@code key}, checked to have the dtype and shape expected and a span that matches them. */
    private static Span require(String name, Map<String, Span> tensors, String key, String dtype, long... shape) {
        Span t = tensors.get(key);
        if (t == null) {
            throw bad(name, "missing tensor " + key);
        }
        if (!t.dtype.equals(dtype)) {
            throw bad(name, "tensor " + key + " has dtype " + t.dtype + ", expected " + dtype);
        }
        if (!Arrays.equals(t.shape, shape)) {
            throw bad(name, "tensor " + key + " has shape " + Arrays.toString(t.shape) + ", expected "
                    + Arrays.toString(shape));
        }
        long elements = 1;
        for (long s : shape) {
            elements *= s;   // no overflow: the shape is the expected one, built from ints
        }
        long bytes = elements * (dtype.equals("U8") ? 1 : 4);
        if (t.end - t.begin != bytes) {
            throw bad(name, "tensor " + key + " spans " + (t.end - t.begin) + " bytes, its dtype and shape need "
                    + bytes);
        }
        return t;
    }

    private static int[] readInts(ByteBuffer data, Span t) {
        int[] out = new int[(int) ((t.end - t.begin) / 4)];
        data.slice((int) t.begin, (int) (t.end - t.begin)).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
        return out;
    }

    private static float[] readFloats(ByteBuffer data, Span t) {
        float[] out = new float[(int) ((t.end - t.begin) / 4)];
        data.slice((int) t.begin, (int) (t.end - t.begin)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    private static byte[] readBytes(ByteBuffer data, Span t) {
        byte[] out = new byte[(int) (t.end - t.begin)];
        data.get((int) t.begin, out);
        return out;
    }

    private static boolean isPowerOfTwo(float s) {
        return s > 0 && Float.isFinite(s) && s == Math.scalb(1f, Math.getExponent(s));
    }

    /**
     * A strict parser of the JSON a safetensors header holds: objects (duplicate keys rejected), arrays, strings,
     * integers (as {@link Long}), other numbers (as {@link Double}), booleans and null, nested at most
     * {@link #MAX_DEPTH} deep, nothing after the value but spaces.
     */
    private static final class JsonParser {
        private final String text;
        private int pos;

        JsonParser(String text) {
            this.text = text;
        }

        Object document() {
            Object v = value(0);
            skipSpace();
            if (pos != text.length()) {
                throw error("text after the JSON value");
            }
            return v;
        }

        private Object value(int depth) {
            skipSpace();
            if (pos >= text.length()) {
                throw error("unexpected end");
            }
            char ch = text.charAt(pos);
            if ((ch == '{' || ch == '[') && depth >= MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH);
            }
            return switch (ch) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> number();
            };
        }

        private Map<String, Object> object(int depth) {
            pos++;
            Map<String, Object> out = new LinkedHashMap<>();
            skipSpace();
            if (peek('}')) {
                pos++;
                return out;
            }
            while (true) {
                skipSpace();
                if (!peek('"')) {
                    throw error("expected a string key");
                }
                String key = string();
                skipSpace();
                expect(':');
                if (out.containsKey(key)) {
                    throw error("duplicate key '" + key + "'");
                }
                out.put(key, value(depth + 1));
                skipSpace();
                if (peek(',')) {
                    pos++;
                } else {
                    expect('}');
                    return out;
                }
            }
        }

        private List<Object> array(int depth) {
            pos++;
            List<Object> out = new ArrayList<>();
            skipSpace();
            if (peek(']')) {
                pos++;
                return out;
            }
            while (true) {
                out.add(value(depth + 1));
                skipSpace();
                if (peek(',')) {
                    pos++;
                } else {
                    expect(']');
                    return out;
                }
            }
        }

        private String string() {
            pos++;
            StringBuilder s = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char ch = text.charAt(pos++);
                if (ch == '"') {
                    return s.toString();
                }
                if (ch < 0x20) {
                    throw error("control character in a string");
                }
                if (ch != '\\') {
                    s.append(ch);
                    continue;
                }
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char esc = text.charAt(pos++);
                switch (esc) {
                    case '"', '\\', '/' -> s.append(esc);
                    case 'b' -> s.append('\b');
                    case 'f' -> s.append('\f');
                    case 'n' -> s.append('\n');
                    case 'r' -> s.append('\r');
                    case 't' -> s.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("truncated \\u escape");
                        }
                        try {
                            s.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException e) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("bad escape \\" + esc);
                }
            }
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, pos)) {
                throw error("unexpected character '" + text.charAt(pos) + "'");
            }
            pos += word.length();
            return value;
        }

        private Object number() {
            int start = pos;
            if (peek('-')) {
                pos++;
            }
            int digits = pos;
            skipDigits();
            if (pos == digits || (text.charAt(digits) == '0' && pos - digits > 1)) {
                throw error("bad value at '" + text.substring(start, Math.min(text.length(), start + 10)) + "'");
            }
            boolean integer = true;
            if (peek('.')) {
                integer = false;
                pos++;
                int frac = pos;
                skipDigits();
                if (pos == frac) {
                    throw error("bad number");
                }
            }
            if (peek('e') || peek('E')) {
                integer = false;
                pos++;
                if (peek('+') || peek('-')) {
                    pos++;
                }
                int exp = pos;
                skipDigits();
                if (pos == exp) {
                    throw error("bad number");
                }
            }
            String literal = text.substring(start, pos);
            if (!integer) {
                return Double.parseDouble(literal);
            }
            BigInteger v = new BigInteger(literal);
            if (v.bitLength() > 63) {
                throw error("integer " + literal + " is too large");
            }
            return v.longValue();
        }

        private void skipDigits() {
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
        }

        private void skipSpace() {
            while (pos < text.length() && " \t\n\r".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
        }

        private boolean peek(char ch) {
            return pos < text.length() && text.charAt(pos) == ch;
        }

        private void expect(char ch) {
            if (!peek(ch)) {
                throw error("expected '" + ch + "'");
            }
            pos++;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at character " + pos);
        }
    }
}
