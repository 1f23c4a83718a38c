package org.wisekit.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs reproductions and writes their reports: {@code <reportsRoot>/<module>/<name>/<profile>/{report.md,
 * results.json, *.png}}, then refreshes {@code <reportsRoot>/index.md}.
 *
 * <p>A report folder is replaced only by a run that completed: the reproduction writes into a hidden
 * staging folder beside it ({@code .<profile>.partial-*}), which is renamed into place at the end. The
 * staging folder starts with a copy of the previous report's sub-folders (caches such as {@code
 * logits-cache/}); the previous report's top-level files are not carried over. An interrupted run leaves
 * the previous report as it was (its staging folder is removed by the next run of that reproduction).
 *
 * <p>Resuming ({@link #isDone}): a report counts as done for this runner when its results.json has the
 * same id, profile and seed and the same commit id as the code that runs now; never when the commit is
 * "unknown" (outside a git checkout). Uncommitted changes in the working tree are not detected: the
 * commit id is all that is compared.
 */
public final class ReproductionRunner {

    private static final String PARTIAL = ".partial-";
    private static final String OLD = ".old-";

    private final Path reportsRoot;
    private final Profile profile;
    private final long seed;
    private final Path dataDirectory;
    private final Progress progress;
    private final String commit;

    /**
     * A runner that records the commit of the checkout this JVM runs from ({@link Provenance#currentCommit()}).
     *
     * @param dataDirectory the user's data directory, or {@code null} for the default resolution
     */
    public ReproductionRunner(Path reportsRoot, Profile profile, long seed, Path dataDirectory, Progress progress) {
        this(reportsRoot, profile, seed, dataDirectory, progress, Provenance.currentCommit());
    }

    /**
     * @param dataDirectory the user's data directory, or {@code null} for the default resolution
     * @param commit        the commit id recorded in results.json and compared by {@link #isDone};
     *                      {@code null} or blank for "unknown"
     */
    public ReproductionRunner(Path reportsRoot, Profile profile, long seed, Path dataDirectory, Progress progress,
                              String commit) {
        this.reportsRoot = Objects.requireNonNull(reportsRoot, "reportsRoot");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.seed = seed;
        this.dataDirectory = dataDirectory;
        this.progress = Objects.requireNonNull(progress, "progress");
        this.commit = commit == null || commit.isBlank() ? "unknown" : commit.strip();
    }

    public Path reportsRoot() {
        return reportsRoot;
    }

    public Profile profile() {
        return profile;
    }

    public long seed() {
        return seed;
    }

    /** The commit id this runner records ("unknown" outside a checkout). */
    public String commit() {
        return commit;
    }

    /** Where {@code reproduction}'s report goes: {@code <reportsRoot>/<module>/<name>/<profile>}. */
    public Path outputDirectory(Reproduction reproduction) {
        return reportsRoot.resolve(reproduction.module()).resolve(reproduction.name()).resolve(profile.id());
    }

    /** The results.json of the report already in {@link #outputDirectory}, if there is one that reads. */
    public Optional<Results> previous(Reproduction reproduction) {
        Path file = outputDirectory(reproduction).resolve("results.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Results.read(file));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the report on disk is this run's: same id, profile, seed and commit, and the commit is known.
     * {@code wisekit reproduce --resume} skips such reproductions.
     */
    public boolean isDone(Reproduction reproduction) {
        return !commit.equals("unknown") && previous(reproduction)
                .filter(r -> r.id().equals(reproduction.id()) && r.profile().equals(profile.id())
                        && r.seed() == seed && r.commit().equals(commit))
                .isPresent();
    }

    /**
     * How long {@code reproduction} is expected to take at this profile: the duration of the last run
     * whose report is in {@link #outputDirectory} (any seed or commit; the machine is named since it may
     * differ), else the reproduction's own {@link Reproduction#estimatedSeconds}, else unknown.
     */
    public Estimate estimate(Reproduction reproduction) {
        Optional<Results> last = previous(reproduction).filter(r -> r.profile().equals(profile.id()));
        if (last.isPresent()) {
            Machine m = last.get().machine();
            String where = m == null ? "an unrecorded machine" : m.cpu() + ", " + m.cores() + " cores";
            return new Estimate(OptionalDouble.of(last.get().durationSeconds()), "last run on " + where);
        }
        OptionalDouble own = reproduction.estimatedSeconds(profile);
        if (own != null && own.isPresent() && own.getAsDouble() >= 0) {
            return new Estimate(own, "the reproduction's own estimate");
        }
        return new Estimate(OptionalDouble.empty(), "no earlier run at this profile");
    }

    /**
     * An expected duration and where it comes from.
     *
     * @param seconds empty when unknown
     * @param source  e.g. "last run on AMD EPYC 9B14, 2 cores"
     */
    public record Estimate(OptionalDouble seconds, String source) {
        public Estimate {
            Objects.requireNonNull(seconds, "seconds");
            Objects.requireNonNull(source, "source");
        }

        /** "about 12 min (last run on ..., 2 cores)" or "unknown (no earlier run at this profile)". */
        public String describe() {
            return (seconds.isPresent() ? "about " + duration(seconds.getAsDouble()) : "unknown") + " (" + source + ")";
        }
    }

    /** "45 s", "12 min", "1.5 h": a duration as people read it. */
    public static String duration(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            return "unknown";
        }
        if (seconds < 90) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 90 * 60) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }

    /**
     * Runs one reproduction, writes its report (replacing the folder only once the run has completed) and
     * refreshes the index. Exceptions from the reproduction propagate unchanged (nothing is written for a
     * run that failed, and a previous report stays).
     */
    public Results run(Reproduction reproduction) throws Exception {
        Path out = outputDirectory(reproduction);
        Path parent = out.getParent();
        Files.createDirectories(parent);
        cleanLeftovers(parent, out);
        Path staging = parent.resolve("." + profile.id() + PARTIAL + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Files.createDirectory(staging);
        try {
            carryOverSubfolders(out, staging);
            RunContext context = new RunContext(seed, profile, dataDirectory, staging, progress);
            long start = System.nanoTime();
            List<Claim> claims = reproduction.run(context);
            double seconds = (System.nanoTime() - start) / 1e9;
            checkClaims(reproduction, claims);
            Results results = new Results(Results.SCHEMA_VERSION, reproduction.id(), reproduction.module(), profile.id(),
                    seed, seconds, commit, Machine.current(), context.recordedDatasets(), claims,
                    reproduction.title(), reproduction.paper());
            ReportWriter.write(staging, results, context.report());
            replace(staging, out);
            ReportIndex.refresh(reportsRoot);
            return results;
        } finally {
            try {
                if (Files.exists(staging)) {
                    deleteRecursively(staging);
                }
            } catch (UncheckedIOException e) {
                // left for the next run of this reproduction to remove; the run's own outcome matters more
            }
        }
    }

    /** Moves {@code staging} to {@code out}, the previous folder aside first and then deleted. */
    private void replace(Path staging, Path out) throws IOException {
        if (!Files.exists(out)) {
            move(staging, out);
            return;
        }
        Path old = out.resolveSibling("." + profile.id() + OLD + ProcessHandle.current().pid() + "-" + System.nanoTime());
        move(out, old);
        move(staging, out);
        deleteRecursively(old);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /**
     * Removes what an interrupted run of this profile left: staging folders, and a previous report moved
     * aside (put back if the new one never arrived).
     */
    private void cleanLeftovers(Path parent, Path out) throws IOException {
        String partial = "." + profile.id() + PARTIAL;
        String old = "." + profile.id() + OLD;
        List<Path> leftovers;
        try (Stream<Path> s = Files.list(parent)) {
            leftovers = s.filter(p -> p.getFileName().toString().startsWith(partial)
                    || p.getFileName().toString().startsWith(old)).sorted().toList();
        }
        for (Path p : leftovers) {
            if (p.getFileName().toString().startsWith(old) && !Files.exists(out)) {
                move(p, out);
            } else {
                deleteRecursively(p);
            }
        }
    }

    /** Copies the previous report's sub-folders (caches) into the staging folder. */
    private static void carryOverSubfolders(Path out, Path staging) throws IOException {
        if (!Files.isDirectory(out)) {
            return;
        }
        List<Path> folders;
        try (Stream<Path> s = Files.list(out)) {
            folders = s.filter(Files::isDirectory).toList();
        }
        for (Path folder : folders) {
            Path target = staging.resolve(folder.getFileName().toString());
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(target.resolve(folder.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, target.resolve(folder.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
    }

    private static void deleteRecursively(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root + ": " + e.getMessage(), e);
        }
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
