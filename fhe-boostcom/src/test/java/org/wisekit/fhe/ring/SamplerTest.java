package org.wisekit.fhe.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplerTest {

    private static final int N = 200_000;

    @Test
    void ternaryIsUniformOverMinusOneZeroOne() {
        long[] s = Sampler.ternary(new SplittableRandom(70), N);
        for (long value = -1; value <= 1; value++) {
            long v = value;
            assertThat(Arrays.stream(s).filter(x -> x == v).count() / (double) N).isCloseTo(1.0 / 3, within(0.01));
        }
        assertThat(Arrays.stream(s).allMatch(x -> x >= -1 && x <= 1)).isTrue();
    }

    @Test
    void gaussianHasTheRequestedSpreadAndACutTail() {
        long[] e = Sampler.gaussian(new SplittableRandom(71), N, 3.2);
        double mean = Arrays.stream(e).average().orElseThrow();
        double variance = Arrays.stream(e).mapToDouble(x -> (x - mean) * (x - mean)).sum() / N;
        assertThat(mean).isCloseTo(0, within(0.05));
        // Rounding adds 1/12 to the variance.
        assertThat(variance).isCloseTo(3.2 * 3.2 + 1.0 / 12, within(0.2));
        assertThat(Arrays.stream(e).map(Math::abs).max().orElseThrow()).isLessThanOrEqualTo(Math.round(6 * 3.2));
    }

    @Test
    void uniformResiduesCoverZeroToQ() {
        for (long q : new long[] {17, (1L << 40) + 15, 2305843009213693951L}) {
            long[] out = new long[N / 4];
            Sampler.uniform(new SplittableRandom(72), Modulus.of(q), out);
            assertThat(Arrays.stream(out).allMatch(x -> x >= 0 && x < q)).isTrue();
            double mean = Arrays.stream(out).mapToDouble(x -> x / (double) q).average().orElseThrow();
            assertThat(mean).isCloseTo((q - 1) / (2.0 * q), within(0.01));
        }
    }
}
