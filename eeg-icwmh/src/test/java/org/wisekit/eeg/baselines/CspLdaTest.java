package org.wisekit.eeg.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wisekit.eeg.baselines.CspTest.assertMessage;
import static org.wisekit.eeg.baselines.CspTest.varianceContrast;

import org.junit.jupiter.api.Test;

/** CSP + log-variance + LDA on synthetic variance contrasts, two and three classes. */
class CspLdaTest {

    @Test
    void twoClassesAreSeparatedOnNewTrials() {
        int[] labels = new int[40];
        double[][][] train = varianceContrast(20, 2, 6, 160, 2, 1, labels);
        CspLda model = CspLda.fit(train, labels, CspLda.Settings.defaults());
        assertEquals(1, model.spatialFilters().size());
        assertEquals(6, model.features(train[0]).length);
        int[] testLabels = new int[40];
        double[][][] test = varianceContrast(20, 2, 6, 160, 2, 2, testLabels);
        assertTrue(model.accuracy(test, testLabels) >= 0.95, "accuracy " + model.accuracy(test, testLabels));
        assertArrayEquals(model.spatialFilters().get(0).features(test[3]), model.features(test[3]));
    }

    @Test
    void threeClassesOneAgainstTheRest() {
        int[] labels = new int[45];
        double[][][] train = varianceContrast(15, 3, 5, 160, 2, 3, labels);
        CspLda model = CspLda.fit(train, labels, new CspLda.Settings(1, 0.1));
        assertEquals(3, model.classes());
        assertEquals(3, model.spatialFilters().size());
        assertEquals(6, model.features(train[0]).length);
        int[] testLabels = new int[45];
        double[][][] test = varianceContrast(15, 3, 5, 160, 2, 4, testLabels);
        assertTrue(model.accuracy(test, testLabels) >= 0.9, "accuracy " + model.accuracy(test, testLabels));
    }

    @Test
    void badSettingsAndInputAreNamed() {
        assertMessage("pairs", () -> new CspLda.Settings(0, 0));
        assertMessage("shrinkage", () -> new CspLda.Settings(3, -0.5));
        int[] labels = new int[10];
        double[][][] x = varianceContrast(5, 2, 4, 50, 2, 5, labels);
        assertMessage("settings", () -> CspLda.fit(x, labels, null));
        assertMessage("at least 2 classes", () -> CspLda.fit(x, new int[10], CspLda.Settings.defaults()));
        CspLda model = CspLda.fit(x, labels, new CspLda.Settings(1, 0));
        assertMessage("trials[1]", () -> model.predict(new double[][][] {x[0], new double[3][50]}));
        assertMessage("labels", () -> model.accuracy(x, new int[3]));
    }
}
