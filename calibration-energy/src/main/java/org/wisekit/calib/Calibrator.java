package org.wisekit.calib;

/**
 * A post-hoc calibration method: fitted on held-out in-distribution validation logits with their labels
 * (and, for the methods that use them, logits of semantic out-of-distribution tuning inputs), it returns
 * a {@link Calibration} that maps logits to probabilities.
 *
 * <p>Implementations are immutable and thread-safe; {@link #fit} does not change the calibrator.
 */
public interface Calibrator {

    /** Short display name, e.g. "TS". */
    String name();

    /**
     * Fits the method.
     *
     * @param validation labelled in-distribution logits (no {@link Logits#NO_CLASS} rows, not empty)
     * @param oodTuning  logits of out-of-distribution tuning inputs (their labels are ignored); may be
     *                   empty; methods that do not use OOD data ignore it
     */
    Calibration fit(Logits validation, Logits oodTuning);

    /**
     * Fits the method, reporting each iteration of an iterative fit to {@code listener} (the default
     * ignores it: only vector, matrix, Dirichlet and Beta fits iterate).
     */
    default Calibration fit(Logits validation, Logits oodTuning, FitListener listener) {
        return fit(validation, oodTuning);
    }

    /** Fits on validation logits alone. */
    default Calibration fit(Logits validation) {
        return fit(validation, Logits.empty(validation.classes()));
    }
}
