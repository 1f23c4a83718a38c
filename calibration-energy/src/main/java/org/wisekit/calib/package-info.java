/**
 * Post-hoc calibration of classifier logits, centred on energy-based instance-wise temperature scaling
 * (Mijoo Kim and Junseok Kwon, "Uncertainty Calibration with Energy Based Instance-wise Scaling in the Wild Dataset",
 * ECCV 2024, arXiv 2407.12330).
 *
 * <p>A {@link org.wisekit.calib.Calibrator} is fitted on ID validation {@link org.wisekit.calib.Logits}
 * (and OOD tuning logits where the method uses them) and returns a {@link org.wisekit.calib.Calibration},
 * which maps logits to {@link org.wisekit.calib.Probabilities}. Methods: {@link org.wisekit.calib.Uncalibrated},
 * {@link org.wisekit.calib.TemperatureScaling}, {@link org.wisekit.calib.EnsembleTemperatureScaling},
 * {@link org.wisekit.calib.IsotonicCalibrator} (IRM, IROvA, IROvA-TS), {@link org.wisekit.calib.EnergyScaling}
 * and the further baselines {@link org.wisekit.calib.HistogramBinning} (Zadrozny and Elkan 2001),
 * {@link org.wisekit.calib.VectorScaling} and {@link org.wisekit.calib.MatrixScaling} (Guo et al. 2017),
 * {@link org.wisekit.calib.DirichletCalibrator} (Kull et al. 2019, ODIR) and {@link org.wisekit.calib.BetaCalibrator}
 * (Kull, Silva Filho and Flach 2017; two classes); {@link org.wisekit.calib.Method} names them for the CLI.
 * {@link org.wisekit.calib.Calibrators} fits a method and saves the {@link org.wisekit.calib.FittedCalibration} as
 * JSON, or loads one back, so that a calibration is fitted once and applied later.
 * {@link org.wisekit.calib.CalibrationMetrics} scores probabilities (ECE, adaptive ECE, NLL, Brier,
 * accuracy; OOD rows are never correct) and {@link org.wisekit.calib.ReliabilityDiagram} bins them.
 * {@link org.wisekit.calib.LogitFiles} reads user CSV / .npy files with one-line errors naming file and
 * line, and writes calibrated probabilities atomically.
 *
 * <p>Sub-packages: {@code shift} (ten CIFAR-10-C-style corruptions of grey images at five severities, the
 * "Fashion-MNIST-C" of the reproduction; pure Java, usable on your own images), {@code internal} (softmax
 * kernels, losses, pool-adjacent-violators, the simplex QP and the linear-softmax NLL). The NLL fits use the shared
 * L-BFGS {@link org.wisekit.tensor.optim.Lbfgs} of wisekit-tensor. The library needs only Commons Math, org.json,
 * wisekit-tensor and wisekit-datasets (its {@code .npy} and atomic-write helpers).
 *
 * <p>The tool {@code wisekit calib} ({@code fit}, {@code apply}, {@code compare}) lives in {@code org.wisekit.calib.cli} and the reproduction
 * {@code calibration-energy/wild} in {@code org.wisekit.calib.repro}; they need wisekit-harness, picocli,
 * DL4J and wisekit-tensor-nd4j, optional dependencies of this artifact.
 *
 * <p>All values are immutable records (arrays inside are shared, not copied); calibrators and fitted
 * calibrations are stateless and thread-safe.
 */
package org.wisekit.calib;
