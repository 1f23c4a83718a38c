package org.wisekit.datasets.io;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import org.json.JSONParserConfiguration;

/**
 * A safetensors file (the format of Hugging Face / PyTorch weights) held in memory: named tensors and the
 * optional string metadata, with a reader that checks the header's structure and a writer. The one
 * safetensors reader and writer of the project.
 *
 * <p>The format: 8 bytes, an unsigned little-endian 64-bit N; N bytes of UTF-8 JSON, an object
 * {@code {"NAME": {"dtype": "F32", "shape": [2, 3], "data_offsets": [BEGIN, END]}, ...,
 * "__metadata__": {"key": "value"}}} ({@code __metadata__} optional, string values only); then the data
 * buffer, every tensor's elements row-major (C order), little-endian, at bytes {@code [BEGIN, END)} of the
 * buffer.
 *
 * <p><b>Reading</b> ({@link #read(Path)}, {@link #read(byte[], String)}). The header is parsed by org.json in
 * its strict mode, which rejects unquoted keys and values, single quotes, trailing commas, duplicate keys and
 * text after the object, but is a little more lenient than RFC 8259 in places (raw control characters inside
 * strings, for example, are accepted); that is deliberate: what matters is the header's structure, which is
 * checked strictly, as the reference implementation does: the header is a JSON object; every tensor entry is an
 * object with a {@code dtype} of {@link Dtype}, a {@code shape} of non-negative integers and two
 * non-negative integer {@code data_offsets} (other fields are ignored, as by the reference reader);
 * END - BEGIN is the shape's element count times the dtype's width; and the tensors tile the data buffer
 * exactly (no gap, no overlap, nothing after the last one). {@code __metadata__}, when present, is an object
 * of strings. Errors are {@link IllegalArgumentException}s with one line that starts with the file's name.
 * The tensors come in the order of their data in the file (the reference reader's order; ties between
 * empty tensors by name), the metadata sorted by key (the format's metadata is an unordered map).
 *
 * <p><b>Writing</b> ({@link #toBytes()}, {@link #write(Path)}) puts the tensors in this object's order,
 * contiguously, {@code __metadata__} first when there is any, the header padded with spaces to a multiple
 * of 8 bytes (as the reference writer does); {@link #write(Path)} goes through {@link AtomicFiles}. Files up
 * to 2 GiB (one Java array).
 * <pre>{@code
 * new Safetensors(Map.of("w", Safetensors.Tensor.ofFloats(values, rows, cols)), Map.of("format", "pt"))
 *         .write(Path.of("w.safetensors"));
 * float[] back = Safetensors.read(Path.of("w.safetensors")).tensor("w").toFloats();
 * }</pre>
 *
 * <p>Immutable: the tensors' byte arrays are shared, not copied, so do not change them (see
 * {@link Tensor}). Thread-safe.
 */
public final class Safetensors {

    /** The most header bytes accepted (the reference implementation's limit: 100 MB). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final String METADATA = "__metadata__";
    private static final JSONParserConfiguration STRICT = new JSONParserConfiguration().withStrictMode(true);

    /** Element types of the safetensors format, with their width in bytes. */
    public enum Dtype {
        BOOL(1), U8(1), I8(1), F8_E5M2(1), F8_E4M3(1), I16(2), U16(2), F16(2), BF16(2), I32(4), U32(4), F32(4),
        I64(8), U64(8), F64(8);

        private final int bytes;

        Dtype(int bytes) {
            this.bytes = bytes;
        }

        /** Bytes per element. */
        public int bytes() {
            return bytes;
        }

        /** Whether {@link Tensor#toFloats()} converts this type: F16, BF16, F32 and F64. */
        public boolean isConvertibleToFloat() {
            return this == F16 || this == BF16 || this == F32 || this == F64;
        }
    }

    /**
     * One tensor: its element type, shape and raw little-endian, row-major data.
     *
     * @param dtype the element type
     * @param shape the dimensions, each at least 0 (empty for a scalar); copied in and out
     * @param data  exactly (product of shape) * dtype.bytes() bytes; shared, not copied
     */
    public record Tensor(Dtype dtype, long[] shape, byte[] data) {

        public Tensor {
            if (dtype == null) {
                throw new IllegalArgumentException("dtype must not be null");
            }
            if (shape == null || data == null) {
                throw new IllegalArgumentException("shape and data must not be null");
            }
            shape = shape.clone();
            long bytes = byteSize(dtype, shape);
            if (bytes != data.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype + " needs " + bytes
                        + " bytes, got " + data.length);
            }
        }

        /** A float32 tensor of {@code values} (row-major) with the given shape. */
        public static Tensor ofFloats(float[] values, long... shape) {
            ByteBuffer buf = ByteBuffer.allocate(Math.multiplyExact(values.length, 4)).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(values);
            return new Tensor(Dtype.F32, shape, buf.array());
        }

        /** An F16 tensor of raw IEEE 754 binary16 bit patterns (row-major) with the given shape. */
        public static Tensor ofHalves(short[] bits, long... shape) {
            ByteBuffer buf = ByteBuffer.allocate(Math.multiplyExact(bits.length, 2)).order(ByteOrder.LITTLE_ENDIAN);
            buf.asShortBuffer().put(bits);
            return new Tensor(Dtype.F16, shape, buf.array());
        }

        /** A U8 tensor of {@code values} (row-major, copied) with the given shape. */
        public static Tensor ofBytes(byte[] values, long... shape) {
            return new Tensor(Dtype.U8, shape, values.clone());
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        /** The number of dimensions. */
        public int rank() {
            return shape.length;
        }

        /** The number of elements: the product of the shape (1 for a scalar). */
        public long elements() {
            return data.length / dtype.bytes();
        }

        /**
         * The elements as floats, row-major: F32 as is, F16 and BF16 exactly, F64 rounded to the nearest float.
         *
         * @throws IllegalArgumentException for any other dtype
         */
        public float[] toFloats() {
            if (!dtype.isConvertibleToFloat()) {
                throw new IllegalArgumentException("dtype " + dtype + " is not a floating-point type (F16, BF16, F32 or F64)");
            }
            ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[Math.toIntExact(elements())];
            if (dtype == Dtype.F32) {
                in.asFloatBuffer().get(out);
                return out;
            }
            for (int i = 0; i < out.length; i++) {
                out[i] = switch (dtype) {
                    case F64 -> (float) in.getDouble(8 * i);
                    case F16 -> halfToFloat(in.getShort(2 * i));
                    case BF16 -> Float.intBitsToFloat((in.getShort(2 * i) & 0xffff) << 16);
                    default -> throw new AssertionError(dtype);
                };
            }
            return out;
        }

        /**
         * The raw binary16 bit patterns of an F16 tensor, row-major.
         *
         * @throws IllegalArgumentException for any other dtype
         */
        public short[] toHalves() {
            if (dtype != Dtype.F16) {
                throw new IllegalArgumentException("dtype " + dtype + " is not F16");
            }
            short[] out = new short[Math.toIntExact(elements())];
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
            return out;
        }

        /**
         * A copy in which every element whose {@code keep} entry is false has all its bytes zero (0 in every
         * floating-point and integer dtype) and every other element keeps its exact bits.
         *
         * @param keep one entry per element, row-major
         */
        public Tensor masked(boolean[] keep) {
            if (keep == null || keep.length != elements()) {
                throw new IllegalArgumentException("keep must hold one entry per element (" + elements() + "), got "
                        + (keep == null ? "null" : keep.length));
            }
            byte[] out = data.clone();
            int w = dtype.bytes();
            for (int i = 0; i < keep.length; i++) {
                if (!keep[i]) {
                    Arrays.fill(out, i * w, i * w + w, (byte) 0);
                }
            }
            return new Tensor(dtype, shape, out);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tensor t && t.dtype == dtype && Arrays.equals(t.shape, shape) && Arrays.equals(t.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Tensor[" + dtype + " " + Arrays.toString(shape) + "]";
        }
    }

    private final Map<String, Tensor> tensors;
    private final Map<String, String> metadata;

    /**
     * @param tensors  the tensors by name, in the order to write them; names non-empty and not {@code __metadata__}
     * @param metadata the string metadata (may be empty)
     */
    public Safetensors(Map<String, Tensor> tensors, Map<String, String> metadata) {
        if (tensors == null || metadata == null) {
            throw new IllegalArgumentException("tensors and metadata must not be null");
        }
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getKey().equals(METADATA)) {
                throw new IllegalArgumentException("bad tensor name '" + e.getKey() + "'");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("tensor '" + e.getKey() + "' is null");
            }
        }
        metadata.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException("metadata keys and values must not be null");
            }
        });
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** A file of one tensor and no metadata. */
    public static Safetensors of(String name, Tensor tensor) {
        return new Safetensors(Map.of(name, tensor), Map.of());
    }

    /** The tensors by name, in file order (unmodifiable; {@code get} gives null for an absent name). */
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /** The tensor names, in file order. */
    public Set<String> names() {
        return tensors.keySet();
    }

    /** The {@code __metadata__} entries (unmodifiable; empty when the file has none). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * The tensor called {@code name}.
     *
     * @throws IllegalArgumentException when there is none; the message lists up to 8 names, those that share
     *                                  the longest prefix with {@code name} first
     */
    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor named '" + name + "' (" + tensors.size() + " tensors"
                    + (tensors.isEmpty() ? "" : ": " + suggestions(name)) + ")");
        }
        return t;
    }

    /** A copy with {@code name} set to {@code tensor} (replaced in place, or added at the end). */
    public Safetensors with(String name, Tensor tensor) {
        Map<String, Tensor> copy = new LinkedHashMap<>(tensors);
        copy.put(name, tensor);
        return new Safetensors(copy, metadata);
    }

    private String suggestions(String name) {
        List<String> names = new ArrayList<>(tensors.keySet());
        names.sort(Comparator.comparingInt((String n) -> -commonPrefix(n, name)));   // stable: file order among ties
        String shown = names.stream().limit(8).collect(Collectors.joining(", "));
        return names.size() > 8 ? shown + ", ..." : shown;
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    /**
     * Reads a safetensors file; {@link #read(byte[], String)} with the path as name.
     *
     * @throws IllegalArgumentException when the file is not a valid safetensors file or is over 2 GiB
     * @throws UncheckedIOException     when it cannot be read
     */
    public static Safetensors read(Path file) {
        long size;
        byte[] bytes;
        try {
            size = Files.size(file);
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(file + ": " + size + " bytes; files over 2 GiB are not supported");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return read(bytes, file.toString());
    }

    /**
     * Parses the bytes of a safetensors file.
     *
     * @param bytes the whole file
     * @param name  what to call the file in error messages
     * @throws IllegalArgumentException when the bytes are not a valid file; the message starts with {@code name}
     */
    public static Safetensors read(byte[] bytes, String name) {
        if (bytes.length < 8) {
            throw new IllegalArgumentException(name + ": truncated or not a safetensors file: " + bytes.length
                    + " bytes, shorter than the 8-byte header length");
        }
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 0 || n > bytes.length - 8L) {
            throw new IllegalArgumentException(name + ": header length " + Long.toUnsignedString(n)
                    + " is larger than the " + (bytes.length - 8L) + " bytes after it (truncated or not safetensors)");
        }
        if (n > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException(name + ": header length " + n + " is over the limit of " + MAX_HEADER_BYTES);
        }
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 8, (int) n)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(name + ": the header is not UTF-8");
        }
        if (!json.strip().startsWith("{")) {
            throw new IllegalArgumentException(name + ": the header is not a JSON object");
        }
        JSONObject header;
        try {
            header = new JSONObject(json, STRICT);
        } catch (JSONException e) {
            throw new IllegalArgumentException(name + ": the header is not valid JSON: " + e.getMessage());
        }
        int dataStart = 8 + (int) n;
        long dataLength = bytes.length - dataStart;
        Map<String, String> metadata = new TreeMap<>();
        List<Entry> entries = new ArrayList<>();
        for (String key : new TreeSet<>(header.keySet())) {   // sorted: the first error reported does not depend on hashing
            Object value = header.get(key);
            if (key.equals(METADATA)) {
                if (!(value instanceof JSONObject meta)) {
                    throw new IllegalArgumentException(name + ": __metadata__ must be an object of strings");
                }
                for (String k : new TreeSet<>(meta.keySet())) {
                    if (!(meta.get(k) instanceof String s)) {
                        throw new IllegalArgumentException(name + ": __metadata__ value of '" + k + "' is not a string");
                    }
                    metadata.put(k, s);
                }
                continue;
            }
            entries.add(entry(name, key, value, dataLength));
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end).thenComparing(Entry::name));
        long at = 0;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.begin < at) {
                throw new IllegalArgumentException(name + ": tensor '" + e.name + "' at bytes [" + e.begin + ", " + e.end
                        + "] overlaps the tensor before it (which ends at " + at + ")");
            }
            if (e.begin > at) {
                throw new IllegalArgumentException(name + ": tensor '" + e.name + "' starts at byte " + e.begin
                        + ", leaving a gap after byte " + at + " of the data buffer");
            }
            at = e.end;
            byte[] data = Arrays.copyOfRange(bytes, dataStart + (int) e.begin, dataStart + (int) e.end);
            tensors.put(e.name, new Tensor(e.dtype, e.shape, data));
        }
        if (at != dataLength) {
            throw new IllegalArgumentException(name + ": the tensors cover " + at + " bytes but the data buffer has "
                    + dataLength + " (trailing bytes)");
        }
        return new Safetensors(tensors, new LinkedHashMap<>(metadata));
    }

    /** One checked header entry. */
    private record Entry(String name, Dtype dtype, long[] shape, long begin, long end) {
    }

    private static Entry entry(String file, String key, Object value, long dataLength) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException(file + ": a tensor has an empty name");
        }
        String what = file + ": tensor '" + key + "'";
        if (!(value instanceof JSONObject entry)) {
            throw new IllegalArgumentException(what + ": entry is not an object");
        }
        if (!(entry.opt("dtype") instanceof String dtypeName)) {
            throw new IllegalArgumentException(what + ": 'dtype' missing or not a string");
        }
        Dtype dtype;
        try {
            dtype = Dtype.valueOf(dtypeName);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(what + ": unsupported dtype '" + dtypeName + "' (known: "
                    + Arrays.stream(Dtype.values()).map(Enum::name).collect(Collectors.joining(", ")) + ")");
        }
        long[] shape = longs(entry.opt("shape"), -1, what, "shape");
        long[] offsets = longs(entry.opt("data_offsets"), 2, what, "data_offsets");
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end || end > dataLength) {
            throw new IllegalArgumentException(what + ": data_offsets [" + begin + ", " + end
                    + "] out of range of the " + dataLength + "-byte data buffer" + (end > dataLength ? " (truncated file?)" : ""));
        }
        long needed = byteSizeOrMinus(dtype, shape);
        if (needed != end - begin) {
            throw new IllegalArgumentException(what + ": shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + (needed < 0 ? "more than 2^63" : needed) + " bytes, data_offsets give " + (end - begin));
        }
        return new Entry(key, dtype, shape, begin, end);
    }

    /** The file's bytes: header length, header (padded to a multiple of 8 with spaces), data buffer. */
    public byte[] toBytes() {
        StringBuilder json = new StringBuilder("{");
        long offset = 0;
        boolean first = true;
        if (!metadata.isEmpty()) {
            json.append(JSONObject.quote(METADATA)).append(":{");
            json.append(metadata.entrySet().stream().map(m -> JSONObject.quote(m.getKey()) + ":" + JSONObject.quote(m.getValue()))
                    .collect(Collectors.joining(",")));
            json.append('}');
            first = false;
        }
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            json.append(first ? "" : ",").append(JSONObject.quote(e.getKey())).append(":{\"dtype\":\"").append(t.dtype())
                    .append("\",\"shape\":[")
                    .append(Arrays.stream(t.shape).mapToObj(Long::toString).collect(Collectors.joining(",")))
                    .append("],\"data_offsets\":[").append(offset).append(',').append(offset + t.data.length).append("]}");
            offset += t.data.length;
            first = false;
        }
        json.append('}');
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (header.length + 7) / 8 * 8;
        long size = 8L + padded + offset;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("safetensors file of " + size + " bytes is over the 2 GiB limit");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(header);
        for (int i = header.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (Tensor t : tensors.values()) {
            out.put(t.data);
        }
        return out.array();
    }

    /** Writes {@link #toBytes()} to {@code file} with {@link AtomicFiles#write} (temporary file, then rename). */
    public void write(Path file) {
        AtomicFiles.write(file, toBytes());
    }

    @Override
    public String toString() {
        return tensors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", ", "Safetensors[", "]"));
    }

    /** A JSON array of non-negative integers (of {@code length} entries unless it is -1). */
    private static long[] longs(Object value, int length, String what, String field) {
        if (!(value instanceof JSONArray list)) {
            throw new IllegalArgumentException(what + ": '" + field + "' missing or not an array");
        }
        if (length >= 0 && list.length() != length) {
            throw new IllegalArgumentException(what + ": '" + field + "' must have " + length + " entries, got " + list.length());
        }
        long[] out = new long[list.length()];
        for (int i = 0; i < out.length; i++) {
            Object v = list.get(i);
            // org.json gives integers as Integer, Long or BigInteger; 2.0, 1e3 and -0 come as BigDecimal or Double
            boolean integer = v instanceof Integer || v instanceof Long
                    || v instanceof BigInteger b && b.bitLength() <= 62;
            if (!integer || ((Number) v).longValue() < 0) {
                throw new IllegalArgumentException(what + ": '" + field + "' entry " + i
                        + " is not a non-negative integer: " + v);
            }
            out[i] = ((Number) v).longValue();
        }
        return out;
    }

    private static long byteSize(Dtype dtype, long[] shape) {
        long bytes = byteSizeOrMinus(dtype, shape);
        if (bytes < 0) {
            throw new IllegalArgumentException("bad shape " + Arrays.toString(shape) + " of " + dtype);
        }
        return bytes;
    }

    /** Elements times width, or -1 for a negative dimension or an overflow. */
    private static long byteSizeOrMinus(Dtype dtype, long[] shape) {
        long n = dtype.bytes();
        for (long d : shape) {
            if (d < 0) {
                return -1;
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return n;
    }

    /** IEEE 754 binary16 to float, exactly (subnormals, infinities and NaN included). */
    static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;   // subnormal (or zero): mant * 2^-24, exact in float
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
