package org.wisekit.ubp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SelectorInvariantsTest {

    private static final double SLACK = 1e-9;

    private static final List<SelectionMethod> BLOCKWISE = List.of(SelectionMethod.ABP, SelectionMethod.OPTIMAL,
            SelectionMethod.GREEDY, SelectionMethod.GREEDY_NAIVE, SelectionMethod.BED);

    /** rows, cols, V: square, tall, wide, Co not a multiple of V, a single row of blocks, V = 1. */
    private static final int[][] SHAPES = {{16, 16, 4}, {33, 7, 4}, {10, 20, 4}, {18, 9, 2}, {4, 30, 4}, {7, 5, 2},
            {5, 12, 3}, {12, 6, 1}, {64, 24, 4}};

    @Test
    void everySelectorKeepsExactlyTheBudgetInsideTheMatrixWithoutOverlap() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int[] shape : SHAPES) {
            int rows = shape[0];
            int cols = shape[1];
            int v = shape[2];
            for (double sparsity : new double[] {0.0, 0.3, 0.5, 0.8, 0.9, 0.99}) {
                ScoreMatrix s = rng.nextBoolean() ? Matrices.scores(rng, rows, cols) : Matrices.tiedScores(rng, rows, cols);
                Budget budget = cappedBudget(rows, cols, v, sparsity);
                for (SelectionMethod method : BLOCKWISE) {
                    BlockSelection sel = method.selector().select(s, budget);
                    String label = method + " " + rows + "x" + cols + " V=" + v + " s=" + sparsity;
                    assertThat(sel.count()).as(label).isEqualTo(budget.blocks());
                    assertThat(sel.blockSize()).as(label).isEqualTo(v);
                    assertThat(countTrue(sel.mask())).as(label + " (no overlap)").isEqualTo(budget.keptWeights());
                    for (int i = 0; i < sel.count(); i++) {
                        assertThat(sel.startRow(i)).as(label).isBetween(0, rows - v);
                        assertThat(sel.column(i)).as(label).isBetween(0, cols - 1);
                    }
                    if (method == SelectionMethod.ABP) {
                        assertThat(sel.isAligned()).as(label).isTrue();
                    }
                }
                BlockSelection unstructured = new UnstructuredSelector().select(s, budget);
                assertThat(unstructured.blockSize()).isEqualTo(1);
                assertThat(unstructured.keptWeights()).isEqualTo(budget.keptWeights());
            }
        }
    }

    @Test
    void scoresAreOrderedUnstructuredDpBedAndDpAboveAbpAndGreedy() {
        SplittableRandom rng = new SplittableRandom(5);
        int checked = 0;
        for (int[] shape : SHAPES) {
            for (double sparsity : new double[] {0.5, 0.7, 0.8, 0.9}) {
                for (int trial = 0; trial < 3; trial++) {
                    ScoreMatrix s = trial == 0 ? Matrices.tiedScores(rng, shape[0], shape[1])
                            : Matrices.scores(rng, shape[0], shape[1]);
                    Budget budget = cappedBudget(shape[0], shape[1], shape[2], sparsity);
                    double unstructured = new UnstructuredSelector().select(s, budget).keptScore(s);
                    double dp = new OptimalSelector().select(s, budget).keptScore(s);
                    double bed = new BedSelector().select(s, budget).keptScore(s);
                    double abp = new AlignedSelector().select(s, budget).keptScore(s);
                    double greedy = new GreedySelector().select(s, budget).keptScore(s);
                    String label = shape[0] + "x" + shape[1] + " V=" + shape[2] + " s=" + sparsity;
                    assertThat(unstructured).as(label).isGreaterThanOrEqualTo(dp - SLACK);
                    assertThat(dp).as(label).isGreaterThanOrEqualTo(bed - SLACK);
                    assertThat(dp).as(label).isGreaterThanOrEqualTo(abp - SLACK);
                    assertThat(dp).as(label).isGreaterThanOrEqualTo(greedy - SLACK);
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(SHAPES.length * 12);
    }

    @Test
    void bedStaysCloseToTheOptimumAndAboveAlignedOnGaussianLayers() {
        SplittableRandom rng = new SplittableRandom(9);
        for (double sparsity : new double[] {0.5, 0.8, 0.9}) {
            ScoreMatrix s = Matrices.scores(rng, 96, 64);
            Budget budget = Budget.forSparsity(96, 64, 4, sparsity);
            double dp = new OptimalSelector().select(s, budget).keptScore(s);
            double bed = new BedSelector().select(s, budget).keptScore(s);
            double abp = new AlignedSelector().select(s, budget).keptScore(s);
            assertThat(bed / dp).as("BED / DP at %s", sparsity).isGreaterThan(0.95);
            assertThat(bed).as("BED vs ABP at %s", sparsity).isGreaterThan(abp);
        }
    }

    @Test
    void emptyBudgetKeepsNothing() {
        ScoreMatrix s = Matrices.scores(new SplittableRandom(2), 8, 8);
        for (SelectionMethod method : BLOCKWISE) {
            assertThat(method.selector().select(s, new Budget(4, 0)).count()).as(method.id()).isZero();
        }
    }

    /** The budget for the sparsity, capped at the most blocks that fit (V need not divide Co here). */
    private static Budget cappedBudget(int rows, int cols, int v, double sparsity) {
        long wanted = (long) Math.floor(rows * cols * (1 - sparsity) / v + 1e-9);
        return new Budget(v, (int) Math.min(wanted, new Budget(v, 0).maxBlocks(rows, cols)));
    }

    private static long countTrue(boolean[] mask) {
        long n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
