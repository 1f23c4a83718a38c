package org.wisekit.ubp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BedSelectorTest {

    @Test
    void dividesALongRunAndExpandsAShortOne() {
        // One column, V = 2, B = 3. Seeds (top 6 scores): rows 0-2 and rows 5-7, two runs of 3.
        // Division keeps one block per run, dropping the cheaper end: {0,1} (17) and {6,7} (17).
        // One block is missing: expanding the first run by row 3 (rows 0-3: gain 5 + 1 = 6) beats expanding
        // the second (rows 4-7 or 5-8: gain 4). The result is the optimum, 40.
        ScoreMatrix s = new ScoreMatrix(9, 1, new float[] {9, 8, 5, 1, 0, 4, 8, 9, 0});
        BlockSelection sel = new BedSelector().select(s, new Budget(2, 3));
        assertThat(sel.startRows()).containsExactly(0, 2, 6);
        assertThat(sel.keptScore(s)).isEqualTo(40.0)
                .isEqualTo(new OptimalSelector().select(s, new Budget(2, 3)).keptScore(s));
    }

    @Test
    void repairsFragmentedColumnsToMeetTheBudget() {
        // Near-full budgets can leave the free rows in pieces shorter than V (several of these trials do),
        // where only the per-column repair can add the missing blocks.
        SplittableRandom rng = new SplittableRandom(23);
        for (int trial = 0; trial < 60; trial++) {
            int rows = 8 + rng.nextInt(9);
            int cols = 1 + rng.nextInt(6);
            ScoreMatrix s = Matrices.scores(rng, rows, cols);
            Budget budget = new Budget(4, (int) new Budget(4, 0).maxBlocks(rows, cols) - rng.nextInt(2));
            BlockSelection sel = new BedSelector().select(s, budget);
            assertThat(sel.count()).isEqualTo(budget.blocks());
            assertThat(sel.keptScore(s)).isLessThanOrEqualTo(new OptimalSelector().select(s, budget).keptScore(s) + 1e-9);
        }
    }
}
