package org.wisekit.ubp.internal;

import java.util.function.Supplier;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs work with ND4J (its BLAS and its own op threads) limited to one thread, then restores the previous
 * limits. The single-thread kernel comparison needs it; DL4J training of the small networks here is also
 * faster on one thread (measured 17 against 34 ms per MLP step on 2 cores).
 */
public final class SingleThreadedNd4j {

    private SingleThreadedNd4j() {
    }

    /** Runs {@code work} on one ND4J thread. */
    public static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Calls {@code work} on one ND4J thread and returns its result. */
    public static <T> T call(Supplier<T> work) {
        int blasThreads = Nd4j.factory().blas().getMaxThreads();
        int opThreads = Nd4j.getEnvironment().maxThreads();
        Nd4j.factory().blas().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxThreads(1);
        try {
            return work.get();
        } finally {
            Nd4j.factory().blas().setMaxThreads(blasThreads);
            Nd4j.getEnvironment().setMaxThreads(opThreads);
        }
    }
}
