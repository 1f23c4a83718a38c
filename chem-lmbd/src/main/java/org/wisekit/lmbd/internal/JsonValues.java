package org.wisekit.lmbd.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader (RFC 8259), JDK only: objects become {@code Map<String, Object>} in file order, arrays
 * {@code List<Object>}, numbers {@code Double}, strings {@code String}, {@code true}/{@code false} {@code Boolean} and
 * {@code null} Java null; all read-only. Rejected, with the source and the character offset: trailing commas,
 * comments, single quotes, leading zeros, {@code NaN}, unescaped control characters, lone surrogates, duplicate keys,
 * nesting deeper than {@value #MAX_DEPTH} and anything after the value.
 */
public final class JsonValues {

    /** The deepest nesting accepted, to fail cleanly instead of overflowing the stack. */
    public static final int MAX_DEPTH = 512;

    private final String text;
    private final String source;
    private int pos;

    private JsonValues(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /**
     * Reads the UTF-8 JSON file {@code file}.
     *
     * @throws IllegalArgumentException naming the file and the offset when it is not valid UTF-8 or not valid JSON
     * @throws UncheckedIOException     when it cannot be read
     */
    public static Object read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not valid UTF-8", e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses {@code text}; {@code source} names it in messages.
     *
     * @throws IllegalArgumentException naming the source and the character offset when the text is not valid JSON
     */
    public static Object parse(String text, String source) {
        JsonValues reader = new JsonValues(text, source);
        reader.skipWhitespace();
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (reader.pos != text.length()) {
            throw reader.error("unexpected content after the JSON value");
        }
        return value;
    }

    private Object value(int depth) {
        if (pos >= text.length()) {
            throw error("unexpected end of input, expected a value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + printable(c) + "', expected a value");
        }
    }

    private Map<String, Object> object(int depth) {
        checkDepth(depth);
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(map);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a string key");
            }
            int keyAt = pos;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object value = value(depth);
            if (map.containsKey(key)) {
                pos = keyAt;
                throw error("duplicate key \"" + key + "\"");
            }
            map.put(key, value);
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                return Collections.unmodifiableMap(map);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}' in an object");
            }
        }
    }

    private List<Object> array(int depth) {
        checkDepth(depth);
        pos++;
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(list);
        }
        while (true) {
            skipWhitespace();
            list.add(value(depth));
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                return Collections.unmodifiableList(list);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']' in an array");
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c < 0x20) {
                throw error("unescaped control character " + String.format("U+%04X", (int) c) + " in a string");
            }
            if (Character.isSurrogate(c)) {
                surrogatePair(out, c, pos + 1 < text.length() ? text.charAt(pos + 1) : 0);
                pos += 2;
                continue;
            }
            if (c != '\\') {
                out.append(c);
                pos++;
                continue;
            }
            pos++;
            if (pos >= text.length()) {
                throw error("unterminated escape");
            }
            char e = text.charAt(pos);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    char u = hex4();
                    if (Character.isHighSurrogate(u) && text.startsWith("\\u", pos + 1)) {
                        pos += 2;
                        char low = hex4();
                        surrogatePair(out, u, low);
                    } else if (Character.isSurrogate(u)) {
                        throw error("lone surrogate \\u" + String.format("%04X", (int) u));
                    } else {
                        out.append(u);
                    }
                }
                default -> throw error("invalid escape '\\" + printable(e) + "'");
            }
            pos++;
        }
    }

    private void surrogatePair(StringBuilder out, char high, char low) {
        if (!Character.isHighSurrogate(high) || !Character.isLowSurrogate(low)) {
            throw error("lone surrogate " + String.format("U+%04X", (int) high));
        }
        out.append(high).append(low);
    }

    /** The four hex digits after {@code \\u} at {@code pos}; leaves {@code pos} on the last digit. */
    private char hex4() {
        if (pos + 4 >= text.length()) {
            throw error("truncated \\u escape");
        }
        int v = 0;
        for (int k = 1; k <= 4; k++) {
            int d = Character.digit(text.charAt(pos + k), 16);
            if (d < 0 || text.charAt(pos + k) > 'f') {
                pos += k;
                throw error("invalid hex digit in a \\u escape");
            }
            v = 16 * v + d;
        }
        pos += 4;
        return (char) v;
    }

    private Double number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw error("leading zero in a number");
            }
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw error("expected a digit");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("expected a digit after the decimal point");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("expected a digit in the exponent");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        double value = Double.parseDouble(text.substring(start, pos));
        if (Double.isInfinite(value)) {
            pos = start;
            throw error("number out of the double range");
        }
        return value;
    }

    private void literal(String word) {
        if (!text.startsWith(word, pos)) {
            throw error("invalid literal, expected '" + word + "'");
        }
        pos += word.length();
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
    }

    /** The character at {@code pos}, or 0 at the end of input (never valid where it is tested). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("U+%04X", (int) c) : String.valueOf(c);
    }

    private IllegalArgumentException error(String message) {
        String where = pos >= text.length() ? "end of input (offset " + text.length() + ")" : "offset " + pos;
        return new IllegalArgumentException(source + ": invalid JSON at " + where + ": " + message);
    }
}
