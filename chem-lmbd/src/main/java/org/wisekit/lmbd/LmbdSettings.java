package org.wisekit.lmbd;

/**
 * The knobs of lMBD, with TurboGAP's defaults in {@link #defaults()} (radii in angstrom, as TurboGAP's
 * keywords; frequencies in hartree).
 *
 * @param rScs         local SCS radius around each central atom ({@code vdw_scs_rcut}, 5 A); atoms up to twice it
 *                     enter the right-hand side with bare polarizabilities
 * @param buffer       width of the smooth switches ({@code vdw_buffer}, 1 A)
 * @param rLoc         radius within which a central atom's own SCS values of its neighbours are blended with theirs
 *                     ({@code vdw_loc_rcut}, 5 A; 0 turns the blend off; at most rScs)
 * @param rMbd         cutoff of the central atom's couplings ({@code vdw_mbd_rcut}, 15 A)
 * @param rMbd2        cutoff of the couplings between the other atoms of the sphere ({@code vdw_mbd_rcut2}, 8 A)
 * @param r2b          cutoff of the central atom's second-order (two-body) term ({@code vdw_2b_rcut}, 15 A)
 * @param grid         the frequency grid ({@code vdw_mbd_nfreq} 13 points, quadratic to 4 Ha, trapezoid rule)
 * @param order        polynomial order of the log ({@code vdw_mbd_norder}, 6)
 * @param log          how ln(1 + A T) is evaluated: Taylor series (TurboGAP's default), least-squares fit on Lanczos
 *                     bounds, or exactly by eigendecomposition of the sphere (small systems, for checks)
 * @param lanczosSteps Lanczos iterations for the spectral bounds of the fit (20)
 * @param omegaRef     the second SCS frequency as a multiple of the central atom's free frequency
 *                     ({@code vdw_omega_ref}, 1.3)
 * @param beta         Fermi damping range parameter (0.83 for PBE)
 * @param a            Fermi damping steepness (6)
 * @param screening    LOCAL: TurboGAP's local SCS with the two-frequency oscillator fit; FULL: libMBD's dense
 *                     rsSCS on its 15-point grid (O(N^3), for checks)
 * @param threads      threads over atoms
 */
public record LmbdSettings(double rScs, double buffer, double rLoc, double rMbd, double rMbd2, double r2b,
        FrequencyGrid grid, int order, Log log, int lanczosSteps, double omegaRef, double beta, double a,
        Screening screening, int threads) {

    /** How the per-atom log is evaluated. */
    public enum Log {
        /** ln(1 + x) by its Taylor series to {@code order} (TurboGAP's default coefficients). */
        TAYLOR,
        /** A least-squares polynomial of degree {@code order} on [lower, upper] Lanczos bounds of each sphere matrix. */
        FIT,
        /** Exactly, from an eigendecomposition of each sphere matrix (dense, small systems only). */
        EXACT
    }

    /** Which screened polarizabilities feed the MBD step. */
    public enum Screening {
        /** Per-atom local SCS (TurboGAP), linear scaling. */
        LOCAL,
        /** libMBD's full rsSCS of the whole system (cubic scaling), to isolate the locality of the energy step. */
        FULL
    }

    public LmbdSettings {
        positive("rScs", rScs);
        positive("buffer", buffer);
        if (!(rLoc >= 0) || rLoc > rScs) {
            throw new IllegalArgumentException("rLoc must be in [0, rScs = " + rScs + "], got " + rLoc);
        }
        positive("rMbd", rMbd);
        positive("rMbd2", rMbd2);
        positive("r2b", r2b);
        if (rMbd < rScs) {
            throw new IllegalArgumentException("rMbd must be at least rScs = " + rScs + " A, got " + rMbd);
        }
        if (grid == null) {
            throw new IllegalArgumentException("grid is required");
        }
        if (order < 2 || order > 40) {
            throw new IllegalArgumentException("order must be in [2, 40], got " + order);
        }
        if (log == null || screening == null) {
            throw new IllegalArgumentException("log and screening are required");
        }
        if (lanczosSteps < 2) {
            throw new IllegalArgumentException("lanczosSteps must be at least 2, got " + lanczosSteps);
        }
        positive("omegaRef", omegaRef);
        positive("beta", beta);
        positive("a", a);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    private static void positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
    }

    /** TurboGAP's defaults; one thread per available processor. */
    public static LmbdSettings defaults() {
        return new LmbdSettings(5, 1, 5, 15, 8, 15, FrequencyGrid.quadratic(13, 4), 6, Log.TAYLOR, 20, 1.3, 0.83, 6,
                Screening.LOCAL, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The settings under which lMBD is exact: every cutoff at {@code radius} A (beyond the system), the exact log,
     * libMBD's full screening, and {@code grid}; the energy then equals {@link Mbd#acfdt} on the same grid.
     */
    public static LmbdSettings exact(double radius, FrequencyGrid grid) {
        return defaults().withRadii(radius, radius, radius).withGrid(grid).withLog(Log.EXACT)
                .withScreening(Screening.FULL);
    }

    /** rMbd, rMbd2 and r2b replaced (angstrom). */
    public LmbdSettings withRadii(double newRMbd, double newRMbd2, double newR2b) {
        return new LmbdSettings(rScs, buffer, rLoc, newRMbd, newRMbd2, newR2b, grid, order, log, lanczosSteps, omegaRef,
                beta, a, screening, threads);
    }

    public LmbdSettings withScs(double newRScs, double newBuffer, double newRLoc) {
        return new LmbdSettings(newRScs, newBuffer, newRLoc, rMbd, rMbd2, r2b, grid, order, log, lanczosSteps, omegaRef,
                beta, a, screening, threads);
    }

    public LmbdSettings withGrid(FrequencyGrid newGrid) {
        return new LmbdSettings(rScs, buffer, rLoc, rMbd, rMbd2, r2b, newGrid, order, log, lanczosSteps, omegaRef,
                beta, a, screening, threads);
    }

    public LmbdSettings withLog(Log newLog) {
        return new LmbdSettings(rScs, buffer, rLoc, rMbd, rMbd2, r2b, grid, order, newLog, lanczosSteps, omegaRef,
                beta, a, screening, threads);
    }

    public LmbdSettings withOrder(int newOrder) {
        return new LmbdSettings(rScs, buffer, rLoc, rMbd, rMbd2, r2b, grid, newOrder, log, lanczosSteps, omegaRef,
                beta, a, screening, threads);
    }

    public LmbdSettings withScreening(Screening newScreening) {
        return new LmbdSettings(rScs, buffer, rLoc, rMbd, rMbd2, r2b, grid, order, log, lanczosSteps, omegaRef,
                beta, a, newScreening, threads);
    }

    public LmbdSettings withThreads(int newThreads) {
        return new LmbdSettings(rScs, buffer, rLoc, rMbd, rMbd2, r2b, grid, order, log, lanczosSteps, omegaRef,
                beta, a, screening, newThreads);
    }

    /** The radius of each central atom's sphere: max(2 rMbd2 + rLoc, rMbd + rMbd2, r2b) (TurboGAP's, with r2b). */
    public double sphereRadius() {
        return Math.max(Math.max(2 * rMbd2 + rLoc, rMbd + rMbd2), r2b);
    }
}
