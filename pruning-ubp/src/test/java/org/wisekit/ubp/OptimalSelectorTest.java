package org.wisekit.ubp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OptimalSelectorTest {

    @Test
    void unalignedBlockBeatsBothAlignedOnesInAHandCase() {
        // One column [1, 5, 5, 1], V = 2, B = 1: aligned blocks score 6, the block at row 1 scores 10.
        ScoreMatrix s = new ScoreMatrix(4, 1, new float[] {1, 5, 5, 1});
        Budget one = new Budget(2, 1);
        BlockSelection dp = new OptimalSelector().select(s, one);
        assertThat(dp.startRows()).containsExactly(1);
        assertThat(dp.keptScore(s)).isEqualTo(10.0);
        assertThat(new AlignedSelector().select(s, one).keptScore(s)).isEqualTo(6.0);
    }

    @Test
    void equalsBruteForceOnEverySmallMatrixTried() {
        SplittableRandom rng = new SplittableRandom(11);
        int tried = 0;
        // Shapes up to 6 x 8, limited so that enumerating every placement stays fast.
        int[][] shapes = {{6, 8, 4}, {6, 8, 3}, {5, 8, 4}, {6, 5, 2}, {5, 4, 2}, {4, 6, 2}, {6, 3, 1}, {3, 4, 1},
                {6, 8, 6}, {6, 7, 5}, {2, 8, 2}, {1, 8, 1}, {6, 1, 2}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int cols = shape[1];
            int v = shape[2];
            for (int trial = 0; trial < 3; trial++) {
                ScoreMatrix s = trial == 2 ? Matrices.tiedScores(rng, rows, cols) : Matrices.scores(rng, rows, cols);
                long max = new Budget(v, 0).maxBlocks(rows, cols);
                for (int b = 0; b <= max; b++) {
                    Budget budget = new Budget(v, b);
                    double best = BruteForce.bestScore(s, budget);
                    BlockSelection dp = new OptimalSelector().select(s, budget);
                    assertThat(dp.count()).isEqualTo(b);
                    assertThat(dp.keptScore(s)).as("%dx%d V=%d B=%d", rows, cols, v, b).isCloseTo(best, within(1e-9));
                    tried++;
                }
            }
        }
        assertThat(tried).isGreaterThan(200);
    }

    @Test
    void refusesLayersAboveTheCellLimit() {
        ScoreMatrix s = Matrices.scores(new SplittableRandom(1), 64, 64);
        Budget budget = Budget.forSparsity(64, 64, 4, 0.5);
        assertThat(OptimalSelector.cells(64, 64, budget)).isEqualTo(4097L * 513);
        assertThatThrownBy(() -> new OptimalSelector(1000).select(s, budget))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the exact DP needs (N + 1)(B + 1) = 2101761 cells for a 64 x 64 matrix with B = 512,"
                        + " more than the limit 1000; use bed or greedy");
        assertThat(new OptimalSelector(3_000_000).select(s, budget).count()).isEqualTo(512);
    }
}
