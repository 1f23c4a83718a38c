package org.wisekit.datasets;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Whether a dataset is usable here, as {@code wisekit data} lists it.
 *
 * @param dataset   the dataset
 * @param state     found, missing or corrupt
 * @param locations where it was found (one folder), or every folder where it was looked for
 * @param problem   what is missing or wrong; empty when found
 */
public record DatasetStatus(Dataset dataset, State state, List<Path> locations, String problem) {

    public enum State { FOUND, MISSING, CORRUPT }

    public DatasetStatus {
        if (dataset == null || state == null || locations == null || locations.isEmpty() || problem == null) {
            throw new IllegalArgumentException("dataset, state, at least one location and a problem text are required");
        }
        if ((state == State.FOUND) != problem.isEmpty()) {
            throw new IllegalArgumentException(dataset.id() + ": state " + state + " with problem '" + problem + "'");
        }
        locations = List.copyOf(locations);
    }

    /** The command (or setting) that makes the dataset available. */
    public String howToGet() {
        return dataset.howToGet();
    }

    /** One line: id, state, where, and for a missing or corrupt dataset what is wrong and how to get it. */
    public String summary() {
        String where = locations.stream().map(Path::toString).collect(Collectors.joining(", "));
        return state == State.FOUND
                ? dataset.id() + " found in " + where
                : dataset.id() + " " + state.name().toLowerCase(Locale.ROOT) + " (" + problem + ") in " + where
                        + ". To get it: " + howToGet();
    }
}
