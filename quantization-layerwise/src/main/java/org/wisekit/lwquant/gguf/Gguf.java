package org.wisekit.lwquant.gguf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wisekit.datasets.io.AtomicFiles;

/**
 * The GGUF container (ggml's file format, version 3), little-endian: magic {@code "GGUF"}, version (uint32),
 * tensor count and metadata count (uint64), the metadata key/value pairs (key: uint64 length + UTF-8 bytes;
 * value: uint32 type + value), the tensor infos (name, uint32 n_dims, uint64 dims with {@code dims[0]} the
 * innermost (contiguous) dimension, uint32 ggml type, uint64 offset into the data section), padding to
 * {@code general.alignment} (default 32), then the tensor data, each tensor starting at a multiple of the
 * alignment.
 *
 * <p>Metadata values map to Java types as follows (writing, then what reading returns): {@code String} -
 * STRING; {@code Boolean} - BOOL; {@code Integer} - UINT32 (INT32 if negative), read as Integer;
 * {@code Long} - UINT64 (INT64 if negative), read as Long; {@code Float} - FLOAT32; {@code Double} - FLOAT64;
 * {@code List} of one of these - ARRAY, read as a List. UINT8/INT8/UINT16/INT16 read as Integer, a UINT32
 * above {@code Integer.MAX_VALUE} as Long. Files of version 2 (same layout) are read too.
 */
public final class Gguf {

    /** The magic number, "GGUF" in file order. */
    public static final int MAGIC = 0x46554747;
    public static final int VERSION = 3;
    public static final int DEFAULT_ALIGNMENT = 32;

    // GGUF metadata value types
    static final int UINT8 = 0;
    static final int INT8 = 1;
    static final int UINT16 = 2;
    static final int INT16 = 3;
    static final int UINT32 = 4;
    static final int INT32 = 5;
    static final int FLOAT32 = 6;
    static final int BOOL = 7;
    static final int STRING = 8;
    static final int ARRAY = 9;
    static final int UINT64 = 10;
    static final int INT64 = 11;
    static final int FLOAT64 = 12;

    private Gguf() {
    }

    /** One tensor: name, dims ({@code dims[0]} innermost, as ggml's {@code ne}), type and encoded data. */
    public record Tensor(String name, long[] dims, GgmlType type, byte[] data) {

        public Tensor {
            if (dims.length < 1 || dims.length > 4) {
                throw new IllegalArgumentException("tensor '" + name + "': " + dims.length + " dims, expected 1 to 4");
            }
            for (long d : dims) {
                if (d < 1) {
                    throw new IllegalArgumentException("tensor '" + name + "': dims " + Arrays.toString(dims));
                }
            }
            if (dims[0] % type.blockSize != 0) {
                throw new IllegalArgumentException("tensor '" + name + "': " + type + " needs rows of a multiple of "
                        + type.blockSize + " values, got " + dims[0]);
            }
            if (data.length != type.bytes(elements(dims))) {
                throw new IllegalArgumentException("tensor '" + name + "': " + data.length + " bytes, " + type + " "
                        + Arrays.toString(dims) + " needs " + type.bytes(elements(dims)));
            }
        }

        /** Encodes float values of a tensor with dims {@code dims} as {@code type}. */
        public static Tensor of(String name, float[] values, GgmlType type, long... dims) {
            if (values.length != elements(dims)) {
                throw new IllegalArgumentException("tensor '" + name + "': " + values.length + " values for dims "
                        + Arrays.toString(dims));
            }
            return new Tensor(name, dims.clone(), type, type.encode(values));
        }

        public long elements() {
            return elements(dims);
        }

        /** The values as float32 (dequantized). */
        public float[] toFloats() {
            return type.decode(data, Math.toIntExact(elements()));
        }

        private static long elements(long[] dims) {
            long n = 1;
            for (long d : dims) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }
    }

    /** A parsed file: its version, metadata in file order and tensors in file order. */
    public record Contents(int version, Map<String, Object> metadata, Map<String, Tensor> tensors) {

        /** A metadata value, or an error naming the key if it is missing or of another Java type. */
        public <T> T get(String key, Class<T> type) {
            Object v = metadata.get(key);
            if (!type.isInstance(v)) {
                throw new IllegalArgumentException("GGUF metadata '" + key + "' is "
                        + (v == null ? "missing" : "a " + v.getClass().getSimpleName() + ", expected " + type.getSimpleName()));
            }
            return type.cast(v);
        }
    }

    /** Writes {@link #serialize} atomically. */
    public static void write(Path file, Map<String, Object> metadata, List<Tensor> tensors) {
        AtomicFiles.write(file, serialize(metadata, tensors));
    }

    /**
     * The bytes of a GGUF file. {@code general.alignment} is taken from {@code metadata} if present (an
     * Integer, a positive multiple of 8), else 32 and not written.
     */
    public static byte[] serialize(Map<String, Object> metadata, List<Tensor> tensors) {
        int alignment = DEFAULT_ALIGNMENT;
        if (metadata.containsKey("general.alignment")) {
            if (!(metadata.get("general.alignment") instanceof Integer a) || a < 8 || a % 8 != 0) {
                throw new IllegalArgumentException("general.alignment must be an Integer multiple of 8, got "
                        + metadata.get("general.alignment"));
            }
            alignment = a;
        }
        Out out = new Out();
        out.u32(MAGIC);
        out.u32(VERSION);
        out.u64(tensors.size());
        out.u64(metadata.size());
        metadata.forEach((k, v) -> {
            out.string(k);
            int type = typeOf(v, k);
            out.u32(type);
            value(out, type, v, k);
        });
        long offset = 0;
        List<Long> offsets = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Tensor t : tensors) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("tensor '" + t.name() + "' written twice");
            }
            out.string(t.name());
            out.u32(t.dims().length);
            for (long d : t.dims()) {
                out.u64(d);
            }
            out.u32(t.type().id);
            out.u64(offset);
            offsets.add(offset);
            offset = align(offset + t.data().length, alignment);
        }
        out.pad(alignment);
        long dataStart = out.size();
        for (int i = 0; i < tensors.size(); i++) {
            while (out.size() - dataStart < offsets.get(i)) {
                out.u8(0);
            }
            out.bytes(tensors.get(i).data());
        }
        out.pad(alignment);
        return out.toByteArray();
    }

    private static long align(long x, int alignment) {
        return (x + alignment - 1) / alignment * alignment;
    }

    private static int typeOf(Object v, String key) {
        if (v instanceof String) {
            return STRING;
        }
        if (v instanceof Boolean) {
            return BOOL;
        }
        if (v instanceof Integer i) {
            return i < 0 ? INT32 : UINT32;
        }
        if (v instanceof Long l) {
            return l < 0 ? INT64 : UINT64;
        }
        if (v instanceof Float) {
            return FLOAT32;
        }
        if (v instanceof Double) {
            return FLOAT64;
        }
        if (v instanceof List<?>) {
            return ARRAY;
        }
        throw new IllegalArgumentException("GGUF metadata '" + key + "': unsupported value type "
                + (v == null ? "null" : v.getClass().getName()));
    }

    private static void value(Out out, int type, Object v, String key) {
        switch (type) {
            case STRING -> out.string((String) v);
            case BOOL -> out.u8((Boolean) v ? 1 : 0);
            case UINT32, INT32 -> out.u32((Integer) v);
            case UINT64, INT64 -> out.u64((Long) v);
            case FLOAT32 -> out.u32(Float.floatToRawIntBits((Float) v));
            case FLOAT64 -> out.u64(Double.doubleToRawLongBits((Double) v));
            case ARRAY -> {
                List<?> list = (List<?>) v;
                int element = list.isEmpty() ? INT32 : typeOf(list.get(0), key);
                if (element == INT32 || element == UINT32) {
                    element = list.stream().anyMatch(o -> o instanceof Integer i && i < 0) ? INT32 : UINT32;
                } else if (element == INT64 || element == UINT64) {
                    element = list.stream().anyMatch(o -> o instanceof Long l && l < 0) ? INT64 : UINT64;
                }
                if (element == ARRAY) {
                    throw new IllegalArgumentException("GGUF metadata '" + key + "': nested arrays are not supported");
                }
                out.u32(element);
                out.u64(list.size());
                for (Object o : list) {
                    int t = typeOf(o, key);
                    boolean same = t == element || (element == INT32 && t == UINT32) || (element == INT64 && t == UINT64);
                    if (!same) {
                        throw new IllegalArgumentException("GGUF metadata '" + key + "': array elements of mixed types");
                    }
                    value(out, element, o, key);
                }
            }
            default -> throw new AssertionError(type);
        }
    }

    /** Reads a GGUF file (whole, into memory; at most 2 GiB). */
    public static Contents read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | OutOfMemoryError e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses the bytes of a GGUF file.
     *
     * @throws IllegalArgumentException for a bad magic or version, a truncated file, an unknown metadata
     *                                  or tensor type, overlapping or misaligned tensor data
     */
    public static Contents parse(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            if (bytes.length < 4 || in.getInt() != MAGIC) {
                throw new IllegalArgumentException("not a GGUF file (bad magic)");
            }
            int version = in.getInt();
            if (version != 2 && version != 3) {
                throw new IllegalArgumentException("GGUF version " + version + " is not supported (2 and 3 are)");
            }
            long tensorCount = in.getLong();
            long kvCount = in.getLong();
            if (tensorCount < 0 || kvCount < 0 || tensorCount > bytes.length || kvCount > bytes.length) {
                throw new IllegalArgumentException("GGUF header counts are impossible: " + tensorCount + " tensors, "
                        + kvCount + " metadata entries in " + bytes.length + " bytes");
            }
            Map<String, Object> meta = new LinkedHashMap<>();
            for (long i = 0; i < kvCount; i++) {
                String key = string(in, "metadata key");
                int type = in.getInt();
                if (meta.put(key, readValue(in, type, key)) != null) {
                    throw new IllegalArgumentException("GGUF metadata key '" + key + "' appears twice");
                }
            }
            int alignment = DEFAULT_ALIGNMENT;
            if (meta.containsKey("general.alignment")) {
                if (!(meta.get("general.alignment") instanceof Integer a) || a < 1 || (a & (a - 1)) != 0) {
                    throw new IllegalArgumentException("general.alignment is not a power of two: "
                            + meta.get("general.alignment"));
                }
                alignment = a;
            }
            record Info(String name, long[] dims, GgmlType type, long offset) {
            }
            List<Info> infos = new ArrayList<>();
            for (long i = 0; i < tensorCount; i++) {
                String name = string(in, "tensor name");
                int nDims = in.getInt();
                if (nDims < 1 || nDims > 4) {
                    throw new IllegalArgumentException("tensor '" + name + "': " + nDims + " dims, expected 1 to 4");
                }
                long[] dims = new long[nDims];
                for (int d = 0; d < nDims; d++) {
                    dims[d] = in.getLong();
                    if (dims[d] < 1 || dims[d] > bytes.length * 8L) {
                        throw new IllegalArgumentException("tensor '" + name + "': dimension " + dims[d] + " is impossible");
                    }
                }
                int typeId = in.getInt();
                GgmlType type = GgmlType.ofId(typeId & 0xffffffffL);
                if (type == null) {
                    throw new IllegalArgumentException("tensor '" + name + "': unknown or unsupported ggml type "
                            + (typeId & 0xffffffffL) + " (supported: F32=0, F16=1, Q4_0=2, Q8_0=8)");
                }
                long offset = in.getLong();
                if (offset < 0 || offset % alignment != 0) {
                    throw new IllegalArgumentException("tensor '" + name + "': offset " + offset
                            + " is not a multiple of the alignment " + alignment);
                }
                infos.add(new Info(name, dims, type, offset));
            }
            long dataStart = align(in.position(), alignment);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            long[][] ranges = new long[infos.size()][];
            for (int i = 0; i < infos.size(); i++) {
                Info info = infos.get(i);
                long n = 1;
                for (long d : info.dims()) {
                    n = Math.multiplyExact(n, d);
                }
                if (info.dims()[0] % info.type().blockSize != 0) {
                    throw new IllegalArgumentException("tensor '" + info.name() + "': " + info.type()
                            + " rows of " + info.dims()[0] + " values are not whole blocks");
                }
                long size = info.type().bytes(n);
                long start = dataStart + info.offset();
                if (start + size > bytes.length) {
                    throw new IllegalArgumentException("truncated: tensor '" + info.name() + "' needs bytes up to "
                            + (start + size) + ", the file has " + bytes.length);
                }
                ranges[i] = new long[] {start, start + size};
                byte[] data = Arrays.copyOfRange(bytes, (int) start, (int) (start + size));
                if (tensors.put(info.name(), new Tensor(info.name(), info.dims(), info.type(), data)) != null) {
                    throw new IllegalArgumentException("tensor '" + info.name() + "' appears twice");
                }
            }
            long[][] sorted = ranges.clone();
            Arrays.sort(sorted, (a, b) -> Long.compare(a[0], b[0]));
            for (int i = 1; i < sorted.length; i++) {
                if (sorted[i][0] < sorted[i - 1][1]) {
                    throw new IllegalArgumentException("tensor data regions overlap");
                }
            }
            return new Contents(version, Collections.unmodifiableMap(meta), Collections.unmodifiableMap(tensors));
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated GGUF file (" + bytes.length + " bytes)");
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("GGUF tensor dimensions overflow");
        }
    }

    private static Object readValue(ByteBuffer in, int type, String key) {
        return switch (type) {
            case UINT8 -> in.get() & 0xff;
            case INT8 -> (int) in.get();
            case UINT16 -> in.getShort() & 0xffff;
            case INT16 -> (int) in.getShort();
            case UINT32 -> {
                long v = in.getInt() & 0xffffffffL;
                yield v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
            }
            case INT32 -> in.getInt();
            case FLOAT32 -> in.getFloat();
            case BOOL -> {
                int b = in.get();
                if (b != 0 && b != 1) {
                    throw new IllegalArgumentException("metadata '" + key + "': bool value " + b);
                }
                yield b == 1;
            }
            case STRING -> string(in, "metadata '" + key + "'");
            case UINT64, INT64 -> in.getLong();
            case FLOAT64 -> in.getDouble();
            case ARRAY -> {
                int element = in.getInt();
                long n = in.getLong();
                if (n < 0 || n > in.remaining()) {
                    throw new IllegalArgumentException("truncated: metadata '" + key + "' claims " + n + " array elements");
                }
                if (element == ARRAY) {
                    throw new IllegalArgumentException("metadata '" + key + "': nested arrays are not supported");
                }
                List<Object> list = new ArrayList<>((int) n);
                for (long i = 0; i < n; i++) {
                    list.add(readValue(in, element, key));
                }
                yield Collections.unmodifiableList(list);
            }
            default -> throw new IllegalArgumentException("metadata '" + key + "': unknown value type " + type);
        };
    }

    private static String string(ByteBuffer in, String what) {
        long n = in.getLong();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("truncated: " + what + " claims " + n + " bytes, " + in.remaining() + " left");
        }
        byte[] b = new byte[(int) n];
        in.get(b);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " is not UTF-8");
        }
    }

    /** A little-endian byte sink. */
    private static final class Out {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();

        void u8(int v) {
            b.write(v);
        }

        void u32(int v) {
            for (int i = 0; i < 4; i++) {
                b.write(v >>> (8 * i));
            }
        }

        void u64(long v) {
            for (int i = 0; i < 8; i++) {
                b.write((int) (v >>> (8 * i)));
            }
        }

        void string(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            u64(bytes.length);
            b.write(bytes, 0, bytes.length);
        }

        void bytes(byte[] data) {
            b.write(data, 0, data.length);
        }

        void pad(int alignment) {
            while (b.size() % alignment != 0) {
                b.write(0);
            }
        }

        long size() {
            return b.size();
        }

        byte[] toByteArray() {
            return b.toByteArray();
        }
    }
}
