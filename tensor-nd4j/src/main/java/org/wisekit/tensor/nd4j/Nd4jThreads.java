package org.wisekit.tensor.nd4j;

import java.util.function.Supplier;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Runs work with ND4J on one thread (its OpenMP pool, its op threads and BLAS), restoring the previous
 * settings afterwards. Small SameDiff graphs are faster this way, and their results do not depend on the
 * machine's core count: on a shared 2-core machine OpenMP's second thread made a micro-ViT training step
 * about 3x slower (2.5 against 8 s per step under load 10) and an element-wise op 50x slower.
 */
public final class Nd4jThreads {

    private Nd4jThreads() {
    }

    /** The result of {@code work}, computed with every ND4J thread pool limited to one thread. */
    public static <T> T single(Supplier<T> work) {
        int blas = Nd4j.factory().blas().getMaxThreads(); // loads the backend before its native ops are used
        int env = Nd4j.getEnvironment().maxThreads();
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int omp = ops.ompGetMaxThreads();
        ops.setOmpNumThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxThreads(1);
        try {
            return work.get();
        } finally {
            ops.setOmpNumThreads(omp);
            Nd4j.factory().blas().setMaxThreads(blas);
            Nd4j.getEnvironment().setMaxThreads(env);
        }
    }
}
