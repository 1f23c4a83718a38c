package org.wisekit.harness;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine-readable outcome of one reproduction run: the content of {@code results.json}.
 *
 * <p>The schema is stable; tools read it. Fields: {@code id, module, profile, seed, durationSeconds,
 * machine {cores, jvm, os, cpu}, claims [{key, statement, paperValue, measured, unit, threshold, verdict,
 * note}]}, plus {@code title} and {@code paper}. {@code measured} is a JSON number, or null where
 * nothing was measured.
 */
@JsonPropertyOrder({"id", "module", "profile", "seed", "durationSeconds", "machine", "claims", "title", "paper"})
public record Results(String id, String module, String profile, long seed, double durationSeconds,
                      Machine machine, List<Claim> claims, String title, String paper) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Results {
        claims = List.copyOf(claims);
    }

    /** Pretty-printed JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON array of several results, as {@code wisekit reproduce --json} prints it. */
    public static String toJsonArray(List<Results> results) {
        try {
            return JSON.writeValueAsString(results);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a results.json file; a malformed file gives an IllegalArgumentException naming it. */
    public static Results read(Path file) {
        try {
            return JSON.readValue(file.toFile(), Results.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read results file " + file + ": " + e.getMessage(), e);
        }
    }
}
