package org.wisekit.lmbd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The strict JSON reader on every value type and on the malformed inputs it must reject. */
class JsonValuesTest {

    @Test
    void readsEveryValueType() {
        Object value = JsonValues.parse(" {\"a\": [1, -2.5e3, 0, -0.0, 1E-2], \"b\": {\"c\": true, \"d\": false,"
                + " \"e\": null}, \"s\": \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\", \"empty\": {}, \"none\": []}\n",
                "test");
        assertThat(value).isInstanceOf(Map.class);
        Map<?, ?> map = (Map<?, ?>) value;
        assertThat(List.copyOf(map.keySet())).isEqualTo(List.of("a", "b", "s", "empty", "none"));
        assertThat(map.get("a")).isEqualTo(List.of(1.0, -2500.0, 0.0, -0.0, 0.01));
        Map<?, ?> b = (Map<?, ?>) map.get("b");
        assertThat(b.get("c")).isEqualTo(Boolean.TRUE);
        assertThat(b.get("d")).isEqualTo(Boolean.FALSE);
        assertThat(b.containsKey("e")).isTrue();
        assertThat(b.get("e")).isNull();
        assertThat(map.get("s")).isEqualTo("x\"\\/\b\f\n\r\t\u00e9\ud83d\ude00");
        assertThat((Map<?, ?>) map.get("empty")).isEmpty();
        assertThat((List<?>) map.get("none")).isEmpty();
        assertThat(JsonValues.parse("\"top\"", "t")).isEqualTo("top");
        assertThat(JsonValues.parse("3", "t")).isEqualTo(3.0);
        assertThat(JsonValues.parse("null", "t")).isNull();
    }

    @Test
    void rejectsMalformedInputNamingSourceAndOffset() {
        String[][] cases = {
            {"{\"a\": 1,}", "offset 8"},
            {"[1, 2,]", "offset 6"},
            {"[1 2]", "offset 3"},
            {"{\"a\" 1}", "offset 5"},
            {"{a: 1}", "offset 1"},
            {"['x']", "offset 1"},
            {"01", "offset 1"},
            {"-", "end of input"},
            {"1.", "end of input"},
            {"1e", "end of input"},
            {"NaN", "offset 0"},
            {"tru", "offset 0"},
            {"\"abc", "end of input"},
            {"\"a\u0001b\"", "offset 2"},
            {"\"\\x\"", "offset 2"},
            {"\"\\u12g4\"", "offset 5"},
            {"\"\\ud800\"", "offset"},
            {"\"\\udc00x\"", "offset"},
            {"[1] 2", "offset 4"},
            {"{\"a\": 1, \"a\": 2}", "duplicate key"},
            {"1e999", "offset 0"},
            {"", "end of input"},
            {"[1, /* c */ 2]", "offset 4"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> JsonValues.parse(c[0], "src.json")).as(c[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("src.json: invalid JSON at ").hasMessageContaining(c[1]);
        }
    }

    @Test
    void limitsNesting() {
        char[] open = new char[JsonValues.MAX_DEPTH + 1];
        char[] close = new char[JsonValues.MAX_DEPTH + 1];
        Arrays.fill(open, '[');
        Arrays.fill(close, ']');
        assertThatThrownBy(() -> JsonValues.parse(new String(open) + new String(close), "deep"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nesting deeper than");
        String ok = new String(open, 0, JsonValues.MAX_DEPTH) + new String(close, 0, JsonValues.MAX_DEPTH);
        assertThat(JsonValues.parse(ok, "deep")).isInstanceOf(List.class);
    }

    @Test
    void readsFilesAsStrictUtf8(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.json");
        Files.writeString(good, "{\"name\": \"caf\u00e9\"}", StandardCharsets.UTF_8);
        assertThat(((Map<?, ?>) JsonValues.read(good)).get("name")).isEqualTo("caf\u00e9");
        Path bad = dir.resolve("bad.json");
        Files.write(bad, new byte[] {'"', (byte) 0xC3, '"'});
        assertThatThrownBy(() -> JsonValues.read(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.json").hasMessageContaining("UTF-8");
    }
}
