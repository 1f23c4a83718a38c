package org.wisekit.fhe.bgv;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import org.wisekit.fhe.ring.DoubleCrt;
import org.wisekit.fhe.ring.Modulus;
import org.wisekit.fhe.ring.RnsRing;

/**
 * Hybrid key switching (Gentry-Halevi-Smart with special primes, HElib's and lattigo's scheme) and
 * modulus switching, the two operations that change a ciphertext's modulus. Stateless.
 *
 * <p><b>Key switching</b> turns d (decrypting under s') into (u_0, u_1) with u_0 + u_1 s = d s' + p e' modulo
 * Q_l. (1) d to coefficients. (2) For each digit j, its residues d_j = [d]_(Q_(D_j)) are lifted to every other
 * prime of Q_l P by fast basis conversion; the lift is d_j + u Q_(D_j), and the u Q_(D_j) term is 0 modulo
 * Q_l after the key's Qt_j factor and vanishes modulo Q_l P after the factor P. (3) (u_0, u_1) +=
 * dtilde_j (b_j, a_j) modulo Q_l P, which decrypts to P d s' + p E with E = sum_j dtilde_j e_j. (4) Division by
 * P: u - delta with delta = p [p^-1 u]_P is divisible by P and 0 mod p, so (u - delta) / P decrypts to
 * d s' + (p E - delta) / P, and p E - delta, being divisible by both p and P, is p P t: the message part d s'
 * comes out exactly, whatever P is modulo p (the key put the factor P there explicitly), and the key noise is
 * divided by P. Key switching therefore leaves the scalar factor alone.
 *
 * <p><b>Modulus switching</b> from level l to l-1 replaces c by (c - delta) / q_l with delta = p [p^-1 c]_(q_l)
 * (centred): c - delta = c mod p, so the value, message included, is multiplied by q_l^-1 mod p. The evaluator
 * records that in the ciphertext's scalar factor (primes need not be 1 mod p).
 *
 * <p><b>RNS-level parallelism</b> (BoostCom's second level): with a pool, the per-prime transforms, the digits
 * and the two halves of the division by P run as fork-join tasks; the arithmetic is the same, so the result is
 * bit-identical to the single-thread path.
 */
final class KeySwitching {

    private KeySwitching() {
    }

    /** (u_0, u_1) for d on primes q_0 .. q_level (evaluation form). */
    static DoubleCrt[] switchKey(BgvParameters parameters, DoubleCrt d, KeySwitchKey key, int level,
                                 OperationCounters counters, ForkJoinPool pool) {
        RnsRing ring = parameters.ring();
        LevelConstants constants = parameters.constants(level);
        int n = ring.dimension();
        long[][] coefficients = new long[d.primeCount()][];
        RnsTasks.forEach(pool, coefficients.length, i -> {
            coefficients[i] = d.row(i).clone();
            ring.transform(d.primes()[i]).inverse(coefficients[i], coefficients[i]);
        });
        counters.addTransforms(level + 1);

        DoubleCrt[] lifts = new DoubleCrt[constants.digits.size()];
        RnsTasks.forEach(pool, lifts.length, j -> {
            LevelConstants.Digit digit = constants.digits.get(j);
            long[][] input = new long[digit.sources().length][];
            for (int i = 0; i < input.length; i++) {
                input[i] = coefficients[digit.sources()[i]].clone();
            }
            long[][] lifted = new long[digit.targets().length][n];
            digit.conversion().convert(input, lifted);
            long[][] rows = new long[constants.extendedPrimes.length][];
            for (int t = 0; t < digit.targets().length; t++) {
                ring.transform(digit.targets()[t]).forward(lifted[t], lifted[t]);
                rows[indexOf(constants.extendedPrimes, digit.targets()[t])] = lifted[t];
            }
            counters.addTransforms(digit.targets().length);
            for (int source : digit.sources()) {
                rows[indexOf(constants.extendedPrimes, source)] = d.row(source);
            }
            lifts[j] = DoubleCrt.wrap(ring, constants.extendedPrimes, rows);
        });
        DoubleCrt[] result = new DoubleCrt[2];
        RnsTasks.forEach(pool, 2, half -> {
            DoubleCrt u = DoubleCrt.zero(ring, constants.extendedPrimes);
            for (int j = 0; j < lifts.length; j++) {
                u.multiplyAdd(lifts[j], half == 0 ? key.b(j) : key.a(j));
            }
            result[half] = divideBySpecialModulus(parameters, u, constants, counters);
        });
        counters.addKeySwitch();
        return result;
    }

    /** (u - p [p^-1 u]_P) / P on primes q_0 .. q_level. */
    private static DoubleCrt divideBySpecialModulus(BgvParameters parameters, DoubleCrt u, LevelConstants constants,
                                                    OperationCounters counters) {
        RnsRing ring = parameters.ring();
        int n = ring.dimension();
        int[] special = constants.specialPrimes;
        long[][] scaled = new long[special.length][];
        for (int k = 0; k < special.length; k++) {
            long[] row = u.row(u.rowOf(special[k])).clone();
            ring.transform(special[k]).inverse(row, row);
            Modulus pk = ring.modulus(special[k]);
            long factor = constants.plaintextInverseModSpecial[k];
            long factorShoup = pk.shoup(factor);
            for (int c = 0; c < n; c++) {
                row[c] = pk.mulShoup(row[c], factor, factorShoup);
            }
            scaled[k] = row;
        }
        counters.addTransforms(special.length);
        long[][] delta = new long[constants.primes.length][n];
        constants.modDown.convert(scaled, delta);
        DoubleCrt result = DoubleCrt.zero(ring, constants.primes);
        for (int i = 0; i < constants.primes.length; i++) {
            Modulus q = ring.modulus(i);
            long[] correction = delta[i];
            long p = constants.plaintextModQ[i];
            long pShoup = q.shoup(p);
            for (int c = 0; c < n; c++) {
                correction[c] = q.mulShoup(correction[c], p, pShoup);
            }
            ring.transform(i).forward(correction, correction);
            long[] source = u.row(i);
            long[] target = result.row(i);
            long inverse = constants.specialInverseModQ[i];
            long inverseShoup = q.shoup(inverse);
            for (int c = 0; c < n; c++) {
                target[c] = q.mulShoup(q.sub(source[c], correction[c]), inverse, inverseShoup);
            }
        }
        counters.addTransforms(constants.primes.length);
        return result;
    }

    /** c on primes q_0 .. q_level to (c - delta) / q_level on q_0 .. q_(level-1). */
    static DoubleCrt dropLastPrime(BgvParameters parameters, DoubleCrt c, int level, OperationCounters counters,
                                   ForkJoinPool pool) {
        RnsRing ring = parameters.ring();
        LevelConstants constants = parameters.constants(level);
        int n = ring.dimension();
        Modulus top = ring.modulus(level);
        long[] t = c.row(level).clone();
        ring.transform(level).inverse(t, t);
        long factor = constants.plaintextInverseModTop;
        long factorShoup = top.shoup(factor);
        for (int k = 0; k < n; k++) {
            t[k] = top.centered(top.mulShoup(t[k], factor, factorShoup));
        }
        DoubleCrt result = DoubleCrt.zero(ring, parameters.primesAt(level - 1));
        RnsTasks.forEach(pool, level, i -> {
            long[] delta = new long[n];
            Modulus q = ring.modulus(i);
            long p = constants.plaintextModQ[i];
            long pShoup = q.shoup(p);
            for (int k = 0; k < n; k++) {
                delta[k] = q.mulShoup(q.reduce(t[k]), p, pShoup);
            }
            ring.transform(i).forward(delta, delta);
            long[] source = c.row(i);
            long[] target = result.row(i);
            long inverse = constants.topInverseModQ[i];
            long inverseShoup = q.shoup(inverse);
            for (int k = 0; k < n; k++) {
                target[k] = q.mulShoup(q.sub(source[k], delta[k]), inverse, inverseShoup);
            }
        });
        counters.addTransforms(level + 1);
        return result;
    }

    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        throw new IllegalArgumentException(value + " not among " + Arrays.toString(values));
    }
}
