package org.wisekit.fhe.bgv;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.wisekit.fhe.ring.BasisConversion;
import org.wisekit.fhe.ring.Modulus;
import org.wisekit.fhe.ring.RnsRing;

/**
 * Constants of one level l (primes q_0 .. q_l) for modulus switching, hybrid key switching and exact
 * decryption, all as residues modulo word-sized primes. Built once per level by {@link BgvParameters};
 * the {@link Rescale} constants of each division from this level (to any lower level, with or without the
 * special modulus) are built on first use. Immutable apart from that cache; thread-safe.
 */
final class LevelConstants {

    private final BgvParameters parameters;
    final int level;
    final int[] primes;
    final int[] extendedPrimes;
    final int[] specialPrimes;

    /** One entry per key-switching digit that has primes at this level. */
    final List<Digit> digits;
    /** P mod q_i (the fused relinearize-and-switch multiplies c_0, c_1 by P). */
    final long[] specialModQ;
    /** The divisions from this level, by target level and whether P is divided out too; built on first use. */
    private final ConcurrentHashMap<Integer, Rescale> rescales = new ConcurrentHashMap<>();

    /** Garner: q_i^-1 mod q_j at [i][j] for i &lt; j. */
    final long[][] garnerInverse;
    /** (q_0 ... q_(j-1)) mod p, the mixed-radix weights modulo p. */
    final long[] weightModPlaintext;
    /** log2(q_0 ... q_(j-1)). */
    final double[] log2Weight;

    /**
     * A digit: its primes D_j at this level, the conversion of its residues to every other prime of the level
     * and to P, and those target primes.
     */
    record Digit(int[] sources, int[] targets, BasisConversion conversion) {
    }

    LevelConstants(BgvParameters parameters, int level) {
        this.parameters = parameters;
        this.level = level;
        this.primes = parameters.primesAt(level);
        this.extendedPrimes = parameters.extendedPrimesAt(level);
        this.specialPrimes = parameters.specialPrimes();
        long p = parameters.plaintextModulus();
        Modulus[] q = new Modulus[level + 1];
        for (int i = 0; i <= level; i++) {
            q[i] = parameters.ring().modulus(i);
        }

        digits = new ArrayList<>();
        for (int[] group : parameters.digitGroups()) {
            int[] sources = IntStream.of(group).filter(i -> i <= level).toArray();
            if (sources.length == 0) {
                continue;
            }
            int[] targets = IntStream.of(extendedPrimes).filter(i -> IntStream.of(sources).noneMatch(s -> s == i))
                    .toArray();
            digits.add(new Digit(sources, targets, new BasisConversion(parameters.ring(), sources, targets)));
        }
        specialModQ = new long[level + 1];
        for (int i = 0; i <= level; i++) {
            long product = 1;
            for (int k : specialPrimes) {
                product = q[i].mul(product, q[i].reduce(parameters.prime(k)));
            }
            specialModQ[i] = product;
        }

        garnerInverse = new long[level + 1][level + 1];
        weightModPlaintext = new long[level + 1];
        log2Weight = new double[level + 1];
        Modulus plain = Modulus.of(p);
        long weight = 1;
        double log2 = 0;
        for (int j = 0; j <= level; j++) {
            for (int i = 0; i < j; i++) {
                garnerInverse[i][j] = q[j].inverse(q[j].reduce(q[i].value()));
            }
            weightModPlaintext[j] = weight;
            log2Weight[j] = log2;
            weight = plain.mul(weight, plain.reduce(q[j].value()));
            log2 += Math.log(q[j].value()) / Math.log(2);
        }
    }

    /**
     * The division from this level to {@code target} (dropping q_(target+1) .. q_level), and also by the special
     * modulus P when {@code special} (the key switch's mod-down, fused with a modulus switch when target &lt; level).
     */
    Rescale rescale(int target, boolean special) {
        if (target < 0 || target > level || (target == level && !special)) {
            throw new IllegalArgumentException("no division from level " + level + " to " + target
                    + (special ? " with P" : " without P"));
        }
        return rescales.computeIfAbsent(2 * target + (special ? 1 : 0), unused -> new Rescale(parameters, level, target,
                special));
    }

    /**
     * Constants of one exact rounded division by S = the product of the primes {@code dropped}, keeping the primes
     * q_0 .. q_target: (w - delta) / S with delta = p [p^-1 w]_S, the centred residue, so delta = w mod S and
     * delta = 0 mod p (BGV's plaintext-neutral rounding). [p^-1 w]_S comes from one fast basis conversion of
     * y_i = [w (p S / s_i)^-1]_(s_i): sum_i y_i (S / s_i) = r + u S with r the residue in [0, S) and an integer
     * 0 &lt;= u &lt; |S|, and v = round(sum_i y_i / s_i) = u + round(r / S), computed in double precision, makes
     * sum_i y_i (S / s_i) - v S the centred residue (Halevi-Polyakov-Shoup's correction; double rounding can only
     * matter for r within about |S| 2^-50 S of S/2, where the other representative is equally valid).
     */
    static final class Rescale {
        /** Prime indices divided out (chain primes above the target, then the special primes if any). */
        final int[] dropped;
        /** Prime indices kept: 0 .. target. */
        final int[] kept;
        /** (p S / s_i)^-1 mod s_i and Shoup companions. */
        final long[] inverseHat;
        final long[] inverseHatShoup;
        /** 1 / s_i. */
        final double[] reciprocal;
        /** p (S / s_i) mod t_j at [j][i], with Shoup companions. */
        final long[][] hat;
        final long[][] hatShoup;
        /** p S mod t_j. */
        final long[] pModulus;
        final long[] pModulusShoup;
        /** S^-1 mod t_j. */
        final long[] inverse;
        final long[] inverseShoup;
        /**
         * The scalar factor's update: (product of the dropped chain primes)^-1 mod p. P does not enter it: the
         * key switch multiplies by P explicitly before dividing by it.
         */
        final long chainInverseModPlaintext;

        private Rescale(BgvParameters parameters, int level, int target, boolean special) {
            var ring = parameters.ring();
            int[] chain = IntStream.rangeClosed(target + 1, level).toArray();
            dropped = special ? IntStream.concat(IntStream.of(chain), IntStream.of(parameters.specialPrimes())).toArray()
                    : chain;
            kept = parameters.primesAt(target);
            long p = parameters.plaintextModulus();
            inverseHat = new long[dropped.length];
            inverseHatShoup = new long[dropped.length];
            reciprocal = new double[dropped.length];
            for (int i = 0; i < dropped.length; i++) {
                Modulus s = ring.modulus(dropped[i]);
                long value = s.mul(s.reduce(p), productExcept(ring, dropped, i, s));
                inverseHat[i] = s.inverse(value);
                inverseHatShoup[i] = s.shoup(inverseHat[i]);
                reciprocal[i] = 1.0 / s.value();
            }
            hat = new long[kept.length][dropped.length];
            hatShoup = new long[kept.length][dropped.length];
            pModulus = new long[kept.length];
            pModulusShoup = new long[kept.length];
            inverse = new long[kept.length];
            inverseShoup = new long[kept.length];
            for (int j = 0; j < kept.length; j++) {
                Modulus t = ring.modulus(kept[j]);
                long pt = t.reduce(p);
                for (int i = 0; i < dropped.length; i++) {
                    hat[j][i] = t.mul(pt, productExcept(ring, dropped, i, t));
                    hatShoup[j][i] = t.shoup(hat[j][i]);
                }
                long all = productExcept(ring, dropped, -1, t);
                pModulus[j] = t.mul(pt, all);
                pModulusShoup[j] = t.shoup(pModulus[j]);
                inverse[j] = t.inverse(all);
                inverseShoup[j] = t.shoup(inverse[j]);
            }
            Modulus plain = Modulus.of(p);
            long chainProduct = 1;
            for (int i : chain) {
                chainProduct = plain.mul(chainProduct, plain.reduce(parameters.prime(i)));
            }
            chainInverseModPlaintext = plain.inverse(chainProduct);
        }

        private static long productExcept(RnsRing ring, int[] primes, int skip, Modulus mod) {
            long product = 1 % mod.value();
            for (int k = 0; k < primes.length; k++) {
                if (k != skip) {
                    product = mod.mul(product, mod.reduce(ring.modulus(primes[k]).value()));
                }
            }
            return product;
        }
    }
}
