package org.wisekit.asr.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KAnnealingTest {

    @Test
    void cpuScheduleTable() {
        KAnnealing schedule = new KAnnealing(16, 4, 2, 150);
        long[][] table = {
            {0, 14}, {149, 14}, {150, 12}, {299, 12}, {300, 10}, {449, 10}, {450, 8}, {599, 8}, {600, 6},
            {749, 6}, {750, 4}, {899, 4}, {900, 4}, {1499, 4},
        };
        for (long[] row : table) {
            assertThat(schedule.k(row[0])).as("k(%d)", row[0]).isEqualTo((int) row[1]);
        }
        // the code's `global_train_step <= N * iters`: step 900 is still stage 1, so stage 1 holds 901 steps
        assertThat(schedule.lastStageOneStep()).isEqualTo(900);
        assertThat(schedule.inStageOne(900)).isTrue();
        assertThat(schedule.inStageOne(901)).isFalse();
        assertThat(schedule.stage(0)).isEqualTo(1);
        assertThat(schedule.stage(901)).isEqualTo(2);
        assertThat(schedule.firstStageTwoStep()).isEqualTo(901);
        assertThat(schedule.stageTwoSteps(1500)).isEqualTo(599);
        assertThat(schedule.stageTwoSteps(500)).isZero();
        assertThat(KAnnealing.forStageOneSteps(16, 4, 2, 900).stepsPerIteration()).isEqualTo(150);
        assertThat(KAnnealing.forStageOneSteps(16, 4, 2, 185).stepsPerIteration()).isEqualTo(30);
        assertThat(schedule.initialScores()).hasSize(16).containsOnly(0.5);
    }

    @Test
    void tedliumConfigurationsOfTheNote() {
        int subEpoch = 1400;
        // {24, 48}: N = 25 sub-epochs, r = 4 -> 6 iterations, 150 sub-epochs
        KAnnealing two = new KAnnealing(48, 24, 4, 25L * subEpoch);
        assertThat(two.k(0)).isEqualTo(44);
        assertThat(two.k(5L * 25 * subEpoch - 1)).isEqualTo(28);
        assertThat(two.k(5L * 25 * subEpoch)).isEqualTo(24);
        assertThat(two.lastStageOneStep()).isEqualTo(150L * subEpoch);
        // {16, 32, 48}: N = 19, r = 4 -> 8 iterations, 152 sub-epochs
        KAnnealing three = new KAnnealing(48, 16, 4, 19L * subEpoch);
        assertThat(three.k(0)).isEqualTo(44);
        assertThat(three.k(7L * 19 * subEpoch)).isEqualTo(16);
        assertThat(three.lastStageOneStep()).isEqualTo(152L * subEpoch);
        // {12, 24, 36, 48}: (N = 50, r = 12) -> 3 iterations, 150 sub-epochs
        KAnnealing four = new KAnnealing(48, 12, 12, 50L * subEpoch);
        assertThat(four.k(0)).isEqualTo(36);
        assertThat(four.k(50L * subEpoch)).isEqualTo(24);
        assertThat(four.k(100L * subEpoch)).isEqualTo(12);
        assertThat(four.lastStageOneStep()).isEqualTo(150L * subEpoch);
        // ... or (N = 4.1 sub-epochs = 5740 steps, r = 1) -> 36 iterations, 147.6 sub-epochs
        KAnnealing fine = new KAnnealing(48, 12, 1, 5740);
        assertThat(fine.k(0)).isEqualTo(47);
        assertThat(fine.k(35L * 5740)).isEqualTo(12);
        assertThat(fine.lastStageOneStep()).isEqualTo(36L * 5740).isEqualTo(206_640);
    }

    @Test
    void nonIntegerIterationCountIsComparedExactly() {
        // (16 - 4) / 5 = 2.4 iterations of 10 steps: stage 1 while t <= 24
        KAnnealing schedule = new KAnnealing(16, 4, 5, 10);
        assertThat(schedule.lastStageOneStep()).isEqualTo(24);
        assertThat(schedule.k(20)).isEqualTo(4);
        assertThat(schedule.k(19)).isEqualTo(6);
    }

    @Test
    void supernetDropsTheLMinusKSmallestGatesWhichAreTheSmallestScores() {
        Random random = new Random(41);
        KAnnealing schedule = new KAnnealing(16, 4, 2, 150);
        for (int trial = 0; trial < 50; trial++) {
            double[] scores = new double[16];
            for (int m = 0; m < 16; m++) {
                scores[m] = 0.5 + random.nextGaussian();
            }
            int k = schedule.k(random.nextInt(901));
            boolean[] drop = schedule.supernetDrop(RelaxedTopK.forward(scores, k), k);
            assertThat(Masks.count(drop)).isEqualTo(16 - k);
            for (int m = 0; m < 16; m++) {
                int larger = 0;
                for (double s : scores) {
                    if (s > scores[m]) {
                        larger++;
                    }
                }
                assertThat(drop[m]).as("module %d ranks %d", m, larger).isEqualTo(larger >= k);
            }
        }
    }

    @Test
    void badInputNamesTheValue() {
        assertThatThrownBy(() -> new KAnnealing(16, 16, 2, 150))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kMin is 16");
        assertThatThrownBy(() -> new KAnnealing(16, 4, 13, 150))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reduction is 13, outside 1..12");
        assertThatThrownBy(() -> new KAnnealing(16, 4, 2, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stepsPerIteration must be >= 1, got 0");
        assertThatThrownBy(() -> KAnnealing.forStageOneSteps(16, 4, 2, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nominalStageOneSteps 5");
        assertThatThrownBy(() -> new KAnnealing(16, 4, 2, 150).k(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step must be >= 0, got -1");
        assertThatThrownBy(() -> new KAnnealing(16, 4, 2, 150).supernetDrop(new double[15], 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gates has 15 entries");
    }
}
