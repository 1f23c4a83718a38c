package org.wisekit.fhe.ring;

import java.util.Arrays;

/**
 * Fast approximate basis conversion of coefficient residues from primes S = {s_i} to primes T = {t}:
 * for x given by its residues x_i mod s_i,
 * y = sum_i [x_i * (S/s_i)^-1]_(s_i) * (S/s_i) mod t,
 * which equals x + u S for an integer 0 &lt;= u &lt; |S| (the CRT sum before its final reduction). Hybrid key
 * switching uses it to lift digits (the u S term vanishes against the key) and to divide by the special
 * modulus (the u S term becomes a multiple of the plaintext modulus). All constants are products of primes
 * reduced modulo word-sized primes, so no big integers are needed. Immutable and thread-safe.
 */
public final class BasisConversion {

    private final RnsRing ring;
    private final int[] from;
    private final int[] to;
    /** [(S/s_i)^-1]_(s_i) and its Shoup companion. */
    private final long[] inverseHat;
    private final long[] inverseHatShoup;
    /** (S/s_i) mod t_j at [j][i], with Shoup companions. */
    private final long[][] hat;
    private final long[][] hatShoup;

    public BasisConversion(RnsRing ring, int[] from, int[] to) {
        if (from.length == 0 || to.length == 0) {
            throw new IllegalArgumentException("both bases must be non-empty, got " + Arrays.toString(from)
                    + " -> " + Arrays.toString(to));
        }
        this.ring = ring;
        this.from = from.clone();
        this.to = to.clone();
        inverseHat = new long[from.length];
        inverseHatShoup = new long[from.length];
        for (int i = 0; i < from.length; i++) {
            Modulus si = ring.modulus(from[i]);
            inverseHat[i] = si.inverse(productExcept(from, i, si));
            inverseHatShoup[i] = si.shoup(inverseHat[i]);
        }
        hat = new long[to.length][from.length];
        hatShoup = new long[to.length][from.length];
        for (int j = 0; j < to.length; j++) {
            Modulus t = ring.modulus(to[j]);
            for (int i = 0; i < from.length; i++) {
                hat[j][i] = productExcept(from, i, t);
                hatShoup[j][i] = t.shoup(hat[j][i]);
            }
        }
    }

    /**
     * Converts coefficient rows: {@code input[i]} holds residues modulo {@code from[i]}; {@code output[j]}
     * receives residues modulo {@code to[j]}. {@code input} is overwritten with the scaled digits y_i.
     */
    public void convert(long[][] input, long[][] output) {
        int n = ring.dimension();
        for (int i = 0; i < from.length; i++) {
            Modulus si = ring.modulus(from[i]);
            long[] x = input[i];
            for (int c = 0; c < n; c++) {
                x[c] = si.mulShoup(x[c], inverseHat[i], inverseHatShoup[i]);
            }
        }
        for (int j = 0; j < to.length; j++) {
            long t = ring.modulus(to[j]).value();
            long[] y = output[j];
            Arrays.fill(y, 0);
            for (int i = 0; i < from.length; i++) {
                long w = hat[j][i];
                long wShoup = hatShoup[j][i];
                long[] x = input[i];
                for (int c = 0; c < n; c++) {
                    long product = Modulus.mulShoupLazy(x[c], w, wShoup, t);
                    long s = y[c] + (product >= t ? product - t : product);
                    y[c] = s >= t ? s - t : s;
                }
            }
        }
    }

    /** prod_(k != skip) s_k modulo mod. */
    private long productExcept(int[] primes, int skip, Modulus mod) {
        long product = 1 % mod.value();
        for (int k = 0; k < primes.length; k++) {
            if (k != skip) {
                product = mod.mul(product, mod.reduce(ring.modulus(primes[k]).value()));
            }
        }
        return product;
    }
}
