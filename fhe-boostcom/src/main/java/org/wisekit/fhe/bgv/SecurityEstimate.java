package org.wisekit.fhe.bgv;

import java.util.Locale;

/**
 * The estimated security of a parameter set by two independent estimates, both for a dense (uniform ternary)
 * secret and error standard deviation 3.2, classical attacks; neither is a proof.
 *
 * <ol>
 *   <li><b>The HE standard's table</b> ({@link HeStandard}): interpolated between its rows n = 1024 .. 32768 and
 *       between its 128/192/256-bit columns; below 128 bits only a labelled extrapolation; no figure for n
 *       outside the table.</li>
 *   <li><b>HElib's formula</b> (HElib 2.x, {@code Context::securityLevel()} calling {@code lweEstimateSecurity}
 *       in {@code src/Context.cpp}; affine fits to the lwe-estimator of August 2020): with s = 3.2 sqrt(m) for
 *       m not a power of two (3.2 for a power of two), log2(1/alpha) = log2(QP) - log2(s) where QP is the product
 *       of the ciphertext and special primes, and x = phi(m) / log2(1/alpha), a dense secret gets
 *       {@code max(0, 3.8 x - 20)} bits.</li>
 * </ol>
 *
 * A set <em>meets</em> a target when both figures reach it ({@link #meets}); {@link #bits()} is the smaller one.
 *
 * @param m               the cyclotomic index (HElib's formula scales the error by sqrt(m) for m not a power of two)
 * @param ringDimension   phi(m)
 * @param log2Modulus     log2(Q P), the largest modulus any key or ciphertext uses
 * @param heStandardBits  the HE standard table's figure (NaN when phi(m) is outside the table)
 * @param heStandardBasis how that figure was obtained (interpolated, extrapolated below 128 bits, ...)
 * @param helibBits       HElib 2.x's formula
 */
public record SecurityEstimate(int m, int ringDimension, double log2Modulus, double heStandardBits,
                               HeStandard.Basis heStandardBasis, double helibBits) {

    /** Below this many bits a set is called insecure outright. */
    public static final int INSECURE_BELOW_BITS = 80;

    /** HElib's constants for a dense secret: bits = SLOPE x + INTERCEPT, x = phi(m) / log2(1/alpha). */
    static final double HELIB_SLOPE = 3.8;
    static final double HELIB_INTERCEPT = -20;

    /** Below this many bits the extrapolations mean nothing; the label only says "toy". */
    private static final int TOY_BELOW_BITS = 20;

    public SecurityEstimate {
        if (m < 3 || ringDimension < 1 || !(log2Modulus > 0) || heStandardBasis == null || !(helibBits >= 0)
                || (heStandardBasis == HeStandard.Basis.OUTSIDE_TABLE) != Double.isNaN(heStandardBits)) {
            throw new IllegalArgumentException("m >= 3, ringDimension >= 1, log2Modulus > 0, a basis, helibBits >= 0 and "
                    + "a NaN HE-standard figure exactly outside the table, got " + m + ", " + ringDimension + ", "
                    + log2Modulus + ", " + heStandardBasis + ", " + heStandardBits + ", " + helibBits);
        }
    }

    /** Both estimates for cyclotomic index m, ring dimension phi(m) and log2(QP). */
    public static SecurityEstimate of(int m, int ringDimension, double log2Modulus) {
        HeStandard.Figure figure = HeStandard.bits(ringDimension, log2Modulus);
        return new SecurityEstimate(m, ringDimension, log2Modulus, figure.bits(), figure.basis(),
                helibBits(m, ringDimension, log2Modulus));
    }

    /** log2 of HElib's error width s: 3.2 sqrt(m) for m not a power of two, 3.2 for a power of two. */
    static double helibLog2ErrorWidth(int m) {
        double s = BgvParameters.ERROR_STD_DEV * (Integer.bitCount(m) == 1 ? 1 : Math.sqrt(m));
        return Math.log(s) / Math.log(2);
    }

    /** HElib 2.x's estimate for a dense secret: max(0, 3.8 phi / (log2 QP - log2 s) - 20). */
    public static double helibBits(int m, int ringDimension, double log2Modulus) {
        double log2AlphaInverse = log2Modulus - helibLog2ErrorWidth(m);
        if (!(log2AlphaInverse > 0)) {
            return 0;
        }
        return Math.max(0, HELIB_SLOPE * ringDimension / log2AlphaInverse + HELIB_INTERCEPT);
    }

    /** The largest log2(QP) for which HElib's formula gives at least {@code bits}. */
    public static double helibAllowedLog2Modulus(int m, int ringDimension, double bits) {
        if (!(bits > 0)) {
            throw new IllegalArgumentException("bits must be positive, got " + bits);
        }
        return HELIB_SLOPE * ringDimension / (bits - HELIB_INTERCEPT) + helibLog2ErrorWidth(m);
    }

    /**
     * The largest log2(QP) for which both estimates give at least {@code bits}; throws when phi(m) is outside the
     * HE standard's table (which gives no figure there).
     */
    public static double allowedLog2Modulus(int m, int ringDimension, double bits) {
        return Math.min(HeStandard.allowedLog2Modulus(ringDimension, bits),
                helibAllowedLog2Modulus(m, ringDimension, bits));
    }

    /** The smaller of the two estimates (NaN when the HE standard has no figure). */
    public double bits() {
        return Math.min(heStandardBits, helibBits);
    }

    /** True when both estimates reach {@code targetBits} (so never outside the HE standard's table). */
    public boolean meets(double targetBits) {
        return heStandardBasis != HeStandard.Basis.OUTSIDE_TABLE && heStandardBits >= targetBits
                && helibBits >= targetBits;
    }

    /** True when both estimates reach 128 bits (the default that {@link BgvParameters#create} requires). */
    public boolean meetsStandard() {
        return meets(128);
    }

    /** The highest column (128, 192, 256) whose interpolated HE-standard bound the modulus meets, else 0. */
    public int standardBits() {
        if (heStandardBasis == HeStandard.Basis.OUTSIDE_TABLE || heStandardBasis == HeStandard.Basis.EXTRAPOLATED_BELOW_128) {
            return 0;
        }
        return heStandardBits >= 256 ? 256 : heStandardBits >= 192 - 1e-9 ? 192 : 128;
    }

    /** One line for humans, stating both estimates and how the table's figure was obtained. */
    public String label() {
        String helib = String.format(Locale.ROOT, "HElib formula: %.1f bits", helibBits);
        if (heStandardBasis == HeStandard.Basis.OUTSIDE_TABLE) {
            if (ringDimension < HeStandard.MIN_DIMENSION) {
                return String.format(Locale.ROOT, "INSECURE toy set: phi(m) = %d is below the HE standard table's "
                        + "smallest n = %d (%s)", ringDimension, HeStandard.MIN_DIMENSION, helib);
            }
            return String.format(Locale.ROOT, "no HE-standard figure: phi(m) = %d is above the table's largest n = %d "
                    + "(no extrapolation); %s, log2 QP = %.1f", ringDimension, HeStandard.MAX_DIMENSION, helib,
                    log2Modulus);
        }
        double bound128 = HeStandard.interpolatedMaxLog2Modulus(ringDimension, 128);
        String table = String.format(Locale.ROOT, "HE standard: %s%.1f bits (%s), n = %d, log2 QP = %.1f, 128-bit "
                        + "bound %.1f", heStandardBasis == HeStandard.Basis.AT_LEAST_256 ? ">= " : "", heStandardBits,
                basisText(), ringDimension, log2Modulus, bound128);
        if (meets(128)) {
            int level = Math.min(standardBits(), helibBits >= 256 ? 256 : helibBits >= 192 ? 192 : 128);
            return level + "-bit (" + table + "; " + helib + ")";
        }
        double bits = bits();
        if (bits < TOY_BELOW_BITS) {
            return String.format(Locale.ROOT, "INSECURE toy set: log2 QP = %.1f against the 128-bit bound %.1f at "
                    + "n = %d (%s)", log2Modulus, bound128, ringDimension, helib);
        }
        String estimate = String.format(Locale.ROOT, "~%.0f bits [EST: %s; %s]", Math.floor(bits), table, helib);
        return (bits < INSECURE_BELOW_BITS ? "INSECURE, " : "below 128-bit, ") + estimate;
    }

    private String basisText() {
        return switch (heStandardBasis) {
            case INTERPOLATED -> "table, interpolated";
            case EXTRAPOLATED_BELOW_128 -> "extrapolated below the table's 128 bits";
            case AT_LEAST_256 -> "table";
            case OUTSIDE_TABLE -> "outside the table";
        };
    }
}
