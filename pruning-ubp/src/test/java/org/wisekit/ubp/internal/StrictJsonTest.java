package org.wisekit.ubp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    @Test
    void parsesEveryKindOfValue() {
        Object v = StrictJson.parse(" {\"a\": [1, -0, 2.5, -1e3, 12345678901234567890], \"b\": {\"c\": true, \"d\": false,"
                + " \"e\": null}, \"s\": \"q\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\", \"empty\": {}, \"none\": []}\n ");
        assertThat(v).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        assertThat(m.keySet()).containsExactly("a", "b", "s", "empty", "none");
        assertThat(List.copyOf((List<?>) m.get("a"))).isEqualTo(List.of(BigInteger.ONE, BigInteger.ZERO, 2.5, -1000.0,
                new BigInteger("12345678901234567890")));
        Map<?, ?> b = (Map<?, ?>) m.get("b");
        assertThat(b.get("c")).isEqualTo(true);
        assertThat(b.get("d")).isEqualTo(false);
        assertThat(b.get("e")).isSameAs(StrictJson.NULL);
        assertThat(m.get("s")).isEqualTo("q\"\\/\b\f\n\r\t\u00e9\ud83d\ude00");
        assertThat((Map<?, ?>) m.get("empty")).isEmpty();
        assertThat((List<?>) m.get("none")).isEmpty();
        assertThat(StrictJson.parse("\"x\"")).isEqualTo("x");
    }

    @Test
    void quoteRoundTrips() {
        String s = "a\"b\\c\nd\u0001\u00e9\ud83d\ude00/";
        assertThat(StrictJson.quote(s)).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\u00e9\ud83d\ude00/\"");
        assertThat(StrictJson.parse(StrictJson.quote(s))).isEqualTo(s);
    }

    @Test
    void rejectsMalformedJson() {
        String[][] cases = {
                {"", "unexpected end of JSON"},
                {"   ", "unexpected end of JSON"},
                {"{", "expected a string key"},
                {"{\"a\":1,}", "expected a string key"},
                {"[1,]", "unexpected character ']'"},
                {"[1 2]", "expected ',' or ']'"},
                {"{\"a\" 1}", "expected ':'"},
                {"{\"a\":1 \"b\":2}", "expected ',' or '}'"},
                {"{'a':1}", "expected a string key"},
                {"{\"a\":1}{}", "unexpected text after the JSON value"},
                {"{\"a\":1, \"a\":2}", "duplicate key \"a\""},
                {"01", "leading zero"},
                {"-", "bad number"},
                {"1.", "digits expected after '.'"},
                {"1e+", "digits expected in the exponent"},
                {"+1", "unexpected character '+'"},
                {"tru", "expected true"},
                {"nul", "expected null"},
                {"\"abc", "unterminated string"},
                {"\"a\tb\"", "control character U+0009"},
                {"\"\\x\"", "bad escape \\x"},
                {"\"\\u12zz\"", "bad \\u escape"},
                {"\"\\u12", "truncated \\u escape"},
                {"\"\\ud83d\"", "lone high surrogate"},
                {"\"\\ude00\"", "lone low surrogate"},
                {"\"\\ud83d\\u0041\"", "not followed by a low surrogate"},
                {"// c\n{}", "unexpected character '/'"},
                {"NaN", "unexpected character 'N'"},
                {"[".repeat(65) + "]".repeat(65), "nesting deeper than 64"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> StrictJson.parse(c[0])).as(c[0]).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("bad JSON at character ").hasMessageContaining(c[1]);
        }
        assertThat(StrictJson.parse("[".repeat(64) + "]".repeat(64))).isInstanceOf(List.class);
    }
}
