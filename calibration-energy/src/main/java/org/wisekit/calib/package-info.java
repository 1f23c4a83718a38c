/**
 * Post-hoc calibration of classifier logits, centred on energy-based instance-wise temperature scaling
 * (Kim &amp; Kwon, "Uncertainty Calibration with Energy Based Instance-wise Scaling in the Wild Dataset",
 * ECCV 2024, arXiv 2407.12330).
 *
 * <p>A {@link org.wisekit.calib.Calibrator} is fitted on ID validation {@link org.wisekit.calib.Logits}
 * (and OOD tuning logits where the method uses them) and returns a {@link org.wisekit.calib.Calibration},
 * which maps logits to {@link org.wisekit.calib.Probabilities}. Methods: {@link org.wisekit.calib.Uncalibrated},
 * {@link org.wisekit.calib.TemperatureScaling}, {@link org.wisekit.calib.EnsembleTemperatureScaling},
 * {@link org.wisekit.calib.IsotonicCalibrator} (IRM, IROvA, IROvA-TS) and
 * {@link org.wisekit.calib.EnergyScaling}; {@link org.wisekit.calib.Method} names them for the CLI.
 * {@link org.wisekit.calib.CalibrationMetrics} scores probabilities (ECE, adaptive ECE, NLL, Brier,
 * accuracy; OOD rows are never correct) and {@link org.wisekit.calib.ReliabilityDiagram} bins them.
 * {@link org.wisekit.calib.LogitFiles} reads user CSV / .npy files with one-line errors naming file and
 * line. The tool is {@code wisekit calib fit} ({@link org.wisekit.calib.FitCommand}); the reproduction is
 * {@code calibration-energy/wild} ({@link org.wisekit.calib.WildReproduction}).
 *
 * <p>Sub-packages: {@code shift} (Fashion-MNIST-C corruptions), {@code wild} (the reproduction's classifier,
 * data sets, logit cache and scoring), {@code internal} (softmax kernels, losses, pool-adjacent-violators,
 * the simplex QP, the .npy codec).
 *
 * <p>All values are immutable records (arrays inside are shared, not copied); calibrators and fitted
 * calibrations are stateless and thread-safe.
 */
package org.wisekit.calib;
