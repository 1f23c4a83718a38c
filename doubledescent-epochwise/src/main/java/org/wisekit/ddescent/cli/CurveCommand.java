package org.wisekit.ddescent.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wisekit.datasets.io.AtomicFiles;
import org.wisekit.ddescent.ConditionReport;
import org.wisekit.ddescent.Conditions;
import org.wisekit.ddescent.DoubleDescent;
import org.wisekit.ddescent.LogGrid;
import org.wisekit.ddescent.Mode;
import org.wisekit.ddescent.ModeDynamics;
import org.wisekit.ddescent.TestError;
import org.wisekit.harness.Json;
import org.wisekit.harness.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit ddescent curve --sigma 1.16,2.75 --lambda 6.23,0.0474 --target-ratio 0.6,1 --gamma 1e-3}: the
 * test error {@code E_gen(t) = sum_i lambdaTest_i (z_i(t) - zTarget_i)^2} (without constant) of the two-layer
 * closed form (reconstructed) and of linear regression on the same modes, on a log grid, with the appendix
 * detector (count and second descent) and the necessary conditions C1/C2 on each curve.
 *
 * <p>{@code zTarget_i = ratio_i sigma_i / lambda_i}; {@code lambdaTest} defaults to {@code lambda}. Linear
 * regression is {@code z = (sigma/lambda)(1 - e^{-rate lambda t}) + z0 e^{-rate lambda t}} with
 * {@code rate = --lr-rate} (default: {@code --eta}). {@code --gd-step h} adds the scalar discrete gradient
 * descent of each mode's two factors ({@code a <- a + h eta b (sigma - lambda a b)},
 * {@code b <- b + h eta a (sigma - lambda a b)}, both from the old values, started from
 * {@link ModeDynamics#initialFactors} so that {@code a0 b0 = z0} with imbalance gamma), read at step
 * {@code round(t / h)} for each grid time; grid times beyond {@code --gd-max-steps} steps are left out. {@code --out}
 * writes the CSV {@code t,e_two_layer,e_linear_regression[,e_gd]} (an empty {@code e_gd} field where the descent
 * was not run).
 */
@Command(name = "curve", mixinStandardHelpOptions = true,
        description = {"Test-error curves of given modes: two-layer closed form vs linear regression, double-descent"
                + " flags and the necessary conditions C1/C2.",
                "E_gen(t) = sum_i lambdaTest_i (z_i(t) - zTarget_i)^2 with zTarget_i = ratio_i sigma_i / lambda_i."})
public final class CurveCommand implements Callable<Integer> {

    @ParentCommand
    DdescentCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--sigma", required = true, split = ",", paramLabel = "S,S,...",
            description = "Singular values of Sigma_yx, one per mode.")
    double[] sigma;

    @Option(names = "--lambda", required = true, split = ",", paramLabel = "L,L,...",
            description = "Eigenvalues of Sigma_xx (> 0), one per mode.")
    double[] lambda;

    @Option(names = "--target-ratio", required = true, split = ",", paramLabel = "R,R,...",
            description = "zTarget / (sigma / lambda) per mode (1: the mode does not overfit).")
    double[] targetRatio;

    @Option(names = "--gamma", required = true, paramLabel = "G",
            description = "Initialisation imbalance (>= 0; small: two-layer regime, large: linear-regression-like).")
    double gamma;

    @Option(names = "--eta", defaultValue = "1", paramLabel = "ETA", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double eta;

    @Option(names = "--z0", defaultValue = "1e-4", paramLabel = "Z", description = "Initial coefficient of every mode (default: ${DEFAULT-VALUE}).")
    double z0;

    @Option(names = "--lambda-test", split = ",", paramLabel = "L,L,...",
            description = "Population eigenvalues (>= 0), one per mode (default: --lambda).")
    double[] lambdaTest;

    @Option(names = "--lr-rate", paramLabel = "R", description = "Learning rate of the linear-regression curve (default: --eta).")
    Double lrRate;

    @Option(names = "--t-min", defaultValue = "1e-4", paramLabel = "T", description = "First grid time, > 0 (default: ${DEFAULT-VALUE}).")
    double tMin;

    @Option(names = "--t-max", defaultValue = "1e8", paramLabel = "T", description = "Last grid time (default: ${DEFAULT-VALUE}).")
    double tMax;

    @Option(names = "--points", defaultValue = "12000", paramLabel = "N", description = "Log-spaced grid points (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--tolerance", defaultValue = "1e-6", paramLabel = "TOL",
            description = "Detector tolerance relative to max E_gen (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--gd-step", paramLabel = "H", description = "Add the scalar discrete gradient descent per mode with this step.")
    Double gdStep;

    @Option(names = "--gd-max-steps", defaultValue = "100000000", paramLabel = "N",
            description = "Most descent steps per mode; later grid times get no e_gd (default: ${DEFAULT-VALUE}).")
    long gdMaxSteps;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the CSV t,e_two_layer,e_linear_regression[,e_gd].")
    Path out;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        List<Mode> modes = modes();
        double rate = lrRate == null ? eta : lrRate;
        positive("--lr-rate", rate);
        if (!(tMin > 0) || !Double.isFinite(tMin)) {
            throw new IllegalArgumentException("--t-min must be > 0 (the grid is logarithmic), got " + tMin);
        }
        if (!(tMax > tMin) || !Double.isFinite(tMax)) {
            throw new IllegalArgumentException("--t-max must be finite and > --t-min = " + tMin + ", got " + tMax);
        }
        if (points < 2) {
            throw new IllegalArgumentException("--points must be >= 2, got " + points);
        }
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("--tolerance must be finite and >= 0, got " + tolerance);
        }
        if (gdStep != null) {
            positive("--gd-step", gdStep);
            if (gdMaxSteps < 1) {
                throw new IllegalArgumentException("--gd-max-steps must be >= 1, got " + gdMaxSteps);
            }
        }
        double[] times = LogGrid.of(tMin, tMax, points);
        double[] twoLayer = TestError.twoLayer(modes, gamma, eta, times);
        double[] lr = TestError.linearRegression(modes, rate, times);
        DoubleDescent.Detection d2 = DoubleDescent.detect(twoLayer, times, tolerance);
        DoubleDescent.Detection dLr = DoubleDescent.detect(lr, times, tolerance);
        ConditionReport c2 = Conditions.twoLayer(modes, gamma, eta, times, tolerance);
        ConditionReport cLr = Conditions.linearRegression(modes, rate, times, tolerance);
        double[] gd = gdStep == null ? null : discreteDescent(modes, times);

        if (out != null) {
            StringBuilder csv = new StringBuilder(gd == null ? "t,e_two_layer,e_linear_regression\n"
                    : "t,e_two_layer,e_linear_regression,e_gd\n");
            for (int k = 0; k < times.length; k++) {
                csv.append(Values.csv(times[k])).append(',').append(Values.csv(twoLayer[k])).append(',')
                        .append(Values.csv(lr[k]));
                if (gd != null) {
                    csv.append(',').append(Values.csv(gd[k]));
                }
                csv.append('\n');
            }
            AtomicFiles.writeString(out, csv.toString());
        }

        Map<String, Object> gdJson = null;
        String gdText = null;
        if (gd != null) {
            int covered = 0;
            while (covered < gd.length && Double.isFinite(gd[covered])) {
                covered++;
            }
            double max = 0;
            double gap = 0;
            for (int k = 0; k < times.length; k++) {
                max = Math.max(max, Math.abs(twoLayer[k]));
            }
            for (int k = 0; k < covered; k++) {
                gap = Math.max(gap, Math.abs(gd[k] - twoLayer[k]));
            }
            double relGap = max > 0 ? gap / max : gap;
            gdJson = new LinkedHashMap<>();
            gdJson.put("stepSize", gdStep);
            gdJson.put("maxSteps", gdMaxSteps);
            gdJson.put("points", covered);
            gdJson.put("coveredUntil", covered == 0 ? null : times[covered - 1]);
            gdJson.put("maxGapRelativeToMax", covered == 0 ? null : relGap);
            DoubleDescent.Detection dGd = covered < 2 ? null
                    : DoubleDescent.detect(Arrays.copyOf(gd, covered),
                            Arrays.copyOf(times, covered), tolerance);
            gdJson.put("detection", dGd == null ? null : Values.detection(dGd));
            gdText = String.format(Locale.ROOT, "discrete GD (step %s): %d of %d grid points (t <= %s), max |E_gd -"
                    + " E_two_layer| = %.3g of max E_gen%s", gdStep, covered, times.length,
                    covered == 0 ? "-" : String.format(Locale.ROOT, "%.4g", times[covered - 1]), relGap,
                    dGd == null ? "" : "; " + Values.detectionLine(dGd));
            if (covered < times.length) {
                spec.commandLine().getErr().printf(Locale.ROOT, "note: discrete GD stops after %d steps (t = %.4g);"
                        + " raise --gd-max-steps or --gd-step to cover t-max%n", gdMaxSteps, gdMaxSteps * gdStep);
            }
        }

        PrintWriter pw = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            List<Object> ms = new ArrayList<>();
            for (Mode m : modes) {
                Map<String, Object> mm = Values.mode(m);
                mm.put("overfits", Conditions.overfits(m));
                ms.add(mm);
            }
            o.put("modes", ms);
            o.put("gamma", gamma);
            o.put("eta", eta);
            o.put("lrRate", rate);
            o.put("tolerance", tolerance);
            Map<String, Object> grid = new LinkedHashMap<>();
            grid.put("tMin", tMin);
            grid.put("tMax", tMax);
            grid.put("points", points);
            o.put("grid", grid);
            o.put("twoLayer", curveJson(d2, c2, twoLayer));
            o.put("linearRegression", curveJson(dLr, cLr, lr));
            o.put("gd", gdJson);
            o.put("out", out == null ? null : out.toString());
            pw.println(Json.write(o));
        } else {
            pw.printf(Locale.ROOT, "%d modes, gamma %s, eta %s, z0 %s; grid %s..%s (%d points, log)%n", modes.size(),
                    gamma, eta, z0, tMin, tMax, points);
            pw.println("two-layer:         " + Values.detectionLine(d2) + "; " + Values.conditionsLine(c2));
            pw.println("linear regression: " + Values.detectionLine(dLr) + "; " + Values.conditionsLine(cLr)
                    + String.format(Locale.ROOT, " (rate %s)", rate));
            if (gdText != null) {
                pw.println(gdText);
            }
            if (out != null) {
                pw.println("wrote " + out);
            }
        }
        pw.flush();
        return 0;
    }

    private static Map<String, Object> curveJson(DoubleDescent.Detection d, ConditionReport c, double[] e) {
        Map<String, Object> o = Values.detection(d);
        o.put("conditions", Values.conditions(c));
        o.put("eStart", e[0]);
        o.put("eEnd", e[e.length - 1]);
        return o;
    }

    private List<Mode> modes() {
        if (sigma.length != lambda.length) {
            throw new IllegalArgumentException("--lambda has " + lambda.length + " values but --sigma has "
                    + sigma.length + "; give one per mode");
        }
        if (targetRatio.length != sigma.length) {
            throw new IllegalArgumentException("--target-ratio has " + targetRatio.length + " values but --sigma has "
                    + sigma.length + "; give one per mode");
        }
        if (lambdaTest != null && lambdaTest.length != sigma.length) {
            throw new IllegalArgumentException("--lambda-test has " + lambdaTest.length + " values but --sigma has "
                    + sigma.length + "; give one per mode");
        }
        for (int i = 0; i < sigma.length; i++) {
            finite("--sigma", i, sigma[i]);
            finite("--target-ratio", i, targetRatio[i]);
            if (!(lambda[i] > 0) || !Double.isFinite(lambda[i])) {
                throw new IllegalArgumentException("--lambda must be > 0, got " + lambda[i] + " for mode " + i);
            }
            if (lambdaTest != null && (!(lambdaTest[i] >= 0) || !Double.isFinite(lambdaTest[i]))) {
                throw new IllegalArgumentException("--lambda-test must be >= 0, got " + lambdaTest[i] + " for mode " + i);
            }
        }
        if (!(gamma >= 0) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("--gamma must be finite and >= 0, got " + gamma);
        }
        positive("--eta", eta);
        if (!Double.isFinite(z0)) {
            throw new IllegalArgumentException("--z0 must be finite, got " + z0);
        }
        if (gamma == 0 && z0 == 0) {
            throw new IllegalArgumentException("--z0 must be non-zero when --gamma is 0 (z = 0 is a saddle: no"
                    + " learning), got 0");
        }
        double[] zTarget = new double[sigma.length];
        for (int i = 0; i < sigma.length; i++) {
            zTarget[i] = targetRatio[i] * (sigma[i] / lambda[i]);
        }
        return Mode.list(sigma, lambda, lambdaTest == null ? lambda : lambdaTest, zTarget, z0);
    }

    /** E_gen of the per-mode discrete descent at each grid time (NaN beyond --gd-max-steps). */
    private double[] discreteDescent(List<Mode> modes, double[] times) {
        int m = modes.size();
        double h = gdStep;
        double[] e = new double[times.length];
        long last = 0;
        for (double t : times) {
            double s = Math.rint(t / h);
            if (s <= gdMaxSteps) {
                last = (long) s;
            }
        }
        try (Progress.Task task = parent.progress().start("discrete gradient descent", (long) m * last)) {
            for (int i = 0; i < m; i++) {
                Mode md = modes.get(i);
                double[] ab = ModeDynamics.initialFactors(md.z0(), gamma, eta, eta);
                double a = ab[0];
                double b = ab[1];
                double sg = md.sigma();
                double lm = md.lambda();
                double he = h * eta;
                long done = 0;
                for (int k = 0; k < times.length; k++) {
                    double s = Math.rint(times[k] / h);
                    if (s > gdMaxSteps) {
                        for (int r = k; r < times.length; r++) {
                            e[r] = Double.NaN;
                        }
                        break;
                    }
                    long target = (long) s;
                    long from = done;
                    for (; done < target; done++) {
                        double res = sg - lm * a * b;
                        double na = a + he * b * res;
                        b += he * a * res;
                        a = na;
                    }
                    if (!Double.isFinite(a) || !Double.isFinite(b)) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT, "--gd-step %s made gradient"
                                + " descent of mode %d diverge before t = %.4g; use a smaller step", gdStep, i,
                                times[k]));
                    }
                    task.step(target - from);
                    double dz = a * b - md.zTarget();
                    e[k] += md.lambdaTest() * dz * dz;
                }
            }
        }
        return e;
    }

    private static void finite(String option, int i, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(option + " must be finite, got " + v + " for mode " + i);
        }
    }

    private static void positive(String option, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(option + " must be finite and > 0, got " + v);
        }
    }
}
