package org.wisekit.harness;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The machine-readable outcome of one reproduction run: the content of {@code results.json}.
 *
 * <p>Tools read it; {@code schemaVersion} changes when a field changes meaning. Schema 2: {@code
 * schemaVersion, id, module, profile, seed, durationSeconds, commit, machine {cores, jvm, os, cpu}, datasets
 * {name: sha256}, claims [{key, statement, paperValue, measured, unit, threshold, verdict, note, rule
 * {comparator, value, tolerance}, seeds {values, n, mean, std, low, high}}], title, paper}}. {@code
 * measured} is a JSON number, or null where nothing was measured; {@code rule} and {@code seeds} are null
 * where they do not apply. Files of schema 1 (no version, commit, datasets, rule or seeds) still read.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} for files written now
 * @param commit        the git commit of the code that ran, or "unknown"
 * @param datasets      dataset files (or folders) read, with the sha256 they were checked against
 */
@JsonPropertyOrder({"schemaVersion", "id", "module", "profile", "seed", "durationSeconds", "commit", "machine",
        "datasets", "claims", "title", "paper"})
public record Results(int schemaVersion, String id, String module, String profile, long seed, double durationSeconds,
                      String commit, Machine machine, Map<String, String> datasets, List<Claim> claims, String title,
                      String paper) {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 2;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Results {
        claims = List.copyOf(claims);
        commit = commit == null || commit.isBlank() ? "unknown" : commit;
        datasets = datasets == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(datasets));
        schemaVersion = schemaVersion == 0 ? 1 : schemaVersion;
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
