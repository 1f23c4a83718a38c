package org.wisekit.ubp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GreedySelectorTest {

    @Test
    void closesGapsSoThatALaterPickStraddlesAnEarlierOne() {
        // One column, V = 2: the best window is rows 2-3 (score 20); with them gone, rows 1 and 4 become
        // neighbours (score 9), beating rows 5-6 (score 4). The kept run 1..4 divides into blocks at 1 and 3.
        ScoreMatrix s = new ScoreMatrix(8, 1, new float[] {0, 4, 10, 10, 5, 2, 2, 0});
        BlockSelection sel = new GreedySelector().select(s, new Budget(2, 2));
        assertThat(sel.startRows()).containsExactly(1, 3);
        assertThat(sel.keptScore(s)).isEqualTo(29.0);
        assertThat(new NaiveGreedySelector().select(s, new Budget(2, 2))).isEqualTo(sel);
    }

    @Test
    void fastAndNaiveGreedyPickTheSameBlocks() {
        SplittableRandom rng = new SplittableRandom(17);
        for (int trial = 0; trial < 120; trial++) {
            int v = 1 + rng.nextInt(4);
            int rows = v + rng.nextInt(40);
            int cols = 1 + rng.nextInt(25);
            ScoreMatrix s = trial % 2 == 0 ? Matrices.tiedScores(rng, rows, cols) : Matrices.scores(rng, rows, cols);
            Budget budget = new Budget(v, rng.nextInt((int) new Budget(v, 0).maxBlocks(rows, cols) + 1));
            assertThat(new GreedySelector().select(s, budget))
                    .as("%dx%d V=%d B=%d", rows, cols, v, budget.blocks())
                    .isEqualTo(new NaiveGreedySelector().select(s, budget));
        }
    }
}
