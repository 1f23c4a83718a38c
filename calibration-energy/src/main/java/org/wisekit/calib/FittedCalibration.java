package org.wisekit.calib;

/**
 * A fitted calibration with what it was fitted as: the method and the number of classes. This is what
 * {@link Calibrators#save} writes and {@link Calibrators#load} reads back.
 *
 * @param method      the method it was fitted with
 * @param classes     K, the number of logits per row it was fitted on (at least 2)
 * @param calibration the fitted map: of the kind {@code method} fits (checked for this library's calibrations,
 *                    with the class count where the calibration has one)
 */
public record FittedCalibration(Method method, int classes, Calibration calibration) {

    public FittedCalibration {
        if (method == null || calibration == null) {
            throw new IllegalArgumentException("method and calibration must not be null");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2, got " + classes);
        }
        String type = Calibrators.typeOf(calibration);
        if (type != null && !type.equals(Calibrators.typeOf(method))) {
            throw new IllegalArgumentException("a " + calibration.getClass().getSimpleName() + " is not what method "
                    + method.id() + " fits");
        }
        if (calibration instanceof LinearCalibration l && (l.classes() != classes
                || l.diagonal() != (method == Method.VECTOR))) {
            throw new IllegalArgumentException("the linear calibration does not fit method " + method.id() + " with "
                    + classes + " classes");
        }
        if (calibration instanceof HistogramCalibration h && h.classes() != classes) {
            throw new IllegalArgumentException("the histogram calibration has " + h.classes() + " classes, not " + classes);
        }
        if (calibration instanceof BetaCalibration && classes != 2) {
            throw new IllegalArgumentException("a Beta calibration has 2 classes, not " + classes);
        }
    }

    /** Calibrates {@code logits}; {@link IllegalArgumentException} when they do not have {@link #classes()} columns. */
    public Probabilities apply(Logits logits) {
        if (logits.classes() != classes) {
            throw new IllegalArgumentException("the calibrator was fitted on " + classes + " classes, the logits have "
                    + logits.classes());
        }
        return calibration.apply(logits);
    }
}
