package org.wisekit.sched.trace;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.wisekit.sched.Trace;

/** The trace formats the CLI's {@code --format} accepts. */
public enum TraceFormat {
    /** Gavel msr {@code .trace} (7 tab-separated fields); see {@link GavelTrace}. */
    GAVEL,
    /** Muri {@code trace*.csv} (ms); see {@link MuriTrace}. */
    MURI,
    /** Tiresias {@code 60_job.csv}; see {@link TiresiasTrace}. */
    TIRESIAS,
    /** Alibaba v2023 {@code openb_pod_list_*.csv}; see {@link AlibabaPods} (the only one that uses the seed). */
    ALIBABA2023;

    /** Reads {@code file} in this format; {@code seed} drives the seeded job-type mapping where there is one. */
    public Trace read(Path file, ThroughputTable table, long seed) {
        return switch (this) {
            case GAVEL -> GavelTrace.read(file, table);
            case MURI -> MuriTrace.read(file, table);
            case TIRESIAS -> TiresiasTrace.read(file, table);
            case ALIBABA2023 -> AlibabaPods.read(file, table, seed);
        };
    }

    /** The CLI name, e.g. {@code "alibaba2023"}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a CLI name (case-insensitive); IllegalArgumentException listing the known ones. */
    public static TraceFormat byId(String id) {
        for (TraceFormat f : values()) {
            if (f.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("--format: unknown trace format '" + id + "' (known: "
                + String.join(", ", Arrays.stream(values()).map(TraceFormat::id).toList()) + ")");
    }
}
