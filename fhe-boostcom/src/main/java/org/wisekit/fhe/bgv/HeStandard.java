package org.wisekit.fhe.bgv;

import java.util.Arrays;

/**
 * The largest log2 of the modulus (here Q P, all primes a key touches) for ring dimension n and a security
 * level, for a uniform ternary secret and error standard deviation 3.2, classical attacks:
 *
 * <pre>
 *      n   128-bit  192-bit  256-bit
 *   1024       27       19       14
 *   2048       54       37       29
 *   4096      109       75       58
 *   8192      218      152      118
 *  16384      438      305      237
 *  32768      881      611      476
 * </pre>
 *
 * Source: M. Albrecht et al., "Homomorphic Encryption Security Standard", HomomorphicEncryption.org, Toronto,
 * version 1.1, November 2018 (the ternary-secret, classical table), as tabulated in Microsoft SEAL's
 * {@code native/src/seal/util/hestdparms.h}. Rows exist only for powers of two; a prime cyclotomic of
 * dimension phi(m) is checked against the largest row n &lt;= phi(m), which is conservative because security
 * grows with n. Stateless.
 */
public final class HeStandard {

    static final int[] DIMENSIONS = {1024, 2048, 4096, 8192, 16384, 32768};
    static final int[] LEVELS = {128, 192, 256};
    /** MAX_LOG2_MODULUS[row][level]. */
    static final int[][] MAX_LOG2_MODULUS = {
            {27, 19, 14}, {54, 37, 29}, {109, 75, 58}, {218, 152, 118}, {438, 305, 237}, {881, 611, 476}};

    /** Where the table comes from, for reports. */
    public static final String SOURCE = "HomomorphicEncryption.org Security Standard v1.1 (Albrecht et al., Nov 2018), "
            + "ternary secret, sigma = 3.2, classical; values as in Microsoft SEAL hestdparms.h";

    private HeStandard() {
    }

    /** The table's bound for a tabulated n and level (128, 192, 256). */
    public static int maxLog2Modulus(int n, int level) {
        int row = Arrays.binarySearch(DIMENSIONS, n);
        int column = Arrays.binarySearch(LEVELS, level);
        if (row < 0 || column < 0) {
            throw new IllegalArgumentException("no table entry for n = " + n + ", level = " + level);
        }
        return MAX_LOG2_MODULUS[row][column];
    }

    /** The estimate for ring dimension n and modulus log2(QP). */
    public static SecurityEstimate estimate(int n, double log2Modulus) {
        int row = -1;
        for (int i = 0; i < DIMENSIONS.length; i++) {
            if (DIMENSIONS[i] <= n) {
                row = i;
            }
        }
        int standard = 0;
        if (row >= 0) {
            for (int c = 0; c < LEVELS.length; c++) {
                if (log2Modulus <= MAX_LOG2_MODULUS[row][c]) {
                    standard = LEVELS[c];
                }
            }
        }
        // Security is close to linear in n / log2(QP) along each row; extrapolate from the 128- and 192-bit
        // points (the 192- and 256-bit points above 192 bits) of the nearest row.
        int r = Math.max(row, 0);
        double ratio = n / log2Modulus;
        int low = ratio < (double) DIMENSIONS[r] / MAX_LOG2_MODULUS[r][1] ? 0 : 1;
        double x0 = (double) DIMENSIONS[r] / MAX_LOG2_MODULUS[r][low];
        double x1 = (double) DIMENSIONS[r] / MAX_LOG2_MODULUS[r][low + 1];
        double bits = LEVELS[low] + (LEVELS[low + 1] - LEVELS[low]) * (ratio - x0) / (x1 - x0);
        return new SecurityEstimate(n, log2Modulus, row >= 0 ? DIMENSIONS[row] : 0, standard, Math.max(0, bits));
    }
}
