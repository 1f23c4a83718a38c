package org.wisekit.fhe.ring;

import java.util.List;

/**
 * The cyclotomic ring Z_Q[X]/Phi_m(X) for Q a product of distinct word-sized primes (the residue number
 * system): the {@link Cyclotomic} index structure, the primes, and one {@link EvaluationTransform} per prime.
 * Primes are addressed by their index in {@link #primeCount()}; a {@link DoubleCrt} lives on any subset.
 * Immutable and thread-safe.
 */
public final class RnsRing {

    private final Cyclotomic cyclotomic;
    private final Modulus[] moduli;
    private final EvaluationTransform[] transforms;

    private RnsRing(Cyclotomic cyclotomic, Modulus[] moduli, EvaluationTransform[] transforms) {
        this.cyclotomic = cyclotomic;
        this.moduli = moduli;
        this.transforms = transforms;
    }

    /** The ring over the given distinct primes; each must admit the transform for m (see {@link EvaluationTransform}). */
    public static RnsRing create(Cyclotomic cyclotomic, List<Long> primes) {
        if (primes.isEmpty() || primes.stream().distinct().count() != primes.size()) {
            throw new IllegalArgumentException("primes must be non-empty and distinct, got " + primes);
        }
        Modulus[] moduli = new Modulus[primes.size()];
        EvaluationTransform[] transforms = new EvaluationTransform[primes.size()];
        for (int i = 0; i < moduli.length; i++) {
            long q = primes.get(i);
            if (!Primes.isPrime(q)) {
                throw new IllegalArgumentException("RNS modulus must be prime, got " + q);
            }
            moduli[i] = Modulus.of(q);
            transforms[i] = EvaluationTransform.of(cyclotomic, moduli[i]);
        }
        return new RnsRing(cyclotomic, moduli, transforms);
    }

    public Cyclotomic cyclotomic() {
        return cyclotomic;
    }

    /** phi(m). */
    public int dimension() {
        return cyclotomic.phi();
    }

    public int primeCount() {
        return moduli.length;
    }

    public Modulus modulus(int prime) {
        return moduli[prime];
    }

    public EvaluationTransform transform(int prime) {
        return transforms[prime];
    }
}
