package org.wisekit.calib;

import org.wisekit.calib.internal.Softmax;
import org.wisekit.tensor.optim.Lbfgs;

/**
 * Beta calibration for two classes (Kull, Silva Filho and Flach, "Beta calibration: a well-founded and
 * easily implemented improvement on logistic calibration for binary classifiers", AISTATS 2017), the
 * three-parameter "abm" model: a logistic regression of the label on the two features {@code ln s} and
 * {@code -ln(1 - s)}, {@code s = softmax(z)_1}, giving {@link BetaCalibration}
 * {@code q_1 = sigmoid(a ln s - b ln(1 - s) + c)}.
 *
 * <p>The fit minimises the mean log-loss without a penalty (the authors' {@code betacal} package uses an
 * almost unpenalised scikit-learn logistic regression) by L-BFGS from the identity {@code a = b = 1, c = 0}.
 * As in {@code betacal}, the map must be monotone: if the fitted a is negative, the model is refitted with
 * {@code a = 0} (the feature {@code -ln(1 - s)} alone); otherwise if b is negative, with {@code b = 0}.
 *
 * <p>Refuses logits with other than 2 classes.
 */
public record BetaCalibrator() implements Calibrator {

    static final int MAX_ITERATIONS = 1000;

    @Override
    public String name() {
        return "Beta";
    }

    @Override
    public BetaCalibration fit(Logits validation) {
        return fit(validation, Logits.empty(validation.classes()));
    }

    @Override
    public BetaCalibration fit(Logits validation, Logits oodTuning) {
        return fit(validation, oodTuning, FitListener.NONE);
    }

    @Override
    public BetaCalibration fit(Logits validation, Logits oodTuning, FitListener listener) {
        if (validation.classes() != 2) {
            throw new IllegalArgumentException("Beta calibration needs 2 classes, got " + validation.classes()
                    + "; use it on binary classifiers only");
        }
        validation.requireLabelled("validation");
        int n = validation.size();
        double[] lnS = new double[n];
        double[] minusLn1mS = new double[n];
        double[] y = new double[n];
        double[] z = validation.values();
        for (int i = 0; i < n; i++) {
            double lse = Softmax.logSumExp(z, 2 * i, 2, 1.0);
            lnS[i] = z[2 * i + 1] - lse;
            minusLn1mS[i] = -(z[2 * i] - lse);
            y[i] = validation.labels()[i];
        }
        double[] abc = logistic(lnS, minusLn1mS, y, true, true, listener);
        if (abc[0] < 0) {
            abc = logistic(lnS, minusLn1mS, y, false, true, listener);
        } else if (abc[1] < 0) {
            abc = logistic(lnS, minusLn1mS, y, true, false, listener);
        }
        return new BetaCalibration(abc[0], abc[1], abc[2]);
    }

    /**
     * Minimises {@code (1/N) sum_i [log(1 + exp(eta_i)) - y_i eta_i]}, {@code eta = a x1 + b x2 + c}, over the
     * used parameters (an unused weight stays 0). Returns {a, b, c}.
     */
    static double[] logistic(double[] x1, double[] x2, double[] y, boolean useA, boolean useB, FitListener listener) {
        int n = y.length;
        Lbfgs.Objective objective = (theta, gradient) -> {
            double a = useA ? theta[0] : 0;
            double b = useB ? theta[1] : 0;
            double c = theta[2];
            double loss = 0;
            double ga = 0;
            double gb = 0;
            double gc = 0;
            for (int i = 0; i < n; i++) {
                double eta = a * x1[i] + b * x2[i] + c;
                loss += softplus(eta) - y[i] * eta;
                double r = BetaCalibration.sigmoid(eta) - y[i];
                ga += r * x1[i];
                gb += r * x2[i];
                gc += r;
            }
            gradient[0] = useA ? ga / n : 0;
            gradient[1] = useB ? gb / n : 0;
            gradient[2] = gc / n;
            return loss / n;
        };
        double[] start = {useA ? 1 : 0, useB ? 1 : 0, 0};
        Lbfgs.Result result = Lbfgs.minimise(objective, start, MAX_ITERATIONS, 1e-10,
                (i, v) -> listener.iteration(i, MAX_ITERATIONS, v));
        return result.point();
    }

    /** {@code log(1 + exp(x))} without overflow. */
    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }
}
