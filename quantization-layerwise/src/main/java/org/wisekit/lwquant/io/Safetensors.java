package org.wisekit.lwquant.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wisekit.harness.AtomicFiles;

/**
 * Reads and writes the safetensors format (huggingface/safetensors): an 8-byte little-endian header length
 * N, N bytes of JSON ({@code name -> {dtype, shape, data_offsets: [begin, end]}} plus an optional
 * string-to-string {@code __metadata__}), then the tensor bytes; offsets are relative to the end of the
 * header. Malformed files (truncated header, offsets outside the file, overlapping or unknown dtypes) are
 * rejected with {@link IllegalArgumentException}.
 */
public final class Safetensors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L << 20;

    /** A file's tensors in header order and its metadata. */
    public record Contents(Map<String, SafeTensor> tensors, Map<String, String> metadata) {
    }

    private Safetensors() {
    }

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
        JsonNode header;
        try {
            header = JSON.readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("safetensors header is not valid JSON: " + e.getOriginalMessage());
        }
        if (header == null || !header.isObject()) {
            throw new IllegalArgumentException("safetensors header is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, SafeTensor> tensors = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = header.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().equals("__metadata__")) {
                f.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            JsonNode t = f.getValue();
            JsonNode offsets = t.get("data_offsets");
            JsonNode shapeNode = t.get("shape");
            if (t.get("dtype") == null || offsets == null || offsets.size() != 2 || shapeNode == null) {
                throw new IllegalArgumentException("tensor '" + f.getKey() + "': needs dtype, shape and data_offsets");
            }
            long begin = offsets.get(0).asLong();
            long end = offsets.get(1).asLong();
            if (begin < 0 || end < begin || dataStart + end > bytes.length) {
                throw new IllegalArgumentException("tensor '" + f.getKey() + "': data_offsets [" + begin + ", " + end
                        + "] outside the " + (bytes.length - dataStart) + " data bytes (truncated file?)");
            }
            long[] shape = new long[shapeNode.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeNode.get(i).asLong();
            }
            byte[] data = java.util.Arrays.copyOfRange(bytes, (int) (dataStart + begin), (int) (dataStart + end));
            try {
                tensors.put(f.getKey(), new SafeTensor(t.get("dtype").asText(), shape, data));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tensor '" + f.getKey() + "': " + e.getMessage());
            }
        }
        return new Contents(tensors, metadata);
    }

    /** The file's bytes: header (padded with spaces to a multiple of 8) then tensors in map order. */
    public static byte[] serialize(Map<String, SafeTensor> tensors, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode m = header.putObject("__metadata__");
            metadata.forEach(m::put);
        }
        long offset = 0;
        List<byte[]> parts = new ArrayList<>();
        for (Map.Entry<String, SafeTensor> e : tensors.entrySet()) {
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", e.getValue().dtype());
            var shape = t.putArray("shape");
            for (long s : e.getValue().shape()) {
                shape.add(s);
            }
            var off = t.putArray("data_offsets");
            off.add(offset);
            offset += e.getValue().data().length;
            off.add(offset);
            parts.add(e.getValue().data());
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
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

    /** Writes atomically. */
    public static void write(Path file, Map<String, SafeTensor> tensors, Map<String, String> metadata) {
        AtomicFiles.write(file, serialize(tensors, metadata));
    }
}
