package org.wisekit.lutmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The cumulative-sum split search against a brute-force scan of every threshold. */
class SplitSearchTest {

    @Test
    void optimalSplitEqualsBruteForceScan() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int d = 1 + rng.nextInt(6);
            int n = 2 + rng.nextInt(40);
            float[] x = new float[n * d];
            for (int p = 0; p < x.length; p++) {
                // few distinct values so that duplicates (ties) are common
                x[p] = trial % 2 == 0 ? rng.nextInt(5) - 2 : (float) rng.nextGaussian();
            }
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = i;
            }
            int start = rng.nextInt(d);
            int width = 1 + rng.nextInt(d - start);
            int dim = start + rng.nextInt(width);
            SplitSearch.Split fast = SplitSearch.optimal(x, d, rows, n, start, width, dim);
            SplitSearch.Split brute = bruteForce(x, d, n, start, width, dim);
            assertThat(fast.loss()).isCloseTo(brute.loss(), within(1e-6 * (1 + brute.loss())));
            if (Float.isNaN(brute.threshold())) {
                assertThat(fast.threshold()).isNaN();
            } else {
                assertThat(fast.threshold()).isEqualTo(brute.threshold());
            }
        }
    }

    @Test
    void handComputedSplitSeparatesTwoClusters() {
        float[] x = {0f, 0.1f, 0.2f, 10f, 10.1f};
        SplitSearch.Split s = SplitSearch.optimal(x, 1, new int[]{4, 2, 0, 3, 1}, 5, 0, 1, 0);
        assertThat(s.threshold()).isEqualTo(5.1f);
        assertThat(s.loss()).isCloseTo(0.02 + 0.005, within(1e-6));
    }

    /** Every midpoint between neighbouring distinct values, SSE computed directly; the first best wins. */
    private static SplitSearch.Split bruteForce(float[] x, int d, int n, int start, int width, int dim) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = x[i * d + dim];
        }
        Arrays.sort(values);
        double best = Double.POSITIVE_INFINITY;
        float bestV = Float.NaN;
        for (int k = 1; k < n; k++) {
            if (!(values[k - 1] < values[k])) {
                continue;
            }
            float v = SplitSearch.midpoint(values[k - 1], values[k]);
            int[] left = new int[n];
            int[] right = new int[n];
            int nl = 0;
            int nr = 0;
            for (int i = 0; i < n; i++) {
                if (x[i * d + dim] > v) {
                    right[nr++] = i;
                } else {
                    left[nl++] = i;
                }
            }
            double loss = SplitSearch.sse(x, d, left, nl, start, width) + SplitSearch.sse(x, d, right, nr, start, width);
            if (loss < best - 1e-9) {
                best = loss;
                bestV = v;
            }
        }
        if (Float.isNaN(bestV)) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return new SplitSearch.Split(Float.NaN, SplitSearch.sse(x, d, all, n, start, width));
        }
        return new SplitSearch.Split(bestV, best);
    }
}
