package org.wisekit.fhe.bgv;

/**
 * The estimated security of a parameter set against the HomomorphicEncryption.org standard's table for
 * ternary secrets (see {@link HeStandard}).
 *
 * @param ringDimension    phi(m)
 * @param log2Modulus      log2(Q P), the largest modulus any key or ciphertext uses
 * @param tableDimension   the table row used: the largest tabulated n &lt;= phi(m), 0 when phi(m) &lt; 1024
 * @param standardBits     the highest level of that row (128, 192 or 256) whose bound log2(QP) meets, else 0
 * @param extrapolatedBits an estimate from the table's near-linear dependence of security on
 *                         n / log2(QP), extrapolated below 128 bits where the table says nothing;
 *                         clamped at 0. An estimate, not a proof.
 */
public record SecurityEstimate(int ringDimension, double log2Modulus, int tableDimension, int standardBits,
                               double extrapolatedBits) {

    /** Below this many bits a set is called insecure outright (it is toy-sized). */
    public static final int INSECURE_BELOW_BITS = 80;

    /** Below this many bits the linear extrapolation means nothing; the label only says "toy". */
    private static final int TOY_BELOW_BITS = 20;

    public SecurityEstimate {
        if (ringDimension < 1 || !(log2Modulus > 0) || !(extrapolatedBits >= 0)) {
            throw new IllegalArgumentException("ringDimension, log2Modulus must be positive and extrapolatedBits >= 0, got "
                    + ringDimension + ", " + log2Modulus + ", " + extrapolatedBits);
        }
    }

    /** True when the HE standard's table certifies at least 128 bits. */
    public boolean meetsStandard() {
        return standardBits >= 128;
    }

    /** One line for humans, e.g. {@code "128-bit (HE standard ternary table, n = 16384, log2 QP = 400.0 <= 438)"}. */
    public String label() {
        if (meetsStandard()) {
            return standardBits + "-bit (HE standard ternary table, n = " + tableDimension + ", log2 QP = "
                    + String.format("%.1f", log2Modulus) + " <= " + HeStandard.maxLog2Modulus(tableDimension, standardBits)
                    + ")";
        }
        if (tableDimension == 0) {
            return "INSECURE toy set: phi(m) = " + ringDimension + " is below the table's smallest n = 1024";
        }
        if (extrapolatedBits < TOY_BELOW_BITS) {
            return String.format("INSECURE toy set: log2 QP = %.1f against the 128-bit bound %d at n = %d", log2Modulus,
                    HeStandard.maxLog2Modulus(tableDimension, 128), tableDimension);
        }
        String estimate = String.format("~%.0f bits [EST: extrapolated below the HE standard table]", extrapolatedBits);
        return (extrapolatedBits < INSECURE_BELOW_BITS ? "INSECURE, " : "below 128-bit, ") + estimate;
    }
}
