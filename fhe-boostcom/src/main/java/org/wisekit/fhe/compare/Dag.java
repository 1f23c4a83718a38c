package org.wisekit.fhe.compare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.wisekit.fhe.bgv.Ciphertext;
import org.wisekit.fhe.bgv.Evaluator;
import org.wisekit.fhe.bgv.OperationCounters;
import org.wisekit.fhe.bgv.Plaintext;

/**
 * One run of a circuit as a task DAG: every homomorphic operation is a node (a {@link CompletableFuture}) that
 * runs when its inputs are ready. Without a pool each node runs at once on the calling thread, so the DAG is
 * the plain sequential program; with a pool (circuit-level parallelism) independent nodes run at the same
 * time. Nodes never block a pool thread. {@link #barrier} is the baseline's wait at the end of a stage; it
 * does nothing in non-blocking mode. Products are relinearized and followed by a modulus switch (one level
 * per product); operands at different levels are aligned by dropping primes.
 */
final class Dag {

    private final Evaluator evaluator;
    private final ForkJoinPool pool;
    private final boolean barriers;
    private final long start = System.nanoTime();
    private final List<Stage> stages = Collections.synchronizedList(new ArrayList<>());

    Dag(Evaluator evaluator, ForkJoinPool circuitPool, boolean barriers) {
        this.evaluator = evaluator;
        this.pool = circuitPool;
        this.barriers = barriers;
    }

    Evaluator evaluator() {
        return evaluator;
    }

    static CompletableFuture<Ciphertext> of(Ciphertext c) {
        return CompletableFuture.completedFuture(c);
    }

    CompletableFuture<Ciphertext> apply(CompletableFuture<Ciphertext> a, Function<Ciphertext, Ciphertext> op) {
        return pool == null ? a.thenApply(op) : a.thenApplyAsync(op, pool);
    }

    CompletableFuture<Ciphertext> combine(CompletableFuture<Ciphertext> a, CompletableFuture<Ciphertext> b,
                                          BiFunction<Ciphertext, Ciphertext, Ciphertext> op) {
        return pool == null ? a.thenCombine(b, op) : a.thenCombineAsync(b, op, pool);
    }

    CompletableFuture<Ciphertext> multiply(CompletableFuture<Ciphertext> a, CompletableFuture<Ciphertext> b) {
        return combine(a, b, (x, y) -> {
            int level = Math.min(x.level(), y.level());
            if (level > 0 && noisy(x) && noisy(y)) {
                level--;
            }
            Ciphertext product = evaluator.multiplyRelin(lowered(x, level), lowered(y, level));
            return product.level() > 0 ? evaluator.modSwitch(product) : product;
        });
    }

    CompletableFuture<Ciphertext> add(CompletableFuture<Ciphertext> a, CompletableFuture<Ciphertext> b) {
        return combine(a, b, (x, y) -> evaluator.add(lowered(x, y.level()), lowered(y, x.level())));
    }

    CompletableFuture<Ciphertext> subtract(CompletableFuture<Ciphertext> a, CompletableFuture<Ciphertext> b) {
        return combine(a, b, (x, y) -> evaluator.subtract(lowered(x, y.level()), lowered(y, x.level())));
    }

    /**
     * x at {@code level} if that is lower: by dropping primes when its noise is at the modulus-switching floor
     * (free, and a rescale would not lower the noise), else by dropping to level + 1 and one modulus switch.
     */
    private Ciphertext lowered(Ciphertext x, int level) {
        if (x.level() <= level) {
            return x;
        }
        if (!noisy(x)) {
            return evaluator.dropToLevel(x, level);
        }
        return evaluator.modSwitch(x.level() == level + 1 ? x : evaluator.dropToLevel(x, level + 1));
    }

    /**
     * Whether x's estimated noise is above log2 q_level - log2(2 phi) - 2 bits. A product adds both operands'
     * noise bits and about log2(2 phi), the switch after it removes log2 q_level, so a product of two such
     * operands would come out noisier than either, and repeated squaring would diverge; both are switched down
     * first (HElib also switches down before a product when the noise is high).
     */
    private boolean noisy(Ciphertext x) {
        var parameters = evaluator.parameters();
        double noiseBits = parameters.log2Modulus(x.level()) - 1 - x.estimatedNoiseBudget();
        double limit = Math.log(parameters.prime(x.level())) / Math.log(2)
                - Math.log(2.0 * parameters.ringDimension()) / Math.log(2) - 2;
        return noiseBits > limit;
    }

    CompletableFuture<Ciphertext> negate(CompletableFuture<Ciphertext> a) {
        return apply(a, evaluator::negate);
    }

    CompletableFuture<Ciphertext> addConstant(CompletableFuture<Ciphertext> a, long c) {
        return apply(a, x -> evaluator.addConstant(x, c));
    }

    CompletableFuture<Ciphertext> multiplyPlain(CompletableFuture<Ciphertext> a, Plaintext b) {
        return apply(a, x -> evaluator.multiplyPlain(x, b));
    }

    CompletableFuture<Ciphertext> addPlain(CompletableFuture<Ciphertext> a, Plaintext b) {
        return apply(a, x -> evaluator.addPlain(x, b));
    }

    CompletableFuture<Ciphertext> shift(CompletableFuture<Ciphertext> a, int s) {
        return apply(a, x -> evaluator.shift(x, s));
    }

    CompletableFuture<Ciphertext> frobenius(CompletableFuture<Ciphertext> a, int j) {
        return apply(a, x -> evaluator.frobenius(x, j));
    }

    /** Records a stage when all its outputs are ready; returns a future of the same outputs. */
    @SafeVarargs
    final CompletableFuture<Void> stage(String name, CompletableFuture<Ciphertext>... outputs) {
        OperationCounters counters = evaluator.counters();
        return CompletableFuture.allOf(outputs).thenRun(() -> {
            Ciphertext lowest = null;
            for (CompletableFuture<Ciphertext> output : outputs) {
                Ciphertext c = output.join();
                if (lowest == null || c.estimatedNoiseBudget() < lowest.estimatedNoiseBudget()) {
                    lowest = c;
                }
            }
            stages.add(new Stage(name, lowest, lowest.level(), lowest.estimatedNoiseBudget(), counters.snapshot(),
                    (System.nanoTime() - start) / 1e6));
        });
    }

    /** The baseline's barrier: waits (on the calling thread) for a finished stage; nothing when non-blocking. */
    void barrier(CompletableFuture<?> stage) {
        if (barriers) {
            join(stage);
        }
    }

    /** The stages recorded so far, in completion order. */
    List<Stage> stages() {
        synchronized (stages) {
            return List.copyOf(stages);
        }
    }

    /** join() that rethrows the cause of a failed node (IllegalArgumentException, budget exhaustion, ...). */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** This DAG's operations as a polynomial algebra over futures (for Paterson-Stockmeyer). */
    PolyAlgebra<CompletableFuture<Ciphertext>> algebra() {
        return new PolyAlgebra<>() {
            @Override
            public CompletableFuture<Ciphertext> multiply(CompletableFuture<Ciphertext> a,
                                                          CompletableFuture<Ciphertext> b) {
                return Dag.this.multiply(a, b);
            }

            @Override
            public CompletableFuture<Ciphertext> add(CompletableFuture<Ciphertext> a, CompletableFuture<Ciphertext> b) {
                return Dag.this.add(a, b);
            }

            @Override
            public CompletableFuture<Ciphertext> multiplyConstant(CompletableFuture<Ciphertext> a, long c) {
                return apply(a, x -> evaluator.multiplyConstant(x, c));
            }

            @Override
            public CompletableFuture<Ciphertext> addConstant(CompletableFuture<Ciphertext> a, long c) {
                return apply(a, x -> evaluator.addConstant(x, c));
            }
        };
    }
}
