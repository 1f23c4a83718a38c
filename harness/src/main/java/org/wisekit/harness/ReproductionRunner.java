package org.wisekit.harness;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Runs reproductions and writes their reports: {@code <reportsRoot>/<module>/<name>/{report.md,
 * results.json, *.png}}, then refreshes {@code <reportsRoot>/index.md}.
 */
public final class ReproductionRunner {

    private final Path reportsRoot;
    private final Profile profile;
    private final long seed;
    private final Path dataDirectory;
    private final Progress progress;

    /**
     * @param dataDirectory the user's data directory, or {@code null} for the default resolution
     */
    public ReproductionRunner(Path reportsRoot, Profile profile, long seed, Path dataDirectory, Progress progress) {
        this.reportsRoot = Objects.requireNonNull(reportsRoot, "reportsRoot");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.seed = seed;
        this.dataDirectory = dataDirectory;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Where {@code reproduction}'s report goes. */
    public Path outputDirectory(Reproduction reproduction) {
        return reportsRoot.resolve(reproduction.module()).resolve(reproduction.name());
    }

    /**
     * Runs one reproduction, writes its report and refreshes the index. Exceptions from the
     * reproduction propagate unchanged (nothing is written for a run that failed).
     */
    public Results run(Reproduction reproduction) throws Exception {
        Path out = outputDirectory(reproduction);
        RunContext context = new RunContext(seed, profile, dataDirectory, out, progress);
        long start = System.nanoTime();
        List<Claim> claims = reproduction.run(context);
        double seconds = (System.nanoTime() - start) / 1e9;
        checkClaims(reproduction, claims);
        Results results = new Results(Results.SCHEMA_VERSION, reproduction.id(), reproduction.module(), profile.id(),
                seed, seconds, Provenance.currentCommit(), Machine.current(), context.recordedDatasets(), claims,
                reproduction.title(), reproduction.paper());
        ReportWriter.write(out, results, context.report());
        ReportIndex.refresh(reportsRoot);
        return results;
    }

    private static void checkClaims(Reproduction r, List<Claim> claims) {
        if (claims == null || claims.isEmpty()) {
            throw new IllegalStateException(r.id() + " returned no claims");
        }
        Set<String> keys = new HashSet<>();
        for (Claim c : claims) {
            if (!keys.add(c.key())) {
                throw new IllegalStateException(r.id() + " returned two claims with key '" + c.key() + "'");
            }
        }
    }
}
