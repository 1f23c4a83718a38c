package org.wisekit.fhe.bgv;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntFunction;
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
 * P: u - delta with delta = p [p^-1 u]_P (centred) is divisible by P and 0 mod p, so (u - delta) / P decrypts to
 * d s' + (p E - delta) / P, and p E - delta, being divisible by both p and P, is p P t: the message part d s'
 * comes out exactly, whatever P is modulo p (the key put the factor P there explicitly), and the key noise is
 * divided by P. Key switching therefore leaves the scalar factor alone.
 *
 * <p><b>Modulus switching</b> from level l to k &lt; l replaces c by (c - delta) / Q_D, Q_D = q_(k+1) ... q_l,
 * with delta = p [p^-1 c]_(Q_D) (centred): c - delta = c mod p, so the value, message included, is multiplied by
 * Q_D^-1 mod p. The evaluator records that in the ciphertext's scalar factor (primes need not be 1 mod p). Any
 * number of primes goes in one step: |D| inverse transforms, one basis conversion to q_0 .. q_k with a centring
 * correction, k+1 forward transforms ({@link #rescale}); dropping one prime at a time costs
 * sum (1 + level) transforms and rounds once per prime.
 *
 * <p><b>Fused relinearization and modulus switch</b> ({@link #relinearizeAndSwitch}): both divisions, by P and
 * by Q_D, are the same operation, so a product that is switched down right after its relinearization is divided
 * by P Q_D at once: one basis conversion and k+1 forward transforms instead of l+1 and then k+1.
 *
 * <p><b>RNS-level parallelism</b> (BoostCom's second level): with a pool, the per-prime transforms, the digits
 * and the two halves of the division by P run as fork-join tasks; the arithmetic is the same, so the result is
 * bit-identical to the single-thread path.
 */
final class KeySwitching {

    private KeySwitching() {
    }

    /** (u_0, u_1) for d on primes q_0 .. q_level (evaluation form): the key switch with its division by P. */
    static DoubleCrt[] switchKey(BgvParameters parameters, DoubleCrt d, KeySwitchKey key, int level,
                                 OperationCounters counters, ForkJoinPool pool) {
        DoubleCrt[] u = switchKeyExtended(parameters, d, key, level, counters, pool);
        LevelConstants.Rescale division = parameters.constants(level).rescale(level, true);
        DoubleCrt[] result = new DoubleCrt[2];
        RnsTasks.forEach(pool, 2, half -> result[half] = rescale(parameters, division, rowsOf(u[half]), counters, null));
        counters.addKeySwitch();
        return result;
    }

    /**
     * The fused relinearization and modulus switch: (c_0, c_1, c_2) at {@code level} to the two parts at
     * {@code target} of ((P c_0 + u_0, P c_1 + u_1) - delta) / (P Q_D), Q_D = q_(target+1) ... q_level and
     * (u_0, u_1) the key switch of c_2 before its division by P, so that the division by P and the modulus switch
     * are one rounding and one basis conversion. Decrypts to (v + p E / P) / Q_D + rounding (v = c_0 + c_1 s + c_2
     * s^2): the message times Q_D^-1 mod p, the key-switching noise divided by P Q_D instead of P then Q_D.
     */
    static DoubleCrt[] relinearizeAndSwitch(BgvParameters parameters, DoubleCrt[] c, KeySwitchKey key, int level,
                                            int target, OperationCounters counters, ForkJoinPool pool) {
        DoubleCrt[] u = switchKeyExtended(parameters, c[2], key, level, counters, pool);
        LevelConstants constants = parameters.constants(level);
        LevelConstants.Rescale division = constants.rescale(target, true);
        RnsRing ring = parameters.ring();
        DoubleCrt[] result = new DoubleCrt[2];
        RnsTasks.forEach(pool, 2, half -> {
            DoubleCrt w = u[half];
            for (int i = 0; i <= level; i++) {
                // w = P c + u on the chain primes (P c = 0 modulo the special primes)
                Modulus q = ring.modulus(i);
                long[] row = w.row(w.rowOf(i));
                long[] source = c[half].row(i);
                long factor = constants.specialModQ[i];
                long factorShoup = q.shoup(factor);
                for (int k = 0; k < row.length; k++) {
                    row[k] = q.add(row[k], q.mulShoup(source[k], factor, factorShoup));
                }
            }
            result[half] = rescale(parameters, division, rowsOf(w), counters, null);
        });
        counters.addKeySwitch();
        return result;
    }

    /** The key switch of d before the division: (u_0, u_1) on q_0 .. q_level and P, decrypting to P d s' + p E. */
    private static DoubleCrt[] switchKeyExtended(BgvParameters parameters, DoubleCrt d, KeySwitchKey key, int level,
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
            result[half] = u;
        });
        return result;
    }

    /**
     * (w - delta) / S on the kept primes, S the product of {@code division.dropped}, delta = p [p^-1 w]_S centred
     * (see {@link LevelConstants.Rescale}); {@code rows} gives w's evaluation row for a prime index (read only).
     * |S| inverse and |kept| forward transforms, one basis conversion.
     */
    static DoubleCrt rescale(BgvParameters parameters, LevelConstants.Rescale division, IntFunction<long[]> rows,
                             OperationCounters counters, ForkJoinPool pool) {
        RnsRing ring = parameters.ring();
        int n = ring.dimension();
        int[] dropped = division.dropped;
        int[] kept = division.kept;
        // y_i = [w (p S / s_i)^-1]_(s_i), in coefficient form
        long[][] y = new long[dropped.length][];
        RnsTasks.forEach(pool, dropped.length, i -> {
            long[] row = rows.apply(dropped[i]).clone();
            ring.transform(dropped[i]).inverse(row, row);
            Modulus s = ring.modulus(dropped[i]);
            long w = division.inverseHat[i];
            long wShoup = division.inverseHatShoup[i];
            for (int k = 0; k < n; k++) {
                row[k] = s.mulShoup(row[k], w, wShoup);
            }
            y[i] = row;
        });
        // v = round(sum_i y_i / s_i): how many S to subtract for the centred residue
        long[] v = new long[n];
        for (int k = 0; k < n; k++) {
            double sum = 0;
            for (int i = 0; i < dropped.length; i++) {
                sum += y[i][k] * division.reciprocal[i];
            }
            v[k] = (long) Math.floor(sum + 0.5);
        }
        DoubleCrt result = DoubleCrt.zero(ring, kept);
        RnsTasks.forEach(pool, kept.length, j -> {
            Modulus t = ring.modulus(kept[j]);
            long[] delta = new long[n];
            long[] hat = division.hat[j];
            long[] hatShoup = division.hatShoup[j];
            for (int i = 0; i < dropped.length; i++) {
                long[] yi = y[i];
                long h = hat[i];
                long hShoup = hatShoup[i];
                for (int k = 0; k < n; k++) {
                    delta[k] = t.add(delta[k], t.mulShoup(yi[k], h, hShoup));
                }
            }
            long pS = division.pModulus[j];
            long pSShoup = division.pModulusShoup[j];
            for (int k = 0; k < n; k++) {
                delta[k] = t.sub(delta[k], t.mulShoup(v[k], pS, pSShoup));
            }
            ring.transform(kept[j]).forward(delta, delta);
            long[] source = rows.apply(kept[j]);
            long[] target = result.row(j);
            long inverse = division.inverse[j];
            long inverseShoup = division.inverseShoup[j];
            for (int k = 0; k < n; k++) {
                target[k] = t.mulShoup(t.sub(source[k], delta[k]), inverse, inverseShoup);
            }
        });
        counters.addTransforms(dropped.length + kept.length);
        return result;
    }

    /** A polynomial's evaluation rows by prime index. */
    static IntFunction<long[]> rowsOf(DoubleCrt x) {
        return prime -> x.row(x.rowOf(prime));
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
