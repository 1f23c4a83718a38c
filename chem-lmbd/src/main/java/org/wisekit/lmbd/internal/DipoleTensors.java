package org.wisekit.lmbd.internal;

import org.apache.commons.math3.special.Erf;

/**
 * The dipole interaction tensors of MBD in libMBD's sign convention, T = (R^2 I - 3 R R^T) / R^5 (the second
 * derivative of 1/R is -T), written into 3x3 blocks of a row-major matrix.
 */
public final class DipoleTensors {

    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private DipoleTensors() {
    }

    /** The Fermi damping function f = 1 / (1 + exp(-a (r / s - 1))). */
    public static double fermi(double r, double s, double a) {
        return 1 / (1 + Math.exp(-a * (r / s - 1)));
    }

    /**
     * Writes {@code scale * T_bare(r)} for the separation vector (x, y, z) into {@code out[offset..offset+8]}
     * (row-major 3x3).
     */
    public static void bare(double x, double y, double z, double scale, double[] out, int offset) {
        double r2 = x * x + y * y + z * z;
        double r = Math.sqrt(r2);
        double inv5 = scale / (r2 * r2 * r);
        double[] d = {x, y, z};
        // Upper triangle, mirrored: the block is exactly symmetric.
        for (int a = 0; a < 3; a++) {
            for (int b = a; b < 3; b++) {
                double value = ((a == b ? r2 : 0) - 3 * d[a] * d[b]) * inv5;
                out[offset + 3 * a + b] = value;
                out[offset + 3 * b + a] = value;
            }
        }
    }

    /**
     * Writes {@code scale * T_GG(r, sigma)}, the dipole tensor between two Gaussian charge distributions of combined
     * width {@code sigma} (libMBD's {@code T_erf_coulomb}): (erf(zeta) - theta) T_bare + 2 zeta^2 theta R R^T / R^5
     * with zeta = R / sigma and theta = 2 zeta exp(-zeta^2) / sqrt(pi).
     */
    public static void gaussian(double x, double y, double z, double sigma, double scale, double[] out, int offset) {
        double r2 = x * x + y * y + z * z;
        double r = Math.sqrt(r2);
        double zeta = r / sigma;
        double theta = TWO_OVER_SQRT_PI * zeta * Math.exp(-zeta * zeta);
        double bareFactor = (Erf.erf(zeta) - theta) * scale / (r2 * r2 * r);
        double rrFactor = 2 * zeta * zeta * theta * scale / (r2 * r2 * r);
        double[] d = {x, y, z};
        for (int a = 0; a < 3; a++) {
            for (int b = a; b < 3; b++) {
                double value = bareFactor * ((a == b ? r2 : 0) - 3 * d[a] * d[b]) + rrFactor * d[a] * d[b];
                out[offset + 3 * a + b] = value;
                out[offset + 3 * b + a] = value;
            }
        }
    }
}
