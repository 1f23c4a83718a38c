package org.wisekit.text.internal;

import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.json.JSONException;
import org.json.JSONObject;
import org.json.JSONTokener;

/**
 * A small JSON reader on top of org.json's tokenizer ({@code tokenizer.json}). Objects become
 * {@link LinkedHashMap}s in document order (a repeated key keeps its first position and its last value),
 * arrays {@link List}s, numbers {@link Number}s, {@code null} Java {@code null}. Strict where JSON is: keys
 * and strings must be double-quoted and bare words other than {@code true}, {@code false} and {@code null}
 * are rejected. Content after the first value is ignored.
 */
public final class Json {

    private static final int MAX_DEPTH = 512;

    private Json() {
    }

    /**
     * Parses a JSON document.
     *
     * @param text the document
     * @return its first value
     * @throws IllegalArgumentException with the position, if the text is not valid JSON
     */
    public static Object parse(String text) {
        return parse(new StringReader(text));
    }

    /**
     * Parses a JSON document read as UTF-8.
     *
     * @param in the document (not closed)
     * @return its first value
     * @throws IllegalArgumentException with the position, if the text is not valid JSON or cannot be read
     */
    public static Object parse(InputStream in) {
        return parse(new JSONTokener(in));
    }

    private static Object parse(Reader in) {
        return parse(new JSONTokener(in));
    }

    private static Object parse(JSONTokener x) {
        try {
            return value(x, 0);
        } catch (JSONException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static Object value(JSONTokener x, int depth) {
        if (depth > MAX_DEPTH) {
            throw x.syntaxError("nesting deeper than " + MAX_DEPTH);
        }
        char c = x.nextClean();
        switch (c) {
            case '{':
                return object(x, depth);
            case '[':
                return array(x, depth);
            case '"':
                return x.nextString('"');
            case 0:
                throw x.syntaxError("unexpected end of input");
            default:
                if (c == '\'' || c == ',' || c == ':' || c == ']' || c == '}') {
                    throw x.syntaxError("unexpected character '" + c + "'");
                }
                x.back();
                Object v = x.nextValue();
                if (v == JSONObject.NULL) {
                    return null;
                }
                if (!(v instanceof Number) && !(v instanceof Boolean)) {
                    throw x.syntaxError("unquoted string '" + v + "'");
                }
                return v;
        }
    }

    private static Map<String, Object> object(JSONTokener x, int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        char c = x.nextClean();
        if (c == '}') {
            return m;
        }
        while (true) {
            if (c != '"') {
                throw x.syntaxError("expected a double-quoted key");
            }
            String key = x.nextString('"');
            if (x.nextClean() != ':') {
                throw x.syntaxError("expected ':' after key '" + key + "'");
            }
            m.put(key, value(x, depth + 1));
            c = x.nextClean();
            if (c == '}') {
                return m;
            }
            if (c != ',') {
                throw x.syntaxError("expected ',' or '}'");
            }
            c = x.nextClean();
        }
    }

    private static List<Object> array(JSONTokener x, int depth) {
        List<Object> list = new ArrayList<>();
        char c = x.nextClean();
        if (c == ']') {
            return list;
        }
        x.back();
        while (true) {
            list.add(value(x, depth + 1));
            c = x.nextClean();
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                throw x.syntaxError("expected ',' or ']'");
            }
        }
    }

    /**
     * An integral JSON number as a long.
     *
     * @param v    a parsed value
     * @param what what it is, for the error message
     * @return its value
     * @throws IllegalArgumentException if {@code v} is not an integral number within the range of long
     */
    public static long toLong(Object v, String what) {
        try {
            if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                return ((Number) v).longValue();
            }
            if (v instanceof BigInteger b) {
                return b.longValueExact();
            }
            if (v instanceof BigDecimal b) {
                return b.longValueExact();
            }
            if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                    && Math.abs(n.doubleValue()) < 0x1p63) {
                return (long) n.doubleValue();
            }
        } catch (ArithmeticException e) {
            // not integral or out of range: reported below
        }
        throw new IllegalArgumentException(what + " must be an integer, got " + v);
    }
}
