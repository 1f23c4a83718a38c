package org.wisekit.harness;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * JMH measurements for reproductions whose claims are about speed. In-process timing is fine for a report's
 * tables, but when several kernels share one JVM the JIT's profiles and inlining decisions of one can slow
 * another down several-fold; a speed claim is therefore decided on JMH figures, each benchmark in JVMs of its
 * own. The implementation is {@code wisekit-bench} (registered with {@link ServiceLoader}), so it is present
 * when reproductions run through the {@code wisekit} command and absent in a library user's build or a
 * module's unit tests: a reproduction then reports the claim as not run.
 */
public interface Microbenchmarks {

    /**
     * Runs the {@code methods} of one JMH benchmark class with {@code params} overriding its
     * {@code @Param} values, {@code forks} JVMs per method, and returns for each method the seconds per
     * operation measured in each fork (the mean of that fork's measurement iterations), in fork order.
     *
     * @throws IllegalArgumentException when a method is not a benchmark of that class or {@code forks < 1}
     * @throws IllegalStateException    when JMH fails
     */
    Map<String, double[]> secondsPerFork(String benchmarkClass, List<String> methods, Map<String, String> params,
                                         int forks);

    /** The implementation on the classpath, if any. */
    static Optional<Microbenchmarks> available() {
        return ServiceLoader.load(Microbenchmarks.class).findFirst();
    }
}
