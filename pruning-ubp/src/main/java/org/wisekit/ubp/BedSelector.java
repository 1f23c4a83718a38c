package org.wisekit.ubp;

import java.util.Arrays;
import org.wisekit.ubp.internal.ColumnMajor;
import org.wisekit.ubp.internal.MaxHeap;
import org.wisekit.ubp.internal.TopK;
import org.wisekit.ubp.internal.WindowDp;

/**
 * BED, block expansion and division: a fast, pseudo-optimal unaligned selection. <b>Reconstructed</b>:
 * the paper names BED but its text is not available, so this is our specification of it, built on the
 * expand/divide invariant of the authors' greedy. It is not
 * claimed to be the paper's exact algorithm.
 *
 * <ol>
 *   <li><b>Seed</b>: mark the B V highest-scoring weights (the unstructured mask at the same density).</li>
 *   <li><b>Runs</b>: in each column, find the maximal runs of marked rows; a run of length L holds
 *       q = floor(L / V) blocks and rho = L mod V spare rows.</li>
 *   <li><b>Division</b>: every run starts divided: the rho spare rows are dropped from its ends (x on the
 *       left, rho - x on the right, x chosen to keep the most score), leaving q blocks.</li>
 *   <li><b>Repair the budget</b> (sum q is at most B): give the missing blocks to the <b>expansions</b>
 *       with the largest gains. Expanding a run keeps all of it and adds V - rho free neighbouring rows,
 *       split between its ends to add the most score: one block more than its division, gain = expanded
 *       score - divided score. A run expands at most once and rows are never used twice; gains only fall
 *       as rows get used, so a lazy max-heap re-evaluates a popped expansion and pushes it back if its
 *       gain fell. If blocks are still missing, <b>fill</b> with the best free windows of V consecutive
 *       unused rows (max-heap over the windows' score sums).</li>
 *   <li>If fragmentation leaves blocks missing (no V free consecutive rows anywhere), the column that
 *       loses least is re-solved exactly with one block more (per-column DP), until B blocks exist.</li>
 *   <li><b>Divide</b> every kept interval into consecutive V-blocks from its first row.</li>
 * </ol>
 * O(N log N) time and O(N) memory.
 */
public final class BedSelector implements BlockSelector {

    @Override
    public BlockSelection select(ScoreMatrix scores, Budget budget) {
        budget.checkFits(scores.rows(), scores.cols());
        return new Search(scores, budget).run();
    }

    /** The state of one selection; column-major positions {@code c * rows + r} throughout. */
    private static final class Search {

        private final int rows;
        private final int cols;
        private final int v;
        private final int budget;
        private final float[] a;
        private final boolean[] used;
        private final boolean[] blockStart;

        private int runCount;
        private int[] runFrom;
        private int[] runTo;
        private int[] keepFrom;
        private int[] keepTo;
        private double[] runScore;
        private double[] dividedScore;
        private boolean[] expanded;

        /** Result of {@link #bestExpansion}: the gain and the first row of the expanded interval. */
        private double expansionGain;
        private int expansionFrom;

        Search(ScoreMatrix scores, Budget budget) {
            this.rows = scores.rows();
            this.cols = scores.cols();
            this.v = budget.blockSize();
            this.budget = budget.blocks();
            this.a = ColumnMajor.scores(scores);
            this.used = new boolean[a.length];
            this.blockStart = new boolean[a.length];
        }

        BlockSelection run() {
            boolean[] seeded = new boolean[a.length];
            for (int i : TopK.largest(a, budget * v)) {
                seeded[i] = true;
            }
            findRuns(seeded);
            int missing = budget - divideRuns();
            missing = expandOrFill(missing);
            markDividedAndExpandedRuns();
            while (missing > 0) {
                addBlockToBestColumn();
                missing--;
            }
            int[] starts = new int[budget];
            int n = 0;
            for (int i = 0; i < a.length; i++) {
                if (blockStart[i]) {
                    starts[n++] = i;
                }
            }
            return ColumnMajor.fromStarts(rows, cols, v, starts);
        }

        private void findRuns(boolean[] seeded) {
            int[] from = new int[a.length];
            int[] to = new int[a.length];
            int count = 0;
            for (int c = 0; c < cols; c++) {
                int end = (c + 1) * rows;
                int i = c * rows;
                while (i < end) {
                    if (!seeded[i]) {
                        i++;
                        continue;
                    }
                    from[count] = i;
                    while (i < end && seeded[i]) {
                        i++;
                    }
                    to[count++] = i;
                }
            }
            runCount = count;
            runFrom = Arrays.copyOf(from, count);
            runTo = Arrays.copyOf(to, count);
        }

        /** Divides every run (drops its spare rows where they cost least); returns the blocks this keeps. */
        private int divideRuns() {
            keepFrom = new int[runCount];
            keepTo = new int[runCount];
            runScore = new double[runCount];
            dividedScore = new double[runCount];
            expanded = new boolean[runCount];
            int blocks = 0;
            for (int k = 0; k < runCount; k++) {
                int from = runFrom[k];
                int to = runTo[k];
                runScore[k] = sum(from, to);
                int spare = (to - from) % v;
                int bestLeft = 0;
                double best = Double.NEGATIVE_INFINITY;
                for (int left = 0; left <= spare; left++) {
                    double kept = sum(from + left, to - (spare - left));
                    if (kept > best) {
                        best = kept;
                        bestLeft = left;
                    }
                }
                keepFrom[k] = from + bestLeft;
                keepTo[k] = to - (spare - bestLeft);
                dividedScore[k] = best;
                Arrays.fill(used, keepFrom[k], keepTo[k], true);
                blocks += (to - from) / v;
            }
            return blocks;
        }

        /**
         * Gives the missing blocks to the expansions with the largest gains (lazy heap: a popped expansion
         * whose gain fell since it was pushed goes back), then, if blocks are still missing, to the best
         * free windows. Returns what is still missing.
         */
        private int expandOrFill(int missing) {
            if (missing == 0) {
                return 0;
            }
            MaxHeap expansions = new MaxHeap(runCount);
            for (int k = 0; k < runCount; k++) {
                if (bestExpansion(k)) {
                    expansions.addUnordered(expansionGain, k, 0);
                }
            }
            expansions.heapify();
            while (missing > 0 && !expansions.isEmpty()) {
                double gain = expansions.topKey();
                int k = expansions.topId();
                expansions.pop();
                if (!bestExpansion(k)) {
                    continue;
                }
                if (expansionGain < gain) {
                    expansions.push(expansionGain, k, 0);
                    continue;
                }
                expanded[k] = true;
                keepFrom[k] = expansionFrom;
                keepTo[k] = expansionFrom + (runTo[k] - runFrom[k]) + v - (runTo[k] - runFrom[k]) % v;
                Arrays.fill(used, keepFrom[k], keepTo[k], true);
                missing--;
            }
            if (missing == 0) {
                return 0;
            }
            MaxHeap windows = new MaxHeap(a.length / v);
            for (int i = 0; i < a.length; i++) {
                if (isFreeWindow(i)) {
                    windows.addUnordered(sum(i, i + v), i, 0);
                }
            }
            windows.heapify();
            while (missing > 0 && !windows.isEmpty()) {
                int first = windows.topId();
                windows.pop();
                if (isFreeWindow(first)) {
                    Arrays.fill(used, first, first + v, true);
                    blockStart[first] = true;
                    missing--;
                }
            }
            return missing;
        }

        /**
         * The best expansion of run k under the current use of rows: keep the whole run and add
         * V - rho free rows around it. Sets {@link #expansionGain} and {@link #expansionFrom}; false when
         * the run cannot expand (already did, its spare rows were taken, or too few free neighbours).
         */
        private boolean bestExpansion(int k) {
            if (expanded[k]) {
                return false;
            }
            int from = runFrom[k];
            int to = runTo[k];
            for (int i = from; i < to; i++) {
                if (used[i] && (i < keepFrom[k] || i >= keepTo[k])) {
                    return false;
                }
            }
            int add = v - (to - from) % v;
            int columnStart = from - from % rows;
            int columnEnd = columnStart + rows;
            int freeLeft = 0;
            while (freeLeft < add && from - freeLeft - 1 >= columnStart && !used[from - freeLeft - 1]) {
                freeLeft++;
            }
            int freeRight = 0;
            while (freeRight < add && to + freeRight < columnEnd && !used[to + freeRight]) {
                freeRight++;
            }
            if (freeLeft + freeRight < add) {
                return false;
            }
            double best = Double.NEGATIVE_INFINITY;
            int bestLeft = -1;
            for (int left = Math.max(0, add - freeRight); left <= freeLeft; left++) {
                double added = sum(from - left, from) + sum(to, to + add - left);
                if (added > best) {
                    best = added;
                    bestLeft = left;
                }
            }
            expansionGain = runScore[k] + best - dividedScore[k];
            expansionFrom = from - bestLeft;
            return true;
        }

        private boolean isFreeWindow(int first) {
            if (first % rows + v > rows) {
                return false;
            }
            for (int i = first; i < first + v; i++) {
                if (used[i]) {
                    return false;
                }
            }
            return true;
        }

        private void markDividedAndExpandedRuns() {
            for (int k = 0; k < runCount; k++) {
                for (int i = keepFrom[k]; i < keepTo[k]; i += v) {
                    blockStart[i] = true;
                }
            }
        }

        /** Re-solves, exactly and with one more block, the column whose kept score falls least. */
        private void addBlockToBestColumn() {
            int bestColumn = -1;
            double bestGain = Double.NEGATIVE_INFINITY;
            int[] bestStarts = null;
            for (int c = 0; c < cols; c++) {
                int base = c * rows;
                int blocks = 0;
                double current = 0;
                for (int r = 0; r < rows; r++) {
                    if (blockStart[base + r]) {
                        blocks++;
                        current += sum(base + r, base + r + v);
                    }
                }
                if (blocks >= rows / v) {
                    continue;
                }
                int[] starts = WindowDp.solve(Arrays.copyOfRange(a, base, base + rows), rows, v, blocks + 1);
                double score = 0;
                for (int s : starts) {
                    score += sum(base + s, base + s + v);
                }
                if (score - current > bestGain) {
                    bestGain = score - current;
                    bestColumn = c;
                    bestStarts = starts;
                }
            }
            if (bestColumn < 0) {
                throw new IllegalStateException("no column can take another block of " + v);
            }
            int base = bestColumn * rows;
            Arrays.fill(blockStart, base, base + rows, false);
            for (int s : bestStarts) {
                blockStart[base + s] = true;
            }
        }

        private double sum(int from, int to) {
            double s = 0;
            for (int i = from; i < to; i++) {
                s += a[i];
            }
            return s;
        }
    }
}
