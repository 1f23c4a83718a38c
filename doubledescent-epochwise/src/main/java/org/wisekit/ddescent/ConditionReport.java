package org.wisekit.ddescent;

import java.util.List;
import java.util.Objects;

/**
 * The necessary conditions of {@link Conditions} evaluated on one curve.
 *
 * @param c1 some mode overfits: its target lies strictly between z(0) and {@code sigma / lambda}
 * @param c2 separated time scales: at some grid step inside an overfitting mode's rise window the other modes
 *     still descend by more than that mode rises (plus the detector's tolerance); see {@link Conditions}
 * @param overfittingModes indices of the modes that satisfy C1, increasing
 * @param crossingTimes for each overfitting mode (same order), the first grid time at which its coefficient
 *     has reached its target, where its rise window starts; NaN when that happens after the last grid time
 * @param c2Mode the overfitting mode of the first step (in time) where C2 holds, -1 when C2 fails
 * @param c2Partner the mode that descends most at that step, -1 when C2 fails
 * @param c2Time the grid time at the start of that step, NaN when C2 fails
 */
public record ConditionReport(boolean c1, boolean c2, List<Integer> overfittingModes, List<Double> crossingTimes,
        int c2Mode, int c2Partner, double c2Time) {

    /**
     * Copies the lists and checks that they have the same length.
     *
     * @throws IllegalArgumentException when the lists differ in length
     */
    public ConditionReport {
        overfittingModes = List.copyOf(Objects.requireNonNull(overfittingModes, "overfittingModes"));
        crossingTimes = List.copyOf(Objects.requireNonNull(crossingTimes, "crossingTimes"));
        if (overfittingModes.size() != crossingTimes.size()) {
            throw new IllegalArgumentException("overfittingModes (length " + overfittingModes.size()
                    + ") and crossingTimes (length " + crossingTimes.size() + ") must have the same length");
        }
    }

    /**
     * Whether both necessary conditions hold.
     *
     * @return {@code c1 && c2}
     */
    public boolean both() {
        return c1 && c2;
    }
}
