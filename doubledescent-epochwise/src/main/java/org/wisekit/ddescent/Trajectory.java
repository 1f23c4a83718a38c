package org.wisekit.ddescent;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.wisekit.ddescent.internal.Checks;

/**
 * Snapshots of a network along training: {@code states.get(k)} at flow time {@code times[k]} (for gradient
 * descent, step count times step size).
 *
 * @param times the times, non-decreasing
 * @param states the networks, one per time
 */
public record Trajectory(double[] times, List<LinearNet> states) {

    /**
     * Copies and checks.
     *
     * @throws IllegalArgumentException when the lengths differ
     */
    public Trajectory {
        times = Objects.requireNonNull(times, "times").clone();
        states = List.copyOf(Objects.requireNonNull(states, "states"));
        Checks.sameLength("times", times.length, "states", states.size());
    }

    /**
     * The times.
     *
     * @return a copy
     */
    @Override
    public double[] times() {
        return times.clone();
    }

    /**
     * A quantity at every snapshot, for instance {@code data::testError}.
     *
     * @param f the quantity
     * @return one value per snapshot
     */
    public double[] map(ToDoubleFunction<LinearNet> f) {
        Objects.requireNonNull(f, "f");
        double[] out = new double[states.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = f.applyAsDouble(states.get(k));
        }
        return out;
    }

    /**
     * The last snapshot.
     *
     * @return the network at the last time
     */
    public LinearNet last() {
        return states.get(states.size() - 1);
    }
}
