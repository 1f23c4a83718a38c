package org.wisekit.lwquant.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wisekit.datasets.io.AtomicFiles;
import org.wisekit.lwquant.internal.Json;

/**
 * Reads and writes the safetensors format (huggingface/safetensors): an 8-byte little-endian header length
 * N, N bytes of JSON ({@code name -> {dtype, shape, data_offsets: [begin, end]}} plus an optional
 * string-to-string {@code __metadata__}), then the tensor bytes; offsets are relative to the end of the
 * header. Malformed files (truncated header, offsets outside the file, overlapping or unknown dtypes) are
 * rejected with {@link IllegalArgumentException}.
 */
public final class Safetensors {

    private static final long MAX_HEADER = 100L << 20;

    /** A file's tensors in header order and its metadata. */
    public record Contents(Map<String, SafeTensor> tensors, Map<String, String> metadata) {
    }

    private Safetensors() {
    }

    /**
     * Reads a safetensors file.
     *
     * @param file the file
     * @return its tensors (in header order) and metadata
     * @throws IllegalArgumentException naming the file, if it cannot be read or is malformed
     */
    public static Contents read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a safetensors file's bytes.
     *
     * @param bytes the whole file
     * @return its tensors (in header order) and metadata
     * @throws IllegalArgumentException if the file is truncated or its header malformed
     */
    public static Contents parse(byte[] bytes) {
        if (bytes.length < 8) {
            throw new IllegalArgumentException("truncated safetensors file: " + bytes.length + " bytes, no header length");
        }
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 2 || n > MAX_HEADER || 8 + n > bytes.length) {
            throw new IllegalArgumentException("truncated or invalid safetensors header: length " + n + " in a file of "
                    + bytes.length + " bytes");
        }
        int dataStart = (int) (8 + n);
        Object parsed;
        try {
            parsed = Json.parse(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("safetensors header is not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> header)) {
            throw new IllegalArgumentException("safetensors header is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, SafeTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<?, ?> f : header.entrySet()) {
            String name = (String) f.getKey();
            if (name.equals("__metadata__")) {
                if (f.getValue() instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> metadata.put((String) k, text(v)));
                }
                continue;
            }
            if (!(f.getValue() instanceof Map<?, ?> t) || t.get("dtype") == null
                    || !(t.get("data_offsets") instanceof List<?> offsets) || offsets.size() != 2
                    || !(t.get("shape") instanceof List<?> shapeList)) {
                throw new IllegalArgumentException("tensor '" + name + "': needs dtype, shape and data_offsets");
            }
            long begin = Json.toLong(offsets.get(0), "tensor '" + name + "': data_offsets");
            long end = Json.toLong(offsets.get(1), "tensor '" + name + "': data_offsets");
            if (begin < 0 || end < begin || dataStart + end > bytes.length) {
                throw new IllegalArgumentException("tensor '" + name + "': data_offsets [" + begin + ", " + end
                        + "] outside the " + (bytes.length - dataStart) + " data bytes (truncated file?)");
            }
            long[] shape = new long[shapeList.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = Json.toLong(shapeList.get(i), "tensor '" + name + "': shape");
            }
            byte[] data = java.util.Arrays.copyOfRange(bytes, (int) (dataStart + begin), (int) (dataStart + end));
            try {
                tensors.put(name, new SafeTensor(text(t.get("dtype")), shape, data));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tensor '" + name + "': " + e.getMessage());
            }
        }
        return new Contents(tensors, metadata);
    }

    /** A JSON scalar as text (strings as they are, numbers and booleans as written, null as "null"). */
    private static String text(Object v) {
        return v instanceof Map || v instanceof List ? "" : String.valueOf(v);
    }

    /**
     * The file's bytes: header (padded with spaces to a multiple of 8) then tensors in map order. The header
     * is one flat JSON object: {@code __metadata__} first (if any), then per tensor {@code dtype},
     * {@code shape} and {@code data_offsets}.
     *
     * @param tensors  tensors in the order to write them
     * @param metadata string metadata, or {@code null}
     * @return the file's bytes
     */
    public static byte[] serialize(Map<String, SafeTensor> tensors, Map<String, String> metadata) {
        StringBuilder header = new StringBuilder("{");
        if (metadata != null && !metadata.isEmpty()) {
            header.append(Json.quote("__metadata__")).append(":{");
            String sep = "";
            for (Map.Entry<String, String> m : metadata.entrySet()) {
                header.append(sep).append(Json.quote(m.getKey())).append(':').append(Json.quote(m.getValue()));
                sep = ",";
            }
            header.append('}');
        }
        long offset = 0;
        List<byte[]> parts = new ArrayList<>();
        for (Map.Entry<String, SafeTensor> e : tensors.entrySet()) {
            if (header.length() > 1) {
                header.append(',');
            }
            header.append(Json.quote(e.getKey())).append(":{\"dtype\":").append(Json.quote(e.getValue().dtype()))
                    .append(",\"shape\":[");
            long[] shape = e.getValue().shape();
            for (int i = 0; i < shape.length; i++) {
                header.append(i > 0 ? "," : "").append(shape[i]);
            }
            header.append("],\"data_offsets\":[").append(offset).append(',');
            offset += e.getValue().data().length;
            header.append(offset).append("]}");
            parts.add(e.getValue().data());
        }
        byte[] json = header.append('}').toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) (8 + padded + offset));
        byte[] len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array();
        out.writeBytes(len);
        out.writeBytes(json);
        for (int i = json.length; i < padded; i++) {
            out.write(' ');
        }
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /**
     * Writes {@link #serialize} atomically (temporary file, then rename).
     *
     * @param file     the file to write
     * @param tensors  tensors in the order to write them
     * @param metadata string metadata, or {@code null}
     */
    public static void write(Path file, Map<String, SafeTensor> tensors, Map<String, String> metadata) {
        AtomicFiles.write(file, serialize(tensors, metadata));
    }
}
