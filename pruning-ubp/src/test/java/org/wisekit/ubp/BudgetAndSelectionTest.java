package org.wisekit.ubp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BudgetAndSelectionTest {

    @Test
    void uniformBudgetRoundsDownAndCountsExactProductsExactly() {
        assertThat(Budget.forSparsity(256, 256, 4, 0.8).blocks()).isEqualTo(3276);
        assertThat(Budget.forSparsity(300, 784, 4, 0.5).blocks()).isEqualTo(29400);
        assertThat(Budget.forSparsity(10, 10, 4, 0.95).blocks()).isEqualTo(1);
        assertThat(Budget.forSparsity(8, 8, 4, 0.0).keptWeights()).isEqualTo(64);
    }

    @Test
    void badBudgetsGetAClearError() {
        assertThatThrownBy(() -> new Budget(0, 3)).hasMessage("block size V must be >= 1, got 0");
        assertThatThrownBy(() -> new Budget(4, -1)).hasMessage("block count B must be >= 0, got -1");
        assertThatThrownBy(() -> Budget.forSparsity(8, 8, 4, 1.0)).hasMessage("sparsity must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> Budget.forSparsity(8, 8, 4, -0.1)).hasMessage("sparsity must be in [0, 1), got -0.1");
        assertThatThrownBy(() -> Budget.forSparsity(8, 8, 4, Double.NaN)).hasMessage("sparsity must be in [0, 1), got NaN");
        assertThatThrownBy(() -> Budget.forSparsity(6, 8, 4, 0.0))
                .hasMessage("budget B = 12 blocks of V = 4 is larger than possible for a 6 x 8 matrix (at most 8)");
        ScoreMatrix s = new ScoreMatrix(6, 2, new float[12]);
        assertThatThrownBy(() -> new AlignedSelector().select(s, new Budget(4, 3)))
                .hasMessage("budget B = 3 blocks of V = 4 is larger than possible for a 6 x 2 matrix (at most 2)");
        assertThatThrownBy(() -> new BedSelector().select(s, new Budget(7, 1)))
                .hasMessage("budget B = 1 blocks of V = 7 is larger than possible for a 6 x 2 matrix (at most 0)");
    }

    @Test
    void scoresMustMatchTheirShapeAndBeNonNegative() {
        assertThatThrownBy(() -> new ScoreMatrix(2, 3, new float[5]))
                .hasMessage("scores must hold rows * cols = 6 values, got 5");
        assertThatThrownBy(() -> new ScoreMatrix(1, 2, new float[] {1, -1}))
                .hasMessage("score at row 0, column 1 must be finite and >= 0, got -1.0");
        assertThatThrownBy(() -> ScoreMatrix.of(new float[3], 2, 2, Importance.L1))
                .hasMessage("weights must hold rows * cols = 4 values, got 3");
        assertThat(ScoreMatrix.of(new float[] {-2, 3}, 1, 2, Importance.L2).values()).containsExactly(4f, 9f);
    }

    @Test
    void selectionsAreCheckedSortedAndMasked() {
        BlockSelection sel = new BlockSelection(5, 3, 2, new int[] {3, 0, 1}, new int[] {0, 2, 0});
        assertThat(sel.startRows()).containsExactly(0, 1, 3);
        assertThat(sel.columns()).containsExactly(2, 0, 0);
        assertThat(sel.isAligned()).isFalse();
        assertThat(sel.sparsity()).isEqualTo(1 - 6.0 / 15);
        float[] w = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        sel.applyTo(w);
        assertThat(w).containsExactly(0, 0, 1, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0, 0);
        ScoreMatrix s = new ScoreMatrix(5, 3, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});
        assertThat(sel.keptScore(s)).isEqualTo(3 + 6 + 4 + 7 + 10 + 13);
        assertThat(BlockSelection.ofMask(2, 2, new boolean[] {false, true, true, false}).count()).isEqualTo(2);
    }

    @Test
    void overlappingOrOutOfBoundsBlocksAreRejected() {
        assertThatThrownBy(() -> new BlockSelection(6, 2, 4, new int[] {0, 2}, new int[] {1, 1}))
                .hasMessage("block at row 2, column 1 overlaps the block of the same column that ends at row 3");
        assertThatThrownBy(() -> new BlockSelection(6, 2, 4, new int[] {3}, new int[] {0}))
                .hasMessage("block 0 at row 3, column 0 does not fit a 6 x 2 matrix with V = 4");
        assertThatThrownBy(() -> new BlockSelection(6, 2, 4, new int[] {0}, new int[] {2}))
                .hasMessage("block 0 at row 0, column 2 does not fit a 6 x 2 matrix with V = 4");
        assertThatThrownBy(() -> new BlockSelection(6, 2, 0, new int[0], new int[0]))
                .hasMessage("block size V must be in [1, rows = 6], got 0");
        assertThatThrownBy(() -> new BlockSelection(6, 2, 1, new int[1], new int[0]))
                .hasMessage("startRows and columns must have the same length, got 1 and 0");
        BlockSelection sel = new BlockSelection(6, 2, 1, new int[] {0}, new int[] {0});
        assertThatThrownBy(() -> sel.keptScore(new ScoreMatrix(2, 6, new float[12])))
                .hasMessage("scores are 2 x 6 but the selection is 6 x 2");
        assertThatThrownBy(() -> sel.applyTo(new float[11])).hasMessage("weights must hold rows * cols = 12 values, got 11");
    }

    @Test
    void weightLevelBaselinesKeepTheirPattern() {
        ScoreMatrix s = new ScoreMatrix(2, 4, new float[] {1, 9, 3, 9, 5, 5, 5, 0});
        BlockSelection nm = NmSelector.twoOfFour().select(s, new Budget(4, 1));
        assertThat(nm.startRows()).containsExactly(0, 0, 1, 1);
        assertThat(nm.columns()).containsExactly(1, 3, 0, 1);
        BlockSelection top = new UnstructuredSelector().select(s, new Budget(1, 3));
        assertThat(top.columns()).containsExactly(1, 3, 0);
        assertThatThrownBy(() -> NmSelector.twoOfFour().select(s, new Budget(1, 3)))
                .hasMessage("2:4 keeps exactly 4 of 8 weights (sparsity 0.5), but the budget keeps 3");
        assertThatThrownBy(() -> NmSelector.twoOfFour().select(new ScoreMatrix(1, 6, new float[6]), new Budget(1, 3)))
                .hasMessage("2:4 needs the column count to be a multiple of 4, got 6");
        assertThatThrownBy(() -> new NmSelector(3, 2)).hasMessage("N:M needs 1 <= N <= M, got 3:2");
    }
}
