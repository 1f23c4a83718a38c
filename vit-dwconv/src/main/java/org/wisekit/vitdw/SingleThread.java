package org.wisekit.vitdw;

import java.util.function.Supplier;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Runs work with ND4J on one thread (its OpenMP pool, its op threads and BLAS), restoring the previous
 * settings afterwards. The micro-ViT's ops are small: on a shared 2-core machine, OpenMP's second thread
 * made a training step about 3x slower (measured 2.5 against 8 s per step under load 10).
 */
final class SingleThread {

    private SingleThread() {
    }

    static <T> T call(Supplier<T> work) {
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
