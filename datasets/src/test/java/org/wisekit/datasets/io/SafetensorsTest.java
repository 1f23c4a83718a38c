package org.wisekit.datasets.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.datasets.io.Safetensors.Dtype;
import org.wisekit.datasets.io.Safetensors.Tensor;

class SafetensorsTest {

    @TempDir
    Path dir;

    /** A file built by hand: the 8-byte length, the header text as given, then the data bytes. */
    private static byte[] file(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
        out.writeBytes(h);
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static byte[] le(int width, long... values) {
        ByteBuffer b = ByteBuffer.allocate(width * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            switch (width) {
                case 1 -> b.put((byte) v);
                case 2 -> b.putShort((short) v);
                case 4 -> b.putInt((int) v);
                default -> b.putLong(v);
            }
        }
        return b.array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void readsEveryFloatDtypeFromHandBuiltBytes() {
        // F16: 1, -2, 0.5, 65504 (largest), 2^-24 (smallest subnormal), -0, +inf
        byte[] f16 = le(2, 0x3C00, 0xC000, 0x3800, 0x7BFF, 0x0001, 0x8000, 0x7C00, 0x3555);
        // BF16: 1, -3.5 (0xC060), 2^-126 (0x0080), 3.140625 (0x4049)
        byte[] bf16 = le(2, 0x3F80, 0xC060, 0x0080, 0x4049);
        byte[] f32 = le(4, Float.floatToIntBits(1.5f), Float.floatToIntBits(-0.25f), Float.floatToIntBits(3e-5f),
                Float.floatToIntBits(7f), Float.floatToIntBits(-8f), Float.floatToIntBits(9.5f));
        byte[] f64 = le(8, Double.doubleToLongBits(0.1), Double.doubleToLongBits(-1e300 * 0 + 2));
        byte[] u8 = le(1, 0, 1, 255);
        byte[] i32 = le(4, -7);
        int a = f16.length;
        int b = a + bf16.length;
        int c = b + f32.length;
        int d = c + f64.length;
        int e = d + u8.length;
        String header = "{\"__metadata__\": {\"format\": \"pt\", \"note\": \"h\\u00e9\"},"
                + " \"h\": {\"dtype\": \"F16\", \"shape\": [2, 4], \"data_offsets\": [0, " + a + "]},"
                + " \"bf\": {\"dtype\": \"BF16\", \"shape\": [4], \"data_offsets\": [" + a + ", " + b + "]},"
                + " \"layer.weight\": {\"dtype\": \"F32\", \"shape\": [3, 2], \"data_offsets\": [" + b + ", " + c + "]},"
                + " \"d\": {\"dtype\": \"F64\", \"shape\": [1, 2], \"data_offsets\": [" + c + ", " + d + "]},"
                + " \"u\": {\"dtype\": \"U8\", \"shape\": [3], \"data_offsets\": [" + d + ", " + e + "]},"
                + " \"scalar\": {\"dtype\": \"I32\", \"shape\": [], \"data_offsets\": [" + e + ", " + (e + 4) + "]}}   ";
        Safetensors st = Safetensors.read(file(header, concat(f16, bf16, f32, f64, u8, i32)), "hand");
        assertThat(st.names()).containsExactly("h", "bf", "layer.weight", "d", "u", "scalar");
        assertThat(st.metadata()).containsExactly(Map.entry("format", "pt"), Map.entry("note", "h\u00e9"));
        assertThat(st.tensor("h").toFloats()).containsExactly(1f, -2f, 0.5f, 65504f, 0x1p-24f, -0f,
                Float.POSITIVE_INFINITY, 0.333251953125f);
        assertThat(Float.floatToIntBits(st.tensor("h").toFloats()[5])).isEqualTo(0x80000000);
        assertThat(st.tensor("bf").toFloats()).containsExactly(1f, -3.5f, 0x1p-126f, 3.140625f);
        assertThat(st.tensor("layer.weight").toFloats()).containsExactly(1.5f, -0.25f, 3e-5f, 7f, -8f, 9.5f);
        assertThat(st.tensor("layer.weight").shape()).containsExactly(3, 2);
        assertThat(st.tensor("d").toFloats()).containsExactly(0.1f, 2f);
        assertThat(st.tensor("u").data()).containsExactly(0, 1, (byte) 255);
        assertThat(st.tensor("scalar").rank()).isZero();
        assertThat(st.tensor("scalar").elements()).isEqualTo(1);
        assertThatThrownBy(() -> st.tensor("u").toFloats()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dtype U8 is not a floating-point type (F16, BF16, F32 or F64)");
    }

    @Test
    void halfPrecisionConversionIsExactForEveryBitPattern() {
        for (int h = 0; h < 0x10000; h++) {
            int exp = (h >>> 10) & 0x1f;
            int mant = h & 0x3ff;
            double expected = exp == 0 ? mant * Math.pow(2, -24)
                    : exp == 31 ? (mant == 0 ? Double.POSITIVE_INFINITY : Double.NaN)
                    : (1 + mant / 1024.0) * Math.pow(2, exp - 15);
            expected = (h & 0x8000) != 0 ? -expected : expected;
            float got = Safetensors.halfToFloat((short) h);
            if (Double.isNaN(expected)) {
                assertThat(got).as("0x%04x", h).isNaN();
            } else {
                assertThat((double) got).as("0x%04x", h).isEqualTo(expected);
            }
        }
    }

    @Test
    void writerOutputIsTheDocumentedLayoutAndReadsBack() throws Exception {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", Tensor.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        tensors.put("m\"ask", Tensor.ofBytes(new byte[] {1, 0}, 2));
        tensors.put("bf", new Tensor(Dtype.BF16, new long[] {1, 1}, le(2, 0x3F80)));
        Safetensors st = new Safetensors(tensors, Map.of("k", "v"));
        byte[] bytes = st.toBytes();
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(n % 8).isZero();
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertThat(header.stripTrailing()).isEqualTo("{\"__metadata__\":{\"k\":\"v\"},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
                + "\"m\\\"ask\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[24,26]},"
                + "\"bf\":{\"dtype\":\"BF16\",\"shape\":[1,1],\"data_offsets\":[26,28]}}"
        );
        assertThat(header.isBlank() || header.length() - header.stripTrailing().length() < 8).isTrue();
        assertThat(bytes.length).isEqualTo(8 + n + 28);
        assertThat(ByteBuffer.wrap(bytes, 8 + (int) n, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat()).isEqualTo(1f);
        Safetensors back = Safetensors.read(bytes, "round");
        assertThat(back.tensors()).isEqualTo(st.tensors());
        assertThat(back.metadata()).isEqualTo(st.metadata());
        Path f = dir.resolve("x.safetensors");
        st.write(f);
        assertThat(Files.readAllBytes(f)).isEqualTo(bytes);
        assertThat(Safetensors.read(f).tensors()).isEqualTo(st.tensors());
        assertThat(Safetensors.of("a", Tensor.ofBytes(new byte[0], 0)).toBytes().length % 8).isZero();
    }

    @Test
    void maskedZeroesWholeElementsAndKeepsExactBits() {
        Tensor t = new Tensor(Dtype.BF16, new long[] {2, 2}, le(2, 0x3F80, 0xC060, 0x0080, 0x4049));
        Tensor m = t.masked(new boolean[] {true, false, false, true});
        assertThat(m.data()).containsExactly(le(2, 0x3F80, 0, 0, 0x4049));
        assertThat(t.data()).containsExactly(le(2, 0x3F80, 0xC060, 0x0080, 0x4049));
        assertThatThrownBy(() -> t.masked(new boolean[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keep must hold one entry per element (4), got 3");
    }

    @Test
    void unknownTensorNameListsTheClosestNames() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String n : new String[] {"embed.weight", "layers.0.attn.weight", "layers.0.mlp.weight", "layers.1.attn.weight",
                "layers.1.mlp.weight", "a", "b", "c", "d", "e"}) {
            tensors.put(n, Tensor.ofBytes(new byte[1], 1));
        }
        Safetensors st = new Safetensors(tensors, Map.of());
        assertThatThrownBy(() -> st.tensor("layers.1.mlp.wieght")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no tensor named 'layers.1.mlp.wieght' (10 tensors: layers.1.mlp.weight, layers.1.attn.weight,"
                        + " layers.0.attn.weight, layers.0.mlp.weight, embed.weight, a, b, c, ...)");
        assertThatThrownBy(() -> new Safetensors(Map.of(), Map.of()).tensor("x")).hasMessage("no tensor named 'x' (0 tensors)");
    }

    private static final String GOOD = "{\"w\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}}";

    @Test
    void rejectsMalformedFiles() {
        byte[] data = new byte[8];
        assertThat(Safetensors.read(file(GOOD, data), "f").names()).containsExactly("w");
        bad(new byte[5], "f: truncated or not a safetensors file: 5 bytes, shorter than the 8-byte header length");
        byte[] longHeader = file(GOOD, data);
        longHeader[0] = (byte) 200;   // header length 200 + ... > file
        bad(longHeader, "f: header length " + (200 + (GOOD.length() & ~0xff)) + " is larger than the");
        byte[] huge = file(GOOD, data);
        huge[7] = (byte) 0x80;   // the top bit: an unsigned length of more than 2^63
        bad(huge, "f: header length 922337203685477");
        byte[] notUtf8 = file(GOOD, data);
        notUtf8[9] = (byte) 0xff;
        bad(notUtf8, "f: the header is not UTF-8");
        bad(file("{\"w\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]},}", data),
                "f: the header is not valid JSON: ");
        bad(file("{\"w\": {\"dtype\": \"F32\"", data), "f: the header is not valid JSON: ");
        bad(file("{w: {}}", data), "f: the header is not valid JSON: ");
        bad(file("[1, 2]", data), "f: the header is not a JSON object");
        bad(file("", data), "f: the header is not a JSON object");
        bad(file(GOOD.replace("}}", "}, \"w\": {}}"), data), "Duplicate key \"w\"");
        bad(file(GOOD.replace("[0, 8]", "[0, 12]"), data), "f: tensor 'w': data_offsets [0, 12] out of range of the 8-byte data buffer");
        bad(file(GOOD.replace("[0, 8]", "[8, 0]"), data), "f: tensor 'w': data_offsets [8, 0] out of range");
        bad(file(GOOD.replace("[0, 8]", "[0, 4]"), data), "f: tensor 'w': shape [2] of F32 needs 8 bytes, data_offsets give 4");
        bad(file(GOOD.replace("[2]", "[3]"), data), "f: tensor 'w': shape [3] of F32 needs 12 bytes, data_offsets give 8");
        bad(file(GOOD.replace("F32", "F16"), data), "f: tensor 'w': shape [2] of F16 needs 4 bytes, data_offsets give 8");
        bad(file(GOOD.replace("[2]", "[4294967296, 4294967296, 4294967296]"), data), "needs more than 2^63 bytes");
        bad(file(GOOD.replace("[0, 8]", "[0, 4]").replace("[2]", "[1]"), data),
                "f: the tensors cover 4 bytes but the data buffer has 8 (trailing bytes)");
        bad(file(GOOD.replace("[0, 8]", "[4, 8]").replace("[2]", "[1]"), data),
                "f: tensor 'w' starts at byte 4, leaving a gap after byte 0 of the data buffer");
        bad(file("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]},"
                + " \"b\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 8]}}", data),
                "f: tensor 'b' at bytes [4, 8] overlaps the tensor before it (which ends at 8)");
        bad(file(GOOD.replace("F32", "F4"), data), "f: tensor 'w': unsupported dtype 'F4' (known: BOOL, U8,");
        bad(file(GOOD.replace("\"F32\"", "32"), data), "f: tensor 'w': 'dtype' missing or not a string");
        bad(file(GOOD.replace("\"shape\"", "\"shap\""), data), "f: tensor 'w': 'shape' missing or not an array");
        bad(file("{\"w\": 3}", data), "f: tensor 'w': entry is not an object");
        bad(file(GOOD.replace("\"shape\": [2], ", ""), data), "f: tensor 'w': 'shape' missing or not an array");
        bad(file(GOOD.replace("[2]", "[-2]"), data), "f: tensor 'w': 'shape' entry 0 is not a non-negative integer: -2");
        bad(file(GOOD.replace("[2]", "[2.0]"), data), "f: tensor 'w': 'shape' entry 0 is not a non-negative integer: 2.0");
        bad(file(GOOD.replace("[2]", "[\"2\"]"), data), "f: tensor 'w': 'shape' entry 0 is not a non-negative integer: 2");
        bad(file(GOOD.replace("[0, 8]", "[0, 1.5]"), data), "f: tensor 'w': 'data_offsets' entry 1 is not a non-negative integer: 1.5");
        bad(file(GOOD.replace("[2]", "[18446744073709551616]"), data), "'shape' entry 0 is not a non-negative integer");
        bad(file(GOOD.replace("[0, 8]", "[0, 8, 8]"), data), "f: tensor 'w': 'data_offsets' must have 2 entries, got 3");
        bad(file(GOOD.replace("{\"dtype\"", "[{\"dtype\"").replace("]}}", "]}]}"), data), "f: tensor 'w': entry is not an object");
        bad(file(GOOD.replace("}}", "}, \"__metadata__\": {\"a\": 1}}"), data), "f: __metadata__ value of 'a' is not a string");
        bad(file(GOOD.replace("}}", "}, \"__metadata__\": []}"), data), "f: __metadata__ must be an object of strings");
        bad(file(GOOD.replace("\"w\"", "\"\""), data), "f: a tensor has an empty name");
    }

    @Test
    void readingAFileNamesItInEveryError() throws Exception {
        Path bad = dir.resolve("bad.safetensors");
        Files.write(bad, file("{\"w\": 3}", new byte[0]));
        assertThatThrownBy(() -> Safetensors.read(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(bad + ": tensor 'w': entry is not an object");
        assertThatThrownBy(() -> Safetensors.read(dir.resolve("none.safetensors")))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("cannot read");
    }

    @Test
    void headerIsOneFlatObjectThatAnotherJsonReaderSees() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("z.weight", Tensor.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        tensors.put("a.bias", Tensor.ofFloats(new float[] {7}, 1));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("note", "quote \" backslash \\ tab\t \u00e9 </x>");
        byte[] bytes = new Safetensors(tensors, metadata).toBytes();
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String h = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertThat(h.stripTrailing()).isEqualTo("{\"__metadata__\":{\"format\":\"pt\",\"note\":\"quote \\\" backslash \\\\"
                + " tab\\t \u00e9 <\\/x>\"},\"z.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
                + "\"a.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[24,28]}}");
        JSONObject other = new JSONObject(h);
        assertThat(other.getJSONObject("__metadata__").getString("note")).isEqualTo(metadata.get("note"));
        assertThat(other.getJSONObject("z.weight").getJSONArray("data_offsets").toList()).containsExactly(0, 24);

        Safetensors back = Safetensors.read(bytes, "b");
        assertThat(back.names()).containsExactly("z.weight", "a.bias");
        assertThat(back.metadata()).containsExactlyEntriesOf(metadata);
        assertThat(back.tensor("z.weight").toFloats()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(back.toBytes()).isEqualTo(bytes);
        assertThat(new String(Safetensors.of("x", Tensor.ofFloats(new float[] {1}, 1)).toBytes(), 8, 56,
                StandardCharsets.UTF_8).stripTrailing()).isEqualTo("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}");
    }

    @Test
    void tensorsComeInDataOrderMetadataByKeyAndExtraFieldsAreIgnored() {
        // Header order differs from data order; an entry carries an extra field (ignored, as by the reference reader).
        String h = "{\"__metadata__\": {\"b\": \"2\", \"a\": \"1\"}, \"w1\": {\"dtype\": \"F32\", \"shape\": [1],"
                + " \"data_offsets\": [4, 8]}, \"w2\": {\"dtype\": \"F32\", \"shape\": [],"
                + " \"data_offsets\": [0, 4], \"extra\": [null, true, {\"k\": []}]}, \"e\": {\"dtype\": \"U8\", \"shape\": [0],"
                + " \"data_offsets\": [8, 8]}}   ";
        Safetensors st = Safetensors.read(file(h, new byte[8]), "f");
        assertThat(st.names()).containsExactly("w2", "w1", "e");
        assertThat(st.metadata()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(st.tensor("w2").shape()).isEmpty();
        assertThat(st.tensor("e").elements()).isZero();
    }

    @Test
    void halvesRoundTripBitExactly() {
        short[] bits = {0x3C00, (short) 0xC000, 0x7C00, (short) 0xFE01, 0x0001};
        Tensor t = Tensor.ofHalves(bits, 5);
        assertThat(t.dtype()).isEqualTo(Dtype.F16);
        assertThat(t.toHalves()).containsExactly(bits);
        assertThat(t.toFloats()[1]).isEqualTo(-2f);
        assertThatThrownBy(() -> Tensor.ofFloats(new float[1], 1).toHalves()).hasMessage("dtype F32 is not F16");
        assertThatThrownBy(() -> Tensor.ofFloats(new float[3], 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape [2] of F32 needs 8 bytes, got 12");
    }

    private static void bad(byte[] bytes, String messageStart) {
        assertThatThrownBy(() -> Safetensors.read(bytes, "f")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(messageStart.startsWith("f") ? messageStart : "f")
                .hasMessageContaining(messageStart);
    }
}
