package org.wisekit.bench;

import java.util.List;

/**
 * A named group of JMH benchmarks for one kernel family, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.wisekit.bench.BenchSuite}).
 *
 * <p>Each suite is run once per entry of {@link #threadCounts()}, in its own JMH process whose
 * environment has {@code OMP_NUM_THREADS} set to that count (ND4J's BLAS only reads it at start-up) and
 * whose benchmarks get {@code -p threads=<count>}. The summary divides each candidate's time by its
 * baseline's time for the same parameters: a ratio below 1 means the candidate is faster.
 */
public interface BenchSuite {

    /** Short name used on the command line ({@code wisekit bench tensor}). */
    String name();

    /** One line saying what is compared. */
    String description();

    /** Regular expression selecting this suite's benchmark methods (JMH include pattern). */
    String includePattern();

    /** Thread counts to run; every benchmark class of the suite must declare {@code @Param("1") int threads}. */
    default List<Integer> threadCounts() {
        return List.of(1, 2);
    }

    /**
     * The ratios to report: candidate time / baseline time, for every pair whose parameters agree (one
     * benchmark's parameters a subset of the other's, so a baseline without, say, a codebooks parameter is
     * set against every value of it).
     */
    List<Ratio> ratios();

    /**
     * Markdown printed after the tables (and stored as {@code notes} in the JSON): what the scores mean that JMH
     * cannot say, e.g. the parameters behind a benchmark parameter or reference figures of another implementation.
     * Empty by default.
     */
    default String notes() {
        return "";
    }

    /** JMH profilers to run with every benchmark (e.g. {@code gc}: bytes allocated per operation). None by default. */
    default List<String> profilers() {
        return List.of();
    }

    /**
     * A ratio to print.
     *
     * @param label     e.g. "own / ND4J"
     * @param candidate benchmark method name (simple, e.g. "own")
     * @param baseline  benchmark method name (e.g. "nd4j")
     */
    record Ratio(String label, String candidate, String baseline) {
    }
}
