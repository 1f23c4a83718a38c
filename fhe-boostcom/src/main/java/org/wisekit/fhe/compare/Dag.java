package org.wisekit.fhe.compare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
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
 * does nothing in non-blocking mode. Levels follow the evaluator's noise-driven policy: a product is taken at
 * the level where its operands' noise is as small as useful and switched down right after its relinearization (in
 * the same division) only as far as its own noise allows; operands at different levels are aligned by a modulus
 * switch when that lowers the noise, else by dropping primes.
 */
final class Dag {

    private final Evaluator evaluator;
    private final ForkJoinPool pool;
    private final boolean barriers;
    private final long start = System.nanoTime();
    private final List<Stage> stages = Collections.synchronizedList(new ArrayList<>());
    /** Lowered copies by ciphertext (identity: Ciphertext keeps Object's equals) and level; cleared per stage. */
    private final ConcurrentHashMap<Ciphertext, ConcurrentHashMap<Integer, Ciphertext>> loweredCache =
            new ConcurrentHashMap<>();

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

    /**
     * The product under the evaluator's noise-driven level policy ({@link Evaluator#multiplyNoiseDriven}): both
     * operands are switched down as far as their estimated noise allows, and the relinearized product is switched
     * in the same division to the lowest level its noise fills (possibly none).
     */
    CompletableFuture<Ciphertext> multiply(CompletableFuture<Ciphertext> a, CompletableFuture<Ciphertext> b) {
        if (a == b) {
            return apply(a, x -> {
                Ciphertext low = lowered(x, evaluator.productLevel(x, x));
                return evaluator.multiplySettled(low, low);
            });
        }
        return combine(a, b, (x, y) -> {
            int level = evaluator.productLevel(x, y);
            return evaluator.multiplySettled(lowered(x, level), lowered(y, level));
        });
    }

    CompletableFuture<Ciphertext> add(CompletableFuture<Ciphertext> a, CompletableFuture<Ciphertext> b) {
        return combine(a, b, (x, y) -> evaluator.add(lowered(x, y.level()), lowered(y, x.level())));
    }

    CompletableFuture<Ciphertext> subtract(CompletableFuture<Ciphertext> a, CompletableFuture<Ciphertext> b) {
        return combine(a, b, (x, y) -> evaluator.subtract(lowered(x, y.level()), lowered(y, x.level())));
    }

    /**
     * x at {@code level} if that is lower: by a modulus switch when that lowers its noise, else by dropping primes
     * ({@link Evaluator#lowerTo}). Cached per ciphertext (by identity) and level until the stage ends, because an
     * operand such as a Paterson-Stockmeyer power is lowered to the same level for several products.
     */
    private Ciphertext lowered(Ciphertext x, int level) {
        if (x.level() <= level) {
            return x;
        }
        return loweredCache.computeIfAbsent(x, unused -> new ConcurrentHashMap<>())
                .computeIfAbsent(level, unused -> evaluator.lowerTo(x, level));
    }

    /**
     * x switched down to its {@linkplain Evaluator#naturalLevel natural level} (the lowest its noise allows): the
     * same budget in fewer primes, for a circuit's final outputs.
     */
    CompletableFuture<Ciphertext> settle(CompletableFuture<Ciphertext> a) {
        return apply(a, x -> evaluator.lowerTo(x, evaluator.naturalLevel(x)));
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

    /**
     * shift(a, s) times {@code mask} with one plaintext product instead of two: the automorphism g^-s and then
     * {@code mask} alone, which must already clear every slot that the shift would wrap (the slots that the
     * shift's own mask clears), so that the result is the same. Saves a mask's noise (about
     * log2(phi p / sqrt(12)) bits) and its product.
     */
    CompletableFuture<Ciphertext> shiftMasked(CompletableFuture<Ciphertext> a, int s, Plaintext mask) {
        long element = evaluator.parameters().slots().shiftElement(s);
        return apply(a, x -> evaluator.multiplyPlain(evaluator.automorphism(x, element), mask));
    }

    /**
     * The automorphism of shift(a, s) without any mask: slots i - s &gt;= 0 receive a's slot i exactly, the wrapped
     * ones receive garbage (Frobenius-twisted values). For callers that only ever read the unwrapped slots (no
     * plaintext product, so no mask noise).
     */
    CompletableFuture<Ciphertext> shiftUnmasked(CompletableFuture<Ciphertext> a, int s) {
        long element = evaluator.parameters().slots().shiftElement(s);
        return apply(a, x -> evaluator.automorphism(x, element));
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
            loweredCache.clear();
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
                return apply(a, x -> evaluator.multiplyConstantUnitFactor(x, c));
            }

            @Override
            public CompletableFuture<Ciphertext> addConstant(CompletableFuture<Ciphertext> a, long c) {
                return apply(a, x -> evaluator.addConstant(x, c));
            }
        };
    }
}
