package org.wisekit.harness;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How much work a reproduction does: seconds for tests, minutes for the main job, or as close to the paper as a CPU allows. */
public enum Profile {
    /** Seconds; what the test suite runs. */
    SMOKE,
    /** Minutes on a 2-core CPU; the main job. */
    DEFAULT,
    /** The closest to the paper's setting that a CPU allows; may take long. */
    FULL;

    /** Lower-case name as used on the command line and in results.json. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "smoke", "default" or "full" (case-insensitive). */
    public static Profile parse(String text) {
        for (Profile p : values()) {
            if (p.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + text + "'; expected one of "
                + Arrays.stream(values()).map(Profile::id).collect(Collectors.joining(", ")));
    }

    /** Picks the value for this profile: a small helper so reproductions read {@code ctx.profile().pick(2, 20, 200)}. */
    public <T> T pick(T smoke, T dflt, T full) {
        return switch (this) {
            case SMOKE -> smoke;
            case DEFAULT -> dflt;
            case FULL -> full;
        };
    }

    public int pick(int smoke, int dflt, int full) {
        return switch (this) {
            case SMOKE -> smoke;
            case DEFAULT -> dflt;
            case FULL -> full;
        };
    }
}
