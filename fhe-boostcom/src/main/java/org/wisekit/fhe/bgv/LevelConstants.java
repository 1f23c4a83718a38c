package org.wisekit.fhe.bgv;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.wisekit.fhe.ring.BasisConversion;
import org.wisekit.fhe.ring.Modulus;

/**
 * Constants of one level l (primes q_0 .. q_l) for modulus switching, hybrid key switching and exact
 * decryption, all as residues modulo word-sized primes. Built once per level by {@link BgvParameters};
 * immutable.
 */
final class LevelConstants {

    final int level;
    final int[] primes;
    final int[] extendedPrimes;
    final int[] specialPrimes;

    /** p mod q_i for i &lt;= l. */
    final long[] plaintextModQ;
    /** Dropping q_l: p^-1 mod q_l, and q_l^-1 mod q_i for i &lt; l (unused at level 0). */
    final long plaintextInverseModTop;
    final long[] topInverseModQ;
    /** q_l^-1 mod p: the factor by which dropping q_l multiplies the message (the scalar factor's update). */
    final long topInverseModPlaintext;

    /** One entry per key-switching digit that has primes at this level. */
    final List<Digit> digits;
    /** The special primes P to q_0 .. q_l, for the division by P. */
    final BasisConversion modDown;
    /** p^-1 mod each special prime. */
    final long[] plaintextInverseModSpecial;
    /** P^-1 mod q_i. */
    final long[] specialInverseModQ;

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
        this.level = level;
        this.primes = parameters.primesAt(level);
        this.extendedPrimes = parameters.extendedPrimesAt(level);
        this.specialPrimes = parameters.specialPrimes();
        long p = parameters.plaintextModulus();
        Modulus[] q = new Modulus[level + 1];
        for (int i = 0; i <= level; i++) {
            q[i] = parameters.ring().modulus(i);
        }

        plaintextModQ = new long[level + 1];
        for (int i = 0; i <= level; i++) {
            plaintextModQ[i] = q[i].reduce(p);
        }
        plaintextInverseModTop = q[level].inverse(q[level].reduce(p));
        Modulus plaintext = Modulus.of(p);
        topInverseModPlaintext = plaintext.inverse(plaintext.reduce(q[level].value()));
        topInverseModQ = new long[level];
        for (int i = 0; i < level; i++) {
            topInverseModQ[i] = q[i].inverse(q[i].reduce(q[level].value()));
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
        modDown = new BasisConversion(parameters.ring(), specialPrimes, primes);
        plaintextInverseModSpecial = new long[specialPrimes.length];
        for (int k = 0; k < specialPrimes.length; k++) {
            Modulus pk = parameters.ring().modulus(specialPrimes[k]);
            plaintextInverseModSpecial[k] = pk.inverse(pk.reduce(p));
        }
        specialInverseModQ = new long[level + 1];
        for (int i = 0; i <= level; i++) {
            long product = 1;
            for (int k : specialPrimes) {
                product = q[i].mul(product, q[i].reduce(parameters.prime(k)));
            }
            specialInverseModQ[i] = q[i].inverse(product);
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
}
