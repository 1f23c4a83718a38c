package org.wisekit.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;

/**
 * The JSON that tools print with {@code --json}: maps, lists, records, strings, numbers and booleans,
 * pretty-printed, real JSON throughout (build the value from fields, never from a {@code toString}).
 * Write {@code null} for what was not measured; a non-finite double is written as the string
 * {@code "NaN"}/{@code "Infinity"}.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** {@code value} as pretty-printed JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses one JSON value; {@link IllegalArgumentException} naming {@code what} when the text is not JSON. */
    public static JsonNode parse(String text, String what) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
