package org.wisekit.calib.cli;

import org.wisekit.calib.Calibrator;
import org.wisekit.calib.DirichletCalibrator;
import org.wisekit.calib.HistogramBinning;
import org.wisekit.calib.MatrixScaling;
import org.wisekit.calib.Method;
import picocli.CommandLine.Option;

/** The settings of the methods that have any, shared by {@code fit} and {@code compare}. */
final class MethodOptions {

    @Option(names = "--hist-bins", paramLabel = "B", description = "Bins of histogram binning (hist; default: ${DEFAULT-VALUE}).",
            defaultValue = "" + HistogramBinning.DEFAULT_BINS)
    int histogramBins;

    @Option(names = "--l2", paramLabel = "L", defaultValue = "0",
            description = "L2 penalty on the weights and biases of matrix scaling (matrix; default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--lambda", paramLabel = "L", defaultValue = "" + DirichletCalibrator.DEFAULT_LAMBDA,
            description = "ODIR off-diagonal penalty of Dirichlet calibration (dirichlet; default: ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--mu", paramLabel = "M", defaultValue = "" + DirichletCalibrator.DEFAULT_LAMBDA,
            description = "ODIR intercept penalty of Dirichlet calibration (dirichlet; default: ${DEFAULT-VALUE}).")
    double mu;

    /** The calibrator of {@code method} with these settings. */
    Calibrator calibrator(Method method) {
        return switch (method) {
            case HISTOGRAM -> {
                if (histogramBins < 1) {
                    throw new IllegalArgumentException("--hist-bins must be >= 1, got " + histogramBins);
                }
                yield new HistogramBinning(histogramBins);
            }
            case MATRIX -> {
                check(l2, "--l2");
                yield new MatrixScaling(l2);
            }
            case DIRICHLET -> {
                check(lambda, "--lambda");
                check(mu, "--mu");
                yield new DirichletCalibrator(lambda, mu);
            }
            default -> method.calibrator();
        };
    }

    private static void check(double value, String name) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
    }
}
