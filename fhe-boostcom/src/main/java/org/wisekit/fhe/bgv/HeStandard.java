package org.wisekit.fhe.bgv;

import java.util.Arrays;

/**
 * The HomomorphicEncryption.org security standard's table: the largest log2 of the modulus (here Q P, all primes a
 * key touches) for ring dimension n and a security level, for a uniform ternary secret and error standard
 * deviation 3.2, classical attacks:
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
 * version 1.1, November 2018 (Table 1, uniform ternary secret, classical), as tabulated in Microsoft SEAL's
 * {@code native/src/seal/util/hestdparms.h} ({@code SEAL_HE_STD_PARMS_128_TC}, {@code _192_TC}, {@code _256_TC}).
 *
 * <p><b>Between rows</b> (a prime cyclotomic has phi(m) = m - 1, never a power of two) each column's bound is
 * interpolated linearly in n between the two rows around it: B_l(n) = B_l(n_0) + (B_l(n_1) - B_l(n_0))
 * (n - n_0) / (n_1 - n_0). The bounds are within 2 % of proportional to n along every column (B / n runs from
 * 0.0264 to 0.0269), so the chord differs from any other smooth reading by well under a bit of modulus.
 *
 * <p><b>Between columns</b> the security in bits (the log2 of the attack cost) is interpolated linearly in
 * x = n / log2(QP) between the two columns around the modulus: lambda = l_0 + (l_1 - l_0) (x - x_0) / (x_1 - x_0),
 * with x_i = n / B_(l_i)(n). The lattice estimators' costs are close to affine in that ratio (HElib fits
 * lambda = 3.8 x - 20 to them, see {@link SecurityEstimate#helibBits}); at the table's points the interpolation is
 * exact.
 *
 * <p><b>Outside the table</b> nothing is extrapolated except below 128 bits: a modulus above the 128-bit bound is
 * given the 128-192 segment's line continued ({@link Basis#EXTRAPOLATED_BELOW_128}, always labelled as an
 * extrapolation); a modulus at or below the 256-bit bound is reported as 256 bits ({@link Basis#AT_LEAST_256});
 * a dimension outside [1024, 32768] gets no figure at all ({@link Basis#OUTSIDE_TABLE}). Stateless.
 */
public final class HeStandard {

    /** The smallest and largest tabulated ring dimensions. */
    public static final int MIN_DIMENSION = 1024;
    public static final int MAX_DIMENSION = 32768;

    static final int[] DIMENSIONS = {1024, 2048, 4096, 8192, 16384, 32768};
    static final int[] LEVELS = {128, 192, 256};
    /** MAX_LOG2_MODULUS[row][level]. */
    static final int[][] MAX_LOG2_MODULUS = {
            {27, 19, 14}, {54, 37, 29}, {109, 75, 58}, {218, 152, 118}, {438, 305, 237}, {881, 611, 476}};

    /** Where the table comes from, for reports. */
    public static final String SOURCE = "HomomorphicEncryption.org Security Standard v1.1 (Albrecht et al., Nov 2018), "
            + "ternary secret, sigma = 3.2, classical; values as in Microsoft SEAL hestdparms.h; interpolated linearly "
            + "in n between rows and in n / log2 QP between columns";

    /** How a figure was obtained from the table. */
    public enum Basis {
        /** within the table: interpolated between rows and between columns (exact at the table's points) */
        INTERPOLATED,
        /** the modulus exceeds the 128-bit bound: the 128-192 segment's line continued below 128 bits */
        EXTRAPOLATED_BELOW_128,
        /** the modulus is at or below the 256-bit bound: at least 256 bits, reported as 256 */
        AT_LEAST_256,
        /** n outside [1024, 32768]: the table gives no figure */
        OUTSIDE_TABLE
    }

    /** The table's figure for one (n, log2 QP): {@code bits} is NaN for {@link Basis#OUTSIDE_TABLE}. */
    public record Figure(double bits, Basis basis) {
    }

    private HeStandard() {
    }

    /** The table's bound for a tabulated n and level (128, 192, 256), exactly as published. */
    public static int maxLog2Modulus(int n, int level) {
        int row = Arrays.binarySearch(DIMENSIONS, n);
        int column = Arrays.binarySearch(LEVELS, level);
        if (row < 0 || column < 0) {
            throw new IllegalArgumentException("no table entry for n = " + n + ", level = " + level
                    + " (rows n = 1024, 2048, ..., 32768; levels 128, 192, 256)");
        }
        return MAX_LOG2_MODULUS[row][column];
    }

    /**
     * The bound on log2(QP) for any n in [1024, 32768] and a tabulated level, interpolated linearly in n between
     * the rows around n; throws for n outside the table (no extrapolation).
     */
    public static double interpolatedMaxLog2Modulus(int n, int level) {
        checkDimension(n);
        int column = Arrays.binarySearch(LEVELS, level);
        if (column < 0) {
            throw new IllegalArgumentException("level must be 128, 192 or 256, got " + level);
        }
        return bound(n, column);
    }

    /**
     * The largest log2(QP) the table allows at n for {@code bits} of security: for 128..256 the inverse of the
     * interpolation; below 128 bits the inverse of the labelled extrapolation. Throws for n outside the table and
     * for bits outside (0, 256].
     */
    public static double allowedLog2Modulus(int n, double bits) {
        checkDimension(n);
        if (!(bits > 0 && bits <= 256)) {
            throw new IllegalArgumentException("bits must be in (0, 256], got " + bits);
        }
        int segment = bits <= 192 ? 0 : 1;
        double x0 = n / bound(n, segment);
        double x1 = n / bound(n, segment + 1);
        double x = x0 + (x1 - x0) * (bits - LEVELS[segment]) / (LEVELS[segment + 1] - LEVELS[segment]);
        return n / x;
    }

    /** The security figure for ring dimension n and modulus log2(QP) (see the class comment for the method). */
    public static Figure bits(int n, double log2Modulus) {
        if (!(log2Modulus > 0)) {
            throw new IllegalArgumentException("log2Modulus must be positive, got " + log2Modulus);
        }
        if (n < MIN_DIMENSION || n > MAX_DIMENSION) {
            return new Figure(Double.NaN, Basis.OUTSIDE_TABLE);
        }
        double b128 = bound(n, 0);
        double b192 = bound(n, 1);
        double b256 = bound(n, 2);
        if (log2Modulus <= b256) {
            return new Figure(256, Basis.AT_LEAST_256);
        }
        double x = n / log2Modulus;
        int segment = log2Modulus <= b192 ? 1 : 0;
        double x0 = n / (segment == 0 ? b128 : b192);
        double x1 = n / (segment == 0 ? b192 : b256);
        double bits = LEVELS[segment] + (LEVELS[segment + 1] - LEVELS[segment]) * (x - x0) / (x1 - x0);
        return new Figure(Math.max(0, bits), log2Modulus > b128 ? Basis.EXTRAPOLATED_BELOW_128 : Basis.INTERPOLATED);
    }

    /** Column {@code column}'s bound at n, linear in n between the rows around it (n within the table). */
    private static double bound(int n, int column) {
        int row = 0;
        while (row < DIMENSIONS.length - 2 && n > DIMENSIONS[row + 1]) {
            row++;
        }
        double n0 = DIMENSIONS[row];
        double n1 = DIMENSIONS[row + 1];
        double b0 = MAX_LOG2_MODULUS[row][column];
        double b1 = MAX_LOG2_MODULUS[row + 1][column];
        return b0 + (b1 - b0) * (n - n0) / (n1 - n0);
    }

    private static void checkDimension(int n) {
        if (n < MIN_DIMENSION || n > MAX_DIMENSION) {
            throw new IllegalArgumentException("the HE standard table covers n = " + MIN_DIMENSION + " .. "
                    + MAX_DIMENSION + " only, got n = " + n + " (no extrapolation beyond the table)");
        }
    }
}
