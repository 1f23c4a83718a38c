package org.wisekit.harness.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.knowm.xchart.XYChart;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Plots;
import org.wisekit.harness.Progress;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.RunContext;

/**
 * Test-only reproduction: estimates pi by Monte Carlo and checks the estimate, so that the harness and
 * the CLI can be exercised end to end (report, plot, JSON, index) without a paper module.
 */
public final class MonteCarloPiReproduction implements Reproduction {

    public static final String ID = "harness-test/monte-carlo-pi";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Monte Carlo estimate of pi";
    }

    @Override
    public String paper() {
        return "Metropolis & Ulam, The Monte Carlo Method, JASA 1949";
    }

    @Override
    public List<Claim> run(RunContext context) {
        int samples = context.profile().pick(20_000, 1_000_000, 10_000_000);
        SplittableRandom rng = new SplittableRandom(context.seed());
        List<Double> n = new ArrayList<>();
        List<Double> estimate = new ArrayList<>();
        long inside = 0;
        try (Progress.Task task = context.progress().start("sampling", samples)) {
            for (int i = 1; i <= samples; i++) {
                double x = rng.nextDouble();
                double y = rng.nextDouble();
                if (x * x + y * y <= 1) {
                    inside++;
                }
                if ((i & (i - 1)) == 0 || i == samples) {
                    n.add((double) i);
                    estimate.add(4.0 * inside / i);
                }
                if (i % 10_000 == 0) {
                    task.step(10_000);
                }
            }
        }
        double pi = 4.0 * inside / samples;
        XYChart chart = Plots.xy("Estimate of pi", "samples", "estimate");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.addSeries("estimate", n, estimate);
        context.report().paragraph("Draws " + samples + " uniform points in the unit square.");
        context.report().table("Final estimate", List.of("samples", "estimate"),
                List.of(List.of(String.valueOf(samples), String.valueOf(pi))));
        context.report().plot("convergence", chart, "Estimate against number of samples");
        return List.of(
                Claim.within("pi", "The estimate is within 0.05 of pi", "3.14159", pi, "", Math.PI, 0.05),
                Claim.outOfScope("gpu", "A GPU estimates faster", "not stated", "needs a GPU"));
    }
}
