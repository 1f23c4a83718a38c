package org.wisekit.calib;

/** A fitted calibration map: logits in, probabilities out. Immutable and thread-safe. */
public interface Calibration {

    /** The calibrated probabilities of every row of {@code logits} (labels are not used). */
    Probabilities apply(Logits logits);

    /** The fitted parameters in one line, e.g. {@code "T = 1.84"}. */
    String describe();
}
