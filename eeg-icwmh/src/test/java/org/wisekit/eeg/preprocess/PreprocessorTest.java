package org.wisekit.eeg.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PreprocessorTest {

    private static final Preprocessor.Settings DEFAULTS = Preprocessor.Settings.defaults();

    @Test
    void defaultsGiveOneChannel64x128InTheUnitInterval() {
        assertThat(DEFAULTS.height()).isEqualTo(64);
        assertThat(DEFAULTS.width()).isEqualTo(128);
        float[][][] out = new Preprocessor(DEFAULTS).apply(TestTrials.trial(64, 656, 71));
        assertThat(out.length).isEqualTo(1);
        assertThat(out[0].length).isEqualTo(64);
        assertThat(out[0][0].length).isEqualTo(128);
        float max = 0;
        for (float[] row : out[0]) {
            for (float v : row) {
                assertThat(v).isBetween(0f, 1f);
                max = Math.max(max, v);
            }
        }
        assertThat(max).as("edges on the brightest pixels reach 1").isGreaterThan(0.5f);
    }

    static float[][] quantized(float[][] img) {
        int[][] q = EegImage.toInt(img);
        float[][] f = new float[q.length][q[0].length];
        for (int y = 0; y < q.length; y++) {
            for (int x = 0; x < q[0].length; x++) {
                f[y][x] = q[y][x];
            }
        }
        return f;
    }

    static Stream<Arguments> arms() {
        return Stream.of(
                Arguments.of(DEFAULTS),
                Arguments.of(DEFAULTS.withChannelNorm(Preprocessor.ChannelNorm.ZSCORE).withFusion(Fusion.Mode.CONCAT)),
                Arguments.of(DEFAULTS.withChannelNorm(Preprocessor.ChannelNorm.NONE).withFusion(Fusion.Mode.ADD)),
                Arguments.of(DEFAULTS.withMagnitude(Icwmh.Magnitude.P99).withInterpolation(Interpolation.BICUBIC)
                        .withEdgeDetector(Preprocessor.EdgeDetector.ADAPTIVE).withFusion(Fusion.Mode.EDGES_ONLY)),
                Arguments.of(DEFAULTS.withMagnitude(Icwmh.Magnitude.STD).withInterpolation(Interpolation.NEAREST)
                        .withBlur(7, 1.3).withCannyNorm(Canny.Norm.L1).withCanny(60, 120).withLambda(0.5)),
                Arguments.of(DEFAULTS.withQuantize(false).withImageSize(20, 50).withFusion(Fusion.Mode.IMAGE_ONLY)));
    }

    @ParameterizedTest
    @MethodSource("arms")
    void pipelineEqualsTheSeparateStepsBitForBit(Preprocessor.Settings s) {
        double[][] trial = TestTrials.trial(22, 300, 72);
        Preprocessor p = new Preprocessor(s);
        double[][] normalised;
        switch (s.channelNorm()) {
            case ICWMH:
                normalised = Icwmh.perTrial(s.magnitude(), s.eps()).apply(trial);
                break;
            case ZSCORE:
                normalised = ChannelZScore.apply(trial);
                break;
            default:
                normalised = trial;
        }
        assertThat(p.normalise(trial)).isDeepEqualTo(normalised);
        float[][] image = EegImage.resize(EegImage.encode(normalised), s.height(), s.width(), s.interpolation(), s.cubicA());
        if (s.quantize()) {
            image = quantized(image);
        }
        assertThat(p.image(trial)).isDeepEqualTo(image);
        float[][] blurred = GaussianBlur.blur(image, s.blurSize(), s.blurSigma());
        if (s.quantize()) {
            blurred = quantized(blurred);
        }
        byte[][] edges = s.edgeDetector() == Preprocessor.EdgeDetector.CANNY
                ? Canny.detect(blurred, s.cannyLow(), s.cannyHigh(), s.cannyNorm())
                : AdaptiveThreshold.apply(blurred, s.adaptiveMethod(), s.adaptiveBlockSize(), s.adaptiveC());
        assertThat(p.edges(trial)).isDeepEqualTo(edges);
        float[][][] fused = Fusion.fuse(s.fusion(), image, edges, s.lambda());
        double full = Fusion.fullScale(s.fusion(), s.lambda());
        float[][][] out = p.apply(trial);
        assertThat(out.length).isEqualTo(s.fusion().channels());
        for (int ch = 0; ch < out.length; ch++) {
            for (int y = 0; y < s.height(); y++) {
                for (int x = 0; x < s.width(); x++) {
                    assertThat((double) out[ch][y][x]).isCloseTo(fused[ch][y][x] / full,
                            org.assertj.core.data.Offset.offset(1e-6));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Icwmh.Magnitude.class)
    void powerOfTwoChannelGainsLeaveTheWholePipelineBitIdentical(Icwmh.Magnitude m) {
        double[][] trial = TestTrials.trial(64, 656, 73);
        Random r = new Random(74);
        double[] gains = new double[64];
        for (int c = 0; c < 64; c++) {
            gains[c] = Math.scalb(1.0, r.nextInt(31) - 15);
        }
        for (Preprocessor.Settings s : new Preprocessor.Settings[] {DEFAULTS.withMagnitude(m),
                DEFAULTS.withMagnitude(m).withFusion(Fusion.Mode.CONCAT).withInterpolation(Interpolation.BICUBIC)}) {
            Preprocessor p = new Preprocessor(s);
            assertThat(p.apply(TestTrials.scaled(trial, gains))).isDeepEqualTo(p.apply(trial));
        }
    }

    @Test
    void zScoreArmIsAlsoGainInvariantForPowersOfTwo() {
        double[][] trial = TestTrials.trial(16, 200, 75);
        double[] gains = new double[16];
        Arrays.fill(gains, 0.25);
        gains[0] = 1024;
        Preprocessor p = new Preprocessor(DEFAULTS.withChannelNorm(Preprocessor.ChannelNorm.ZSCORE));
        assertThat(p.apply(TestTrials.scaled(trial, gains))).isDeepEqualTo(p.apply(trial));
    }

    @Test
    void anyPositiveGainsChangeAtMostAFewPixelsOfTheImage() {
        double[][] trial = TestTrials.trial(64, 656, 76);
        Random r = new Random(77);
        double[] gains = new double[64];
        for (int c = 0; c < 64; c++) {
            gains[c] = Math.exp(2 * r.nextGaussian());
        }
        Preprocessor p = new Preprocessor(DEFAULTS);
        float[][] a = p.image(trial);
        float[][] b = p.image(TestTrials.scaled(trial, gains));
        int differ = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 128; x++) {
                differ += a[y][x] != b[y][x] ? 1 : 0;
            }
        }
        assertThat(differ).as("of 8192 pixels").isLessThanOrEqualTo(4);
        // without ICWMH the same gains change the image broadly: the invariance is the method's, not the encoder's
        Preprocessor raw = new Preprocessor(DEFAULTS.withChannelNorm(Preprocessor.ChannelNorm.NONE));
        float[][] c = raw.image(trial);
        float[][] d = raw.image(TestTrials.scaled(trial, gains));
        int rawDiffer = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 128; x++) {
                rawDiffer += c[y][x] != d[y][x] ? 1 : 0;
            }
        }
        assertThat(rawDiffer).isGreaterThan(4000);
    }

    @Test
    void flatChannelGivesNoNaN() {
        double[][] trial = TestTrials.trial(8, 100, 78);
        Arrays.fill(trial[3], 0.0);
        Arrays.fill(trial[5], -2.0);
        for (Preprocessor.ChannelNorm norm : Preprocessor.ChannelNorm.values()) {
            for (Icwmh.Magnitude m : Icwmh.Magnitude.values()) {
                float[][][] out = new Preprocessor(DEFAULTS.withChannelNorm(norm).withMagnitude(m)
                        .withImageSize(8, 50)).apply(trial);
                for (float[] row : out[0]) {
                    for (float v : row) {
                        assertThat(v).isBetween(0f, 1f);
                    }
                }
            }
        }
        double[][] allFlat = new double[4][30];
        float[][][] out = new Preprocessor(DEFAULTS).apply(allFlat);
        for (float[] row : out[0]) {
            assertThat(row).containsOnly(0f);
        }
    }

    @Test
    void trainingSetStatisticsAreFittedOnTheTrainingTrialsOnly() {
        double[][][] train = {TestTrials.trial(6, 120, 79), TestTrials.trial(6, 120, 80)};
        Preprocessor.Settings s = DEFAULTS.withNormScope(Preprocessor.Scope.TRAINING_SET)
                .withRangeScope(Preprocessor.Scope.TRAINING_SET).withImageSize(6, 60);
        Preprocessor p = Preprocessor.fit(s, train);
        Icwmh expected = Icwmh.fit(train, Icwmh.Magnitude.MAX);
        assertThat(p.fittedIcwmh().orElseThrow().magnitudes()).containsExactly(expected.magnitudes());
        EegImage.Range range = p.fittedRange().orElseThrow();
        assertThat(range).isEqualTo(EegImage.range(new double[][][] {expected.apply(train[0]), expected.apply(train[1])}));
        double[][] test = TestTrials.trial(6, 120, 81);
        float[][] img = EegImage.resize(EegImage.encode(expected.apply(test), range), 6, 60, Interpolation.BILINEAR);
        assertThat(p.image(test)).isDeepEqualTo(quantized(img));
        // restored from its parts, it computes the same
        Preprocessor restored = Preprocessor.of(s, Icwmh.ofMagnitudes(expected.magnitudes(), Icwmh.Magnitude.MAX, 0), range);
        assertThat(restored.apply(test)).isDeepEqualTo(p.apply(test));
        assertThatThrownBy(() -> new Preprocessor(s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fit");
        assertThatThrownBy(() -> p.apply(TestTrials.trial(5, 120, 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 channels");
        assertThatThrownBy(() -> Preprocessor.of(s, null, range)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fitted");
    }

    @Test
    void batchApplyNamesTheBadTrial() {
        Preprocessor p = new Preprocessor(DEFAULTS.withImageSize(4, 8));
        double[][][] trials = {TestTrials.trial(3, 20, 1), {{1, 2}, {3, Double.NaN}, {1, 1}}};
        assertThatThrownBy(() -> p.apply(trials)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trials[1]").hasMessageContaining("trial[1][1]");
        assertThat(p.apply(new double[][][] {trials[0]})[0]).isDeepEqualTo(p.apply(trials[0]));
    }

    static Stream<Arguments> badSettings() {
        return Stream.<Object[]>of(
                new Object[] {(UnaryOperator<Preprocessor.Settings>) s -> s.withBlur(4, 1), "blurSize"},
                new Object[] {(UnaryOperator<Preprocessor.Settings>) s -> s.withBlur(0, 1), "blurSize"},
                new Object[] {(UnaryOperator<Preprocessor.Settings>) s -> s.withBlur(5, Double.NaN), "blurSigma"},
                new Object[] {(UnaryOperator<Preprocessor.Settings>) s -> s.withCanny(200, 100), "cannyLow must be <= cannyHigh"},
                new Object[] {(UnaryOperator<Preprocessor.Settings>) s -> s.withCanny(-1, 100), "cannyLow"},
                new Object[] {(UnaryOperator<Preprocessor.Settings>) s -> s.withImageSize(0, 128), "height"},
                new Object[] {(UnaryOperator<Preprocessor.Settings>) s -> s.withImageSize(64, -3), "width"},
                new Object[] {(UnaryOperator<Preprocessor.Settings>) s -> s.withEps(-1), "eps"},
                new Object[] {(UnaryOperator<Preprocessor.Settings>) s -> s.withLambda(Double.NaN), "lambda"},
                new Object[] {(UnaryOperator<Preprocessor.Settings>) s -> s.withCubicA(0.5), "cubicA"},
                new Object[] {(UnaryOperator<Preprocessor.Settings>) s -> s.withAdaptive(AdaptiveThreshold.Method.MEAN, 10, 2), "adaptiveBlockSize"},
                new Object[] {(UnaryOperator<Preprocessor.Settings>) s -> s.withAdaptive(AdaptiveThreshold.Method.MEAN, 11, Double.POSITIVE_INFINITY), "adaptiveC"},
                new Object[] {(UnaryOperator<Preprocessor.Settings>) s -> s.withFusion(null), "fusion"},
                new Object[] {(UnaryOperator<Preprocessor.Settings>) s -> s.withInterpolation(null), "interpolation"},
                new Object[] {(UnaryOperator<Preprocessor.Settings>) s -> s.withChannelNorm(Preprocessor.ChannelNorm.ZSCORE)
                        .withNormScope(Preprocessor.Scope.TRAINING_SET), "normScope"})
                .map(a -> Arguments.of(a[0], a[1]));
    }

    @ParameterizedTest
    @MethodSource("badSettings")
    void badSettingsAreRejectedNamingTheParameter(UnaryOperator<Preprocessor.Settings> change, String message) {
        assertThatThrownBy(() -> change.apply(DEFAULTS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void badTrialsAreRejectedNamingTheParameter() {
        Preprocessor p = new Preprocessor(DEFAULTS);
        assertThatThrownBy(() -> p.apply(new double[0][])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trial must have at least one channel");
        assertThatThrownBy(() -> p.apply(new double[][] {{}})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trial[0] is empty");
        assertThatThrownBy(() -> p.apply(new double[][] {{0, 1}, {Double.NaN, 2}})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trial[1][0] is not finite: NaN");
        assertThatThrownBy(() -> new Preprocessor(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("settings");
    }
}
