package org.wisekit.bench.dfmsd;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.wisekit.dfmsd.mask.Masks;

/**
 * DFMSD's spatial mask (hide the top {@code ceil(rho H W)} attention scores, rho 0.5): {@code Masks.topSpatial}
 * (O(n) selection, the candidate) against the obvious method, sorting a copy of the scores and masking every score
 * above the k-th, ties to the lower index (the baseline).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MaskBenchmark {

    @Param({"12x12", "32x32", "100x152"})
    String map;

    @Param("1")
    int threads;

    int h;
    int w;
    float[] scores;
    float[] sorted;
    float[] mask;

    @Setup
    public void setUp() {
        String[] hw = map.split("x");
        h = Integer.parseInt(hw[0]);
        w = Integer.parseInt(hw[1]);
        SplittableRandom r = new SplittableRandom(7);
        scores = new float[h * w];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (float) Math.exp(3 * r.nextDouble());
        }
        sorted = new float[scores.length];
        mask = new float[scores.length];
    }

    @Benchmark
    public float[] selectionMask() {
        Masks.topSpatial(scores, h, w, 0.5, mask);
        return mask;
    }

    @Benchmark
    public float[] sortMask() {
        int n = scores.length;
        int k = Masks.maskedCount(0.5, n);
        System.arraycopy(scores, 0, sorted, 0, n);
        Arrays.sort(sorted);
        float kth = sorted[n - k];
        int above = 0;
        for (int i = 0; i < n; i++) {
            if (scores[i] > kth) {
                above++;
            }
        }
        int ties = k - above;
        for (int i = 0; i < n; i++) {
            float s = scores[i];
            if (s > kth) {
                mask[i] = 0;
            } else if (s == kth && ties > 0) {
                mask[i] = 0;
                ties--;
            } else {
                mask[i] = 1;
            }
        }
        return mask;
    }
}
