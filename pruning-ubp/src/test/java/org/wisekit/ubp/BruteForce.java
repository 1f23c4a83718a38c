package org.wisekit.ubp;

import java.util.ArrayList;
import java.util.List;

/** Enumerates every placement of B non-overlapping V x 1 blocks: the oracle for the exact DP. */
final class BruteForce {

    private BruteForce() {
    }

    static double bestScore(ScoreMatrix s, Budget budget) {
        int v = budget.blockSize();
        List<List<double[]>> perColumn = new ArrayList<>();
        for (int c = 0; c < s.cols(); c++) {
            List<double[]> placements = new ArrayList<>();   // {blocks, score}
            placeInColumn(s, c, v, 0, 0, 0, placements);
            perColumn.add(placements);
        }
        return best(perColumn, 0, budget.blocks(), s.rows() / v);
    }

    /** Every set of non-overlapping blocks in column c at rows >= from. */
    private static void placeInColumn(ScoreMatrix s, int c, int v, int from, int blocks, double score,
                                      List<double[]> out) {
        out.add(new double[] {blocks, score});
        for (int r = from; r + v <= s.rows(); r++) {
            double block = 0;
            for (int j = 0; j < v; j++) {
                block += s.at(r + j, c);
            }
            placeInColumn(s, c, v, r + v, blocks + 1, score + block, out);
        }
    }

    private static double best(List<List<double[]>> perColumn, int c, int remaining, int perColumnMax) {
        if (c == perColumn.size()) {
            return remaining == 0 ? 0 : Double.NEGATIVE_INFINITY;
        }
        if (remaining > (long) perColumnMax * (perColumn.size() - c)) {
            return Double.NEGATIVE_INFINITY;
        }
        double best = Double.NEGATIVE_INFINITY;
        for (double[] p : perColumn.get(c)) {
            if (p[0] <= remaining) {
                best = Math.max(best, p[1] + best(perColumn, c + 1, remaining - (int) p[0], perColumnMax));
            }
        }
        return best;
    }
}
