package org.wisekit.harness;

import java.util.List;
import java.util.OptionalDouble;

/**
 * A paper's headline claim made checkable: runs an experiment and returns the claims it measured.
 *
 * <p>Paper modules register implementations with {@link java.util.ServiceLoader} (a file
 * {@code META-INF/services/org.wisekit.harness.Reproduction} listing them). Implementations need a public
 * no-argument constructor, must be deterministic for a given seed and profile, and must compute every
 * verdict from what they measured.
 */
public interface Reproduction {

    /** "module/name", e.g. {@code "pruning-ubp/kernel-latency"}; lower case, no spaces. */
    String id();

    /** One line saying what is reproduced. */
    String title();

    /** The paper: authors, title, venue or arXiv id. */
    String paper();

    /**
     * Runs the experiment at {@code context.profile()} and returns its claims. Plots, tables and notes go
     * into {@code context.report()}; long loops report through {@code context.progress()}.
     */
    List<Claim> run(RunContext context) throws Exception;

    /**
     * How long a run at {@code profile} takes on a 2-core CPU, in seconds, where the author knows; empty
     * (the default) where not. Only used when the reports folder holds no earlier run at that profile:
     * {@code wisekit reproduce} prints it in its plan.
     */
    default OptionalDouble estimatedSeconds(Profile profile) {
        return OptionalDouble.empty();
    }

    /** The module part of {@link #id()}. */
    default String module() {
        String id = id();
        int slash = id.indexOf('/');
        return slash < 0 ? id : id.substring(0, slash);
    }

    /** The part of {@link #id()} after the module. */
    default String name() {
        String id = id();
        int slash = id.indexOf('/');
        return slash < 0 ? id : id.substring(slash + 1);
    }
}
