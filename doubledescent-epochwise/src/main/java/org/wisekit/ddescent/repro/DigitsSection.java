package org.wisekit.ddescent.repro;

import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.wisekit.datasets.LabeledImages;
import org.wisekit.ddescent.DigitsAnalysis;
import org.wisekit.ddescent.DigitsResult;
import org.wisekit.harness.Plots;
import org.wisekit.harness.RunContext;

/**
 * sklearn digits: full-matrix gradient descent against the decoupled theory of the training covariances. Digits is
 * not aligned, so the agreement is reported, not asserted.
 */
final class DigitsSection {

    private DigitsSection() {
    }

    static void run(RunContext context, int steps) {
        LabeledImages digits = context.data().sklearnDigits();
        DigitsAnalysis.Settings defaults = DigitsAnalysis.Settings.defaults();
        DigitsAnalysis.Settings settings = new DigitsAnalysis.Settings(defaults.labelNoise(), defaults.testFraction(),
                defaults.stepSize(), steps, defaults.initScale(), defaults.points(), defaults.hidden());
        long started = System.nanoTime();
        DigitsResult r = DigitsAnalysis.run(digits, settings, context.seed());
        double seconds = (System.nanoTime() - started) / 1e9;
        context.report().paragraph(String.format(Locale.ROOT, "**sklearn digits.** %d train / %d test rows, %d"
                        + " standardised features, one-hot %d outputs, %d training labels replaced by another class"
                        + " (%.0f %%); full-matrix GD (step %.3g, %d steps, random initialisation of scale %.0e) on"
                        + " the test split, against the decoupled theory of the training covariances (%d modes;"
                        + " misalignment of the right singular vectors with the eigenvectors of Sigma_xx: %.3f, 0 ="
                        + " aligned). Max relative gap GD vs theory: %.3f. Double descent (appendix count / second"
                        + " descent): GD %d / %s, theory %d / %s; conditions on the theory: C1 %s, C2 %s. %.1f s.%s",
                r.trainSize(), r.testSize(), r.features(), r.classes(), r.noisyLabels(), 100 * settings.labelNoise(),
                settings.stepSize(), settings.steps(), settings.initScale(), r.modes().size(), r.misalignment(),
                r.maxRelativeGap(), r.gdDetection().count(), r.gdDetection().secondDescent() ? "yes" : "no",
                r.theoryDetection().count(), r.theoryDetection().secondDescent() ? "yes" : "no",
                r.conditions().c1() ? "holds" : "does not hold", r.conditions().c2() ? "holds" : "does not hold",
                seconds, r.warnings().isEmpty() ? "" : " Warnings: " + String.join("; ", r.warnings()) + "."));
        double[] t = r.times();
        int from = t.length > 0 && t[0] == 0 ? 1 : 0;
        XYChart chart = Plots.xy("sklearn digits: GD vs theory", "t", "test MSE");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.addSeries("gradient descent", java.util.Arrays.copyOfRange(t, from, t.length),
                java.util.Arrays.copyOfRange(r.gdTestError(), from, t.length));
        chart.addSeries("decoupled theory", java.util.Arrays.copyOfRange(t, from, t.length),
                java.util.Arrays.copyOfRange(r.theoryTestError(), from, t.length));
        context.report().plot("digits", chart, "Test error of full-matrix GD on sklearn digits (20 % label noise) and"
                + " of the decoupled theory built from the training covariances (digits is not aligned: reported, not"
                + " asserted).");
    }
}
