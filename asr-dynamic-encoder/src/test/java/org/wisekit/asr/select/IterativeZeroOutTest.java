package org.wisekit.asr.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IterativeZeroOutTest {

    private static final int[] STEPS = {400, 100, 100, 100, 100, 100};
    private static final int[] TARGETS = {2, 4, 6, 8, 10, 12};

    @Test
    void stepMapsToIterationAndTarget() {
        IterativeZeroOut izo = new IterativeZeroOut(16, STEPS, TARGETS);
        long[][] table = {{0, 0}, {399, 0}, {400, 0}, {401, 1}, {500, 1}, {501, 2}, {800, 4}, {801, 5}, {900, 5}};
        for (long[] row : table) {
            assertThat(izo.iteration(row[0])).as("iteration(%d)", row[0]).isEqualTo((int) row[1]);
            assertThat(izo.target(row[0])).isEqualTo(TARGETS[(int) row[1]]);
        }
        assertThat(izo.lastStageOneStep()).isEqualTo(900);
        assertThat(izo.inStageOne(900)).isTrue();
        assertThat(izo.inStageOne(901)).isFalse();
        assertThat(izo.stageTwoSteps(1500)).isEqualTo(599);
        assertThat(izo.iterations()).isEqualTo(6);
        assertThatThrownBy(() -> izo.iteration(901))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step is 901, outside stage 1");
    }

    @Test
    void exactlyNiScoresAreAtMinusFiveAfterIterationIAndNoneIsFrozen() {
        Random random = new Random(51);
        IterativeZeroOut izo = new IterativeZeroOut(16, STEPS, TARGETS);
        double[] scores = izo.initialScores();
        assertThat(scores).containsOnly(10.0);
        int zeroOuts = 0;
        for (long step = 0; step <= izo.lastStageOneStep(); step++) {
            if (step % 50 == 0) {                              // a stand-in for the optimizer: every score moves
                for (int m = 0; m < 16; m++) {
                    scores[m] += 0.3 * random.nextGaussian();
                }
            }
            double[] before = scores.clone();
            int[] zeroed = izo.zeroOutIfDue(step, scores);
            int i = izo.iteration(step);
            boolean endOfIteration = step == Arrays.stream(STEPS).limit(i + 1).sum();
            if (!endOfIteration || i == STEPS.length - 1) {
                assertThat(zeroed).isEmpty();
                assertThat(scores).containsExactly(before);
                continue;
            }
            zeroOuts++;
            assertThat(zeroed).hasSize(TARGETS[i]);
            assertThat(Arrays.stream(scores).filter(s -> s == IterativeZeroOut.ZERO_OUT_VALUE).count())
                    .isEqualTo(TARGETS[i]);
            double largestZeroed = Double.NEGATIVE_INFINITY;
            for (int m : zeroed) {
                largestZeroed = Math.max(largestZeroed, before[m]);
            }
            for (int m = 0; m < 16; m++) {
                final int module = m;
                if (Arrays.stream(zeroed).noneMatch(z -> z == module)) {
                    assertThat(before[m]).isGreaterThanOrEqualTo(largestZeroed);
                }
            }
        }
        // the code zeroes out at the end of every iteration but the last
        assertThat(zeroOuts).isEqualTo(5);
    }

    @Test
    void aZeroedModuleThatRisesOutOfTheSmallestIsLoggedAsRevived() {
        IterativeZeroOut izo = new IterativeZeroOut(16, STEPS, TARGETS);
        double[] scores = new double[16];
        for (int m = 0; m < 16; m++) {
            scores[m] = m;                                      // modules 0 and 1 are the smallest
        }
        assertThat(izo.zeroOutIfDue(400, scores)).containsExactly(0, 1);
        assertThat(izo.supernetDrop(401, scores)).containsExactly(true, true, false, false, false, false, false,
                false, false, false, false, false, false, false, false, false);
        scores[0] = 4.5;                                        // module 0 learns its way back
        assertThat(izo.zeroOutIfDue(500, scores)).containsExactly(1, 2, 3, 4);
        List<IterativeZeroOut.Revival> revivals = izo.revivals();
        assertThat(revivals).containsExactly(new IterativeZeroOut.Revival(500, 1, 0, 4.5));
        assertThat(izo.zeroed()[0]).isFalse();
        assertThat(izo.zeroed()[1]).isTrue();
    }

    @Test
    void supernetLayerDropCoversTheAlreadyZeroedCount() {
        IterativeZeroOut izo = new IterativeZeroOut(16, STEPS, TARGETS);
        double[] scores = new Random(52).doubles(16).toArray();
        assertThat(Masks.count(izo.supernetDrop(0, scores))).isZero();
        assertThat(Masks.count(izo.supernetDrop(400, scores))).isZero();
        assertThat(Masks.count(izo.supernetDrop(401, scores))).isEqualTo(2);
        assertThat(Masks.count(izo.supernetDrop(900, scores))).isEqualTo(10);
    }

    @Test
    void sparsityLossValueAndGradient() {
        IterativeZeroOut izo = new IterativeZeroOut(16, STEPS, TARGETS);
        double[] start = izo.initialScores();
        double sigma10 = 1 / (1 + Math.exp(-10));
        double expected = 5 * Math.abs((16 - 16 * sigma10) / 16 - 2.0 / 16);
        assertThat(izo.sparsityLoss(start, 2, null)).isCloseTo(expected, within(1e-14));
        assertThat(IterativeZeroOut.gates(start)).containsOnly(sigma10);

        Random random = new Random(53);
        double h = 1e-6;
        for (int trial = 0; trial < 20; trial++) {
            double[] scores = new double[16];
            for (int m = 0; m < 16; m++) {
                scores[m] = 3 * random.nextGaussian();
            }
            int target = random.nextInt(17);
            double[] grad = new double[16];
            izo.sparsityLoss(scores, target, grad);
            for (int m = 0; m < 16; m++) {
                double keep = scores[m];
                scores[m] = keep + h;
                double plus = izo.sparsityLoss(scores, target, null);
                scores[m] = keep - h;
                double minus = izo.sparsityLoss(scores, target, null);
                scores[m] = keep;
                double numeric = (plus - minus) / (2 * h);
                assertThat(grad[m]).isCloseTo(numeric, within(1e-6 * Math.max(1e-2, Math.abs(numeric))));
            }
        }
        // at the kink (sum of gates exactly L - target) the subgradient is 0, as PyTorch's abs backward
        double[] half = new double[16];
        double[] grad = new double[16];
        Arrays.fill(grad, 1);
        assertThat(izo.sparsityLoss(half, 8, grad)).isZero();
        assertThat(grad).containsOnly(0.0);
    }

    @Test
    void proportionalScalingKeepsTheShapeAndTheTotal() {
        IterativeZeroOut same = IterativeZeroOut.proportional(16, STEPS, TARGETS, 900);
        assertThat(same.lastStageOneStep()).isEqualTo(900);
        assertThat(same.iteration(400)).isZero();
        IterativeZeroOut half = IterativeZeroOut.proportional(16, STEPS, TARGETS, 450);
        assertThat(half.iteration(200)).isZero();
        assertThat(half.iteration(201)).isEqualTo(1);
        assertThat(half.iteration(251)).isEqualTo(2);
        IterativeZeroOut small = IterativeZeroOut.proportional(16, STEPS, TARGETS, 100);
        assertThat(small.lastStageOneStep()).isEqualTo(100);
        assertThat(small.iteration(45)).isZero();               // 44.4 rounded up by the largest remainder
        assertThat(small.iteration(46)).isEqualTo(1);
        IterativeZeroOut tiny = IterativeZeroOut.proportional(16, STEPS, TARGETS, 6);
        assertThat(tiny.lastStageOneStep()).isEqualTo(6);
    }

    @Test
    void badInputNamesTheValue() {
        assertThatThrownBy(() -> new IterativeZeroOut(16, new int[] {10, 10}, new int[] {4, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decrease");
        assertThatThrownBy(() -> new IterativeZeroOut(16, new int[] {10, 10}, new int[] {4, 16}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targets[1] is 16, outside 1..15");
        assertThatThrownBy(() -> new IterativeZeroOut(16, new int[] {10}, new int[] {4, 8}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 iterations, targets has 2");
        assertThatThrownBy(() -> new IterativeZeroOut(16, new int[] {10, 0}, new int[] {4, 8}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stepsPerIteration[1] is 0");
        IterativeZeroOut izo = new IterativeZeroOut(16, STEPS, TARGETS);
        assertThatThrownBy(() -> izo.sparsityLoss(new double[16], 17, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target is 17, outside 0..16");
        assertThatThrownBy(() -> izo.zeroOutIfDue(3, new double[15]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scores has 15 entries");
        assertThatThrownBy(() -> IterativeZeroOut.proportional(16, STEPS, TARGETS, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nominalStageOneSteps is 5");
    }
}
