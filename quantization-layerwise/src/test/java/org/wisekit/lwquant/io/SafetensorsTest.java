package org.wisekit.lwquant.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors header: exact bytes written, order kept on reading, malformed headers rejected. */
class SafetensorsTest {

    @TempDir
    Path dir;

    private static byte[] file(String header, int dataBytes) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        return b.array();
    }

    private static String header(byte[] file) {
        long n = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return new String(file, 8, (int) n, StandardCharsets.UTF_8);
    }

    @Test
    void headerIsOneFlatObjectPaddedWithSpaces() {
        Map<String, SafeTensor> tensors = new LinkedHashMap<>();
        tensors.put("z.weight", SafeTensor.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}));
        tensors.put("a.bias", SafeTensor.ofFloats(new float[] {7}, new long[] {1}));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("note", "quote \" backslash \\ tab\t é");
        byte[] bytes = Safetensors.serialize(tensors, metadata);
        String h = header(bytes);
        assertThat(h.getBytes(StandardCharsets.UTF_8).length % 8).isZero();
        assertThat(h.stripTrailing()).isEqualTo("{\"__metadata__\":{\"format\":\"pt\",\"note\":\"quote \\\" backslash \\\\"
                + " tab\\t é\"},\"z.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
                + "\"a.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[24,28]}}");
        // Another JSON reader sees the same structure.
        JSONObject other = new JSONObject(h);
        assertThat(other.getJSONObject("__metadata__").getString("note")).isEqualTo(metadata.get("note"));
        assertThat(other.getJSONObject("z.weight").getJSONArray("data_offsets").toList()).containsExactly(0, 24);

        Safetensors.Contents back = Safetensors.parse(bytes);
        assertThat(back.tensors().keySet()).containsExactly("z.weight", "a.bias");
        assertThat(back.metadata()).containsExactlyEntriesOf(metadata);
        assertThat(back.tensors().get("z.weight").toFloats()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(back.tensors().get("z.weight").shape()).containsExactly(2, 3);
        assertThat(Safetensors.serialize(back.tensors(), back.metadata())).isEqualTo(bytes);
    }

    @Test
    void noMetadataWritesNoMetadataKey() {
        byte[] bytes = Safetensors.serialize(Map.of("x", SafeTensor.ofFloats(new float[] {1}, new long[] {1})), null);
        assertThat(header(bytes).stripTrailing()).isEqualTo("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}");
        assertThat(Safetensors.parse(bytes).metadata()).isEmpty();
    }

    @Test
    void malformedHeadersAreRejectedWithTheFieldNamed() throws Exception {
        assertThatThrownBy(() -> Safetensors.parse(file("{\"a\": {\"dtype\": \"F32\"", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> Safetensors.parse(file("{a: 1}", 0))).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> Safetensors.parse(file("[1, 2]", 0))).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> Safetensors.parse(file("{\"w\": {\"dtype\": \"F32\", \"shape\": [1]}}", 4)))
                .hasMessageContaining("tensor 'w': needs dtype, shape and data_offsets");
        assertThatThrownBy(() -> Safetensors.parse(file("{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 8]}}", 4)))
                .hasMessageContaining("tensor 'w': data_offsets [0, 8] outside the 4 data bytes");
        assertThatThrownBy(() -> Safetensors.parse(file("{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 1.5]}}", 4)))
                .hasMessageContaining("tensor 'w': data_offsets must be an integer");
        assertThatThrownBy(() -> Safetensors.parse(file("{\"w\": {\"dtype\": \"Q9\", \"shape\": [1], \"data_offsets\": [0, 4]}}", 4)))
                .hasMessageContaining("tensor 'w'");
        Path bad = dir.resolve("bad.safetensors");
        Files.write(bad, file("{\"w\": 3}", 0));
        assertThatThrownBy(() -> Safetensors.read(bad)).hasMessageStartingWith(bad.toString())
                .hasMessageContaining("tensor 'w'");
    }

    @Test
    void nestedValuesAndOrderSurviveParsing() {
        String h = "{\"__metadata__\": {\"b\": \"2\", \"a\": \"1\", \"n\": 3}, \"w2\": {\"dtype\": \"F32\", \"shape\": [],"
                + " \"data_offsets\": [0, 4], \"extra\": [null, true, {\"k\": []}]}, \"w1\": {\"dtype\": \"F32\", \"shape\": [1],"
                + " \"data_offsets\": [4, 8]}}   ";
        Safetensors.Contents c = Safetensors.parse(file(h, 8));
        assertThat(c.tensors().keySet()).containsExactly("w2", "w1");
        assertThat(c.metadata()).containsExactly(Map.entry("b", "2"), Map.entry("a", "1"), Map.entry("n", "3"));
        assertThat(c.tensors().get("w2").shape()).isEmpty();
        assertThat(List.of(c.tensors().get("w1").shape()[0])).containsExactly(1L);
    }
}
