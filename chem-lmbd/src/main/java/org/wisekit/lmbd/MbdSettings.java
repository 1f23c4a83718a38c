package org.wisekit.lmbd;

/**
 * Settings of full MBD@rsSCS (libMBD's defaults in {@link #defaults()}).
 *
 * @param beta    range-separation parameter of the Fermi damping, beta (0.83 for PBE)
 * @param a       steepness of the Fermi damping (6)
 * @param grid    the frequency grid of the screening (libMBD: 15-point Gauss-Legendre, L = 0.6, plus u = 0)
 * @param threads threads used for the screening solves (one frequency per task)
 */
public record MbdSettings(double beta, double a, FrequencyGrid grid, int threads) {

    public MbdSettings {
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be positive and finite, got " + beta);
        }
        if (!(a > 0) || Double.isInfinite(a)) {
            throw new IllegalArgumentException("a must be positive and finite, got " + a);
        }
        if (grid == null || grid.point(0) != 0) {
            throw new IllegalArgumentException("grid must start at u = 0 (the static polarizability), got " + grid);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** beta 0.83 (PBE), a 6, libMBD's grid, one thread per available processor. */
    public static MbdSettings defaults() {
        return new MbdSettings(0.83, 6, FrequencyGrid.libmbd(), Runtime.getRuntime().availableProcessors());
    }

    public MbdSettings withBeta(double value) {
        return new MbdSettings(value, a, grid, threads);
    }

    public MbdSettings withThreads(int value) {
        return new MbdSettings(beta, a, grid, value);
    }
}
