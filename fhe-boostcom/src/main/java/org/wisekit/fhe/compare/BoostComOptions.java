package org.wisekit.fhe.compare;

import java.util.List;

/**
 * BoostCom's CPU-portable optimizations (reconstructed from the paper's description), each a switch so
 * that it can be measured alone; every combination decrypts to exactly the baseline's results.
 *
 * <ul>
 *   <li>{@code rnsParallel}: key and modulus switches split their per-prime and per-digit work over the pool
 *       (level 2 of the multi-level parallelism).</li>
 *   <li>{@code circuitParallel}: the circuit is a task DAG on the pool, so independent operations (Frobenius maps,
 *       digit evaluations, Paterson-Stockmeyer powers and halves) run at the same time (level 1).</li>
 *   <li>{@code compaction}: when the words fill at most 1/g of the slots, g extracted digits are packed into
 *       disjoint slot ranges and share one LT/EQ polynomial evaluation.</li>
 *   <li>{@code nonBlocking}: no barrier between the circuit's stages (the baseline waits for every task of a
 *       stage before starting the next), and the asynchronous API lets independent comparisons overlap.</li>
 * </ul>
 *
 * @param threads the fork-join pool's parallelism (1 = no pool: everything runs on the calling thread)
 */
public record BoostComOptions(boolean rnsParallel, boolean circuitParallel, boolean compaction, boolean nonBlocking,
                              int threads) {

    public BoostComOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if ((rnsParallel || circuitParallel) && threads < 2) {
            throw new IllegalArgumentException("parallel switches need threads >= 2, got " + threads);
        }
    }

    /** The Iliashenko-Zucca baseline: one thread, no compaction, stage barriers. */
    public static BoostComOptions baseline() {
        return new BoostComOptions(false, false, false, false, 1);
    }

    /** Every optimization, on {@code threads} threads. */
    public static BoostComOptions all(int threads) {
        return new BoostComOptions(threads > 1, threads > 1, true, true, threads);
    }

    /** The ablation ladder: baseline, +RNS parallel, +circuit parallel, +compaction, +non-blocking. */
    public static List<BoostComOptions> ladder(int threads) {
        return List.of(baseline(),
                new BoostComOptions(true, false, false, false, threads),
                new BoostComOptions(true, true, false, false, threads),
                new BoostComOptions(true, true, true, false, threads),
                new BoostComOptions(true, true, true, true, threads));
    }

    /** A short name: "baseline" or the switches that are on. */
    public String label() {
        if (!rnsParallel && !circuitParallel && !compaction && !nonBlocking) {
            return "baseline";
        }
        StringBuilder label = new StringBuilder();
        if (rnsParallel) {
            label.append("+rns");
        }
        if (circuitParallel) {
            label.append("+circuit");
        }
        if (compaction) {
            label.append("+compaction");
        }
        if (nonBlocking) {
            label.append("+nonblocking");
        }
        return label.substring(1) + (threads > 1 ? " (" + threads + " threads)" : "");
    }
}
