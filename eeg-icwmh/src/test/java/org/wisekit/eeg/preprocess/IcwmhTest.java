package org.wisekit.eeg.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IcwmhTest {

    /** Slow references for each statistic, written from the definitions. */
    static double reference(double[] x, Icwmh.Magnitude m) {
        int n = x.length;
        switch (m) {
            case MAX:
                return Arrays.stream(x).map(Math::abs).max().orElseThrow();
            case STD: {
                double mean = Arrays.stream(x).sum() / n;
                return Math.sqrt(Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / n);
            }
            case RMS:
                return Math.sqrt(Arrays.stream(x).map(v -> v * v).sum() / n);
            case MEAN_ABS:
                return Arrays.stream(x).map(Math::abs).sum() / n;
            default: {
                double[] a = Arrays.stream(x).map(Math::abs).sorted().toArray();
                double pos = 0.99 * (n - 1);
                int lo = (int) pos;
                int hi = Math.min(lo + 1, n - 1);
                return a[lo] * (1 - (pos - lo)) + a[hi] * (pos - lo);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Icwmh.Magnitude.class)
    void magnitudeMatchesSlowReference(Icwmh.Magnitude m) {
        Random r = new Random(7);
        for (int n : new int[] {1, 2, 3, 100, 656}) {
            double[] x = new double[n];
            for (int t = 0; t < n; t++) {
                x[t] = 50 * r.nextGaussian();
            }
            assertThat(Icwmh.magnitude(x, m)).as("n=%d", n)
                    .isCloseTo(reference(x, m), org.assertj.core.data.Offset.offset(1e-9 * (1 + reference(x, m))));
        }
    }

    @Test
    void selectionGivesEveryOrderStatisticAndP99IsExact() {
        Random r = new Random(17);
        for (int n : new int[] {1, 2, 5, 101, 656, 1000}) {
            for (boolean duplicates : new boolean[] {false, true}) {
                double[] x = new double[n];
                for (int t = 0; t < n; t++) {
                    x[t] = duplicates ? r.nextInt(7) - 3 : r.nextGaussian();
                }
                double[] sorted = Arrays.stream(x).sorted().toArray();
                for (int k = 0; k < n; k += Math.max(1, n / 37)) {
                    double[] a = x.clone();
                    assertThat(Kernels.select(a, n, k)).isEqualTo(sorted[k]);
                    for (int i = k + 1; i < n; i++) {
                        assertThat(a[i]).isGreaterThanOrEqualTo(a[k]);
                    }
                }
                double[] abs = Arrays.stream(x).map(Math::abs).sorted().toArray();
                double pos = 0.99 * (n - 1);
                int lo = (int) Math.floor(pos);
                double f = pos - lo;
                double expected = lo + 1 >= n || f == 0 ? abs[lo] : abs[lo] + f * (abs[lo + 1] - abs[lo]);
                assertThat(Icwmh.magnitude(x, Icwmh.Magnitude.P99)).as("n=%d", n).isEqualTo(expected);
            }
        }
    }

    @Test
    void maxMakesEveryNonFlatChannelPeakAtExactlyOne() {
        double[][] x = TestTrials.trial(22, 500, 1);
        double[][] y = Icwmh.perTrial(Icwmh.Magnitude.MAX).apply(x);
        for (double[] row : y) {
            assertThat(Arrays.stream(row).map(Math::abs).max().orElseThrow()).isEqualTo(1.0);
        }
    }

    @ParameterizedTest
    @EnumSource(Icwmh.Magnitude.class)
    void everyMagnitudeIsOneAfterHomogenisation(Icwmh.Magnitude m) {
        double[][] x = TestTrials.trial(16, 300, 2);
        double[][] y = Icwmh.perTrial(m).apply(x);
        for (double[] row : y) {
            assertThat(reference(row, m)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @ParameterizedTest
    @EnumSource(Icwmh.Magnitude.class)
    void flatChannelsGiveZerosNotNaN(Icwmh.Magnitude m) {
        double[][] x = TestTrials.trial(4, 50, 3);
        Arrays.fill(x[1], 0.0);
        Arrays.fill(x[2], 0.1); // constant, not zero: flat under STD (including rounding of its mean)
        double[][] y = Icwmh.perTrial(m).apply(x);
        assertThat(y[1]).containsOnly(0.0);
        for (double[] row : y) {
            for (double v : row) {
                assertThat(Double.isFinite(v)).isTrue();
            }
        }
        if (m == Icwmh.Magnitude.STD) {
            assertThat(y[2]).containsOnly(0.0);
        } else {
            assertThat(y[2]).containsOnly(0.1 / Icwmh.magnitude(x[2], m));
        }
        float[][] img = EegImage.encode(y);
        for (float[] row : img) {
            for (float v : row) {
                assertThat(v).isBetween(0f, 255f);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Icwmh.Magnitude.class)
    void powerOfTwoGainsLeaveTheEncodedImageBitIdentical(Icwmh.Magnitude m) {
        double[][] x = TestTrials.trial(12, 400, 4);
        Random r = new Random(5);
        double[] gains = new double[x.length];
        for (int c = 0; c < gains.length; c++) {
            gains[c] = Math.scalb(1.0, r.nextInt(41) - 20);
        }
        Icwmh icwmh = Icwmh.perTrial(m);
        double[][] a = icwmh.apply(x);
        double[][] b = icwmh.apply(TestTrials.scaled(x, gains));
        assertThat(b).isDeepEqualTo(a);
        assertThat(EegImage.encode(b)).isDeepEqualTo(EegImage.encode(a));
    }

    @ParameterizedTest
    @EnumSource(Icwmh.Magnitude.class)
    void anyPositiveGainsLeaveTheEncodedImageIdenticalUpToRounding(Icwmh.Magnitude m) {
        double[][] x = TestTrials.trial(12, 400, 6);
        Random r = new Random(7);
        double[] gains = new double[x.length];
        for (int c = 0; c < gains.length; c++) {
            gains[c] = Math.exp(3 * r.nextGaussian());
        }
        Icwmh icwmh = Icwmh.perTrial(m);
        float[][] a = EegImage.encode(icwmh.apply(x));
        float[][] b = EegImage.encode(icwmh.apply(TestTrials.scaled(x, gains)));
        int differ = 0;
        for (int c = 0; c < a.length; c++) {
            for (int t = 0; t < a[c].length; t++) {
                assertThat(Math.abs(a[c][t] - b[c][t])).isLessThanOrEqualTo(1f);
                differ += a[c][t] != b[c][t] ? 1 : 0;
            }
        }
        assertThat(differ).as("pixels differing by one level out of %d", 12 * 400).isLessThanOrEqualTo(2);
    }

    @Test
    void withoutHomogenisationGainsChangeTheImage() {
        double[][] x = TestTrials.trial(12, 400, 6);
        double[] gains = new double[12];
        Arrays.fill(gains, 1.0);
        gains[3] = 16.0;
        assertThat(EegImage.encode(TestTrials.scaled(x, gains))).isNotEqualTo(EegImage.encode(x));
    }

    @Test
    void positiveEpsIsTheLiteralFormula() {
        double[][] x = {{2.0, -4.0, 1.0}, {0.0, 0.0, 0.0}};
        double[][] y = Icwmh.perTrial(Icwmh.Magnitude.MAX, 0.5).apply(x);
        assertThat(y[0]).containsExactly(2.0 / 4.5, -4.0 / 4.5, 1.0 / 4.5);
        assertThat(y[1]).containsExactly(0.0, 0.0, 0.0);
    }

    @Test
    void applyIntoWorksInPlace() {
        double[][] x = TestTrials.trial(3, 20, 8);
        double[][] expected = Icwmh.perTrial(Icwmh.Magnitude.RMS).apply(x);
        Icwmh.perTrial(Icwmh.Magnitude.RMS).apply(x, x);
        assertThat(x).isDeepEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Icwmh.Magnitude.class)
    void pooledFitIsTheStatisticOfTheConcatenatedTrials(Icwmh.Magnitude m) {
        double[][][] train = {TestTrials.trial(5, 100, 9), TestTrials.trial(5, 60, 10), TestTrials.trial(5, 80, 11)};
        Icwmh fitted = Icwmh.fit(train, m);
        assertThat(fitted.isFitted()).isTrue();
        double[] mags = fitted.magnitudes();
        for (int c = 0; c < 5; c++) {
            double[] all = new double[240];
            System.arraycopy(train[0][c], 0, all, 0, 100);
            System.arraycopy(train[1][c], 0, all, 100, 60);
            System.arraycopy(train[2][c], 0, all, 160, 80);
            assertThat(mags[c]).isCloseTo(reference(all, m), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(fitted.gains()[c]).isEqualTo(1.0 / mags[c]);
        }
        double[][] test = TestTrials.trial(5, 30, 12);
        double[][] y = fitted.apply(test);
        for (int c = 0; c < 5; c++) {
            for (int t = 0; t < 30; t++) {
                assertThat(y[c][t]).isEqualTo(test[c][t] / mags[c]);
            }
        }
    }

    @Test
    void meanOfTrialsFitAveragesPerTrialStatistics() {
        double[][][] train = {TestTrials.trial(3, 50, 13), TestTrials.trial(3, 70, 14)};
        Icwmh fitted = Icwmh.fit(train, Icwmh.Magnitude.STD, 0.0, Icwmh.Pooling.MEAN_OF_TRIALS);
        for (int c = 0; c < 3; c++) {
            double expected = (reference(train[0][c], Icwmh.Magnitude.STD) + reference(train[1][c], Icwmh.Magnitude.STD)) / 2;
            assertThat(fitted.magnitudes()[c]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void fittedFlatChannelHasZeroGain() {
        double[][][] train = {TestTrials.trial(2, 10, 15)};
        Arrays.fill(train[0][1], 0.0);
        Icwmh fitted = Icwmh.fit(train, Icwmh.Magnitude.MAX);
        assertThat(fitted.gains()[1]).isZero();
        assertThat(fitted.apply(TestTrials.trial(2, 10, 16))[1]).containsOnly(0.0);
    }

    @Test
    void badInputIsRejectedNamingTheParameter() {
        Icwmh icwmh = Icwmh.perTrial(Icwmh.Magnitude.MAX);
        assertThatThrownBy(() -> icwmh.apply(new double[0][])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trial");
        assertThatThrownBy(() -> icwmh.apply(new double[][] {{}})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trial[0] is empty");
        assertThatThrownBy(() -> icwmh.apply(new double[][] {{1, Double.NaN}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trial[0][1]")
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> icwmh.apply(new double[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not rectangular");
        assertThatThrownBy(() -> Icwmh.perTrial(Icwmh.Magnitude.MAX, -1e-9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eps");
        assertThatThrownBy(() -> Icwmh.perTrial(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("magnitude");
        assertThatThrownBy(() -> Icwmh.fit(new double[0][][], Icwmh.Magnitude.MAX))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trainTrials");
        Icwmh fitted = Icwmh.fit(new double[][][] {TestTrials.trial(3, 10, 1)}, Icwmh.Magnitude.MAX);
        assertThatThrownBy(() -> fitted.apply(TestTrials.trial(4, 10, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 channels");
        assertThatThrownBy(() -> Icwmh.ofMagnitudes(new double[] {1, -1}, Icwmh.Magnitude.MAX, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("magnitudes[1]");
        assertThatThrownBy(icwmh::magnitudes).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Icwmh.magnitude(new double[] {1, Double.NaN}, Icwmh.Magnitude.STD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[1] is not finite");
        assertThatThrownBy(() -> Icwmh.magnitude(new double[0], Icwmh.Magnitude.STD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x is empty");
    }
}
