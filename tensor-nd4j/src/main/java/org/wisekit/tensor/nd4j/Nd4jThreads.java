package org.wisekit.tensor.nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.memory.NoOpMemoryMgr;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The deterministic ND4J set-up every wisekit trainer uses, in two parts:
 * <ul>
 *   <li>{@link #single}: runs work with ND4J on one thread (its OpenMP pool, its op threads and BLAS),
 *   restoring the previous settings afterwards. Small SameDiff graphs are faster this way, and their results
 *   do not depend on the machine's core count: on a shared 2-core machine OpenMP's second thread made a
 *   micro-ViT training step about 3x slower (2.5 against 8 s per step under load 10) and an element-wise op
 *   50x slower.</li>
 *   <li>{@link #withoutArrayReuse}: gives the calling thread's session of a SameDiff graph (and of its
 *   gradient function) a memory manager that never reuses arrays. With ND4J 1.0.0-M2.1's default
 *   {@code ArrayCacheMemoryMgr} a graph gave different outputs for the same parameters and inputs from one run
 *   to the next (an array still in use was handed out again), so results depended on the session's history.
 *   Graph owners call it before every {@code output} or gradient computation (sessions are per thread and
 *   created lazily; the call is a map lookup once done).</li>
 * </ul>
 * A reproduction wraps its training in {@code single(...)}; the model classes it trains call
 * {@code withoutArrayReuse(graph)} themselves, so their results are the same inside and outside it.
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

    /**
     * Gives the calling thread's inference session of {@code graph}, and of its gradient function
     * ({@code graph.getFunction("grad")}) when that exists, a {@code NoOpMemoryMgr}, creating the sessions if
     * needed. Create the gradient function ({@code graph.createGradFunction()}) before the first call that
     * computes gradients, so that its session is covered too.
     *
     * @param graph a SameDiff graph about to run on the calling thread
     */
    public static void withoutArrayReuse(SameDiff graph) {
        noOpSession(graph);
        SameDiff gradients = graph.getFunction("grad");
        if (gradients != null) {
            noOpSession(gradients);
        }
    }

    /**
     * Runs independent jobs (e.g. training arms) on up to {@code threads} pool threads, each job wrapped in
     * {@link #single} on its own thread: OpenMP's thread count is a per-thread setting, so a worker that did not
     * limit its own ran its ops in another order than a sequential run and the same seed gave other figures.
     * Returns when every job is done; the first failure is rethrown (a {@link RuntimeException} as it is).
     *
     * @param work    the jobs
     * @param threads the most jobs at a time, at least 1
     */
    public static void parallel(List<Runnable> work, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable r : work) {
                futures.add(pool.submit(() -> single(() -> {
                    r.run();
                    return null;
                })));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void noOpSession(SameDiff graph) {
        InferenceSession session = graph.getSessions().computeIfAbsent(Thread.currentThread().getId(),
                id -> new InferenceSession(graph));
        if (!(session.getMmgr() instanceof NoOpMemoryMgr)) {
            session.setMmgr(new NoOpMemoryMgr());
        }
    }
}
