package org.wisekit.fhe.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.bgv.Ciphertext;
import org.wisekit.fhe.bgv.Decryptor;

/**
 * The comparison under the noise-driven level policy at T1 (T0 is covered by {@link IzComparatorTest}): exact
 * bits, an estimate that stays below the measured budget at every stage, and results handed back at the lowest
 * level their noise allows.
 */
class NoiseDrivenComparisonTest {

    @Test
    void a32BitComparisonAtT1IsExactAndEndsAtItsNaturalLevel() {
        BgvParameters params = ComparisonTier.T1.insecureParameters();
        WordFormat format = WordFormat.of(params, 32);
        int count = params.slots().slotCount() / format.slotsPerWord();
        ComparisonSession s = ComparisonSession.create(params, format, new int[] {count}, new int[0],
                new SplittableRandom(111));
        SplittableRandom random = new SplittableRandom(112);
        long max = (1L << 32) - 1;
        long[] a = new long[count];
        long[] b = new long[count];
        long[][] edges = {{0, 0}, {max, max}, {0, max}, {max, 0}, {max - 1, max}, {1L << 31, (1L << 31) - 1},
            {123456789, 123456790}, {123456790, 123456789}};
        for (int i = 0; i < count; i++) {
            if (i < edges.length) {
                a[i] = edges[i][0];
                b[i] = edges[i][1];
            } else {
                a[i] = random.nextLong(1L << 32);
                b[i] = i % 3 == 0 ? a[i] : random.nextLong(1L << 32);
            }
        }
        Decryptor decryptor = s.decryptor().decryptor();
        try (IzComparator comparator = s.comparator(BoostComOptions.all(2))) {
            ComparisonResult result = comparator.compare(s.encryptor().encrypt(a), s.encryptor().encrypt(b));
            boolean[] lt = s.decryptor().lessThan(result);
            boolean[] eq = s.decryptor().equal(result);
            for (int i = 0; i < count; i++) {
                assertThat(lt[i]).as("%d < %d", a[i], b[i]).isEqualTo(a[i] < b[i]);
                assertThat(eq[i]).as("%d == %d", a[i], b[i]).isEqualTo(a[i] == b[i]);
            }
            for (Stage stage : result.stages()) {
                assertThat(stage.estimatedBudget()).as(stage.name())
                        .isLessThanOrEqualTo(decryptor.noiseBudget(stage.output()));
            }
            var evaluator = comparator.setup().evaluator();
            for (Ciphertext bits : new Ciphertext[] {result.lessThan(), result.equal()}) {
                assertThat(evaluator.naturalLevel(bits)).as("settled").isEqualTo(bits.level());
                assertThat(bits.estimatedNoiseBudget()).isPositive().isLessThanOrEqualTo(decryptor.noiseBudget(bits));
            }
            // The whole comparison fits well inside T1's chain (it used one prime per product before).
            assertThat(result.lessThan().level()).isGreaterThanOrEqualTo(params.maxLevel() / 2);
        }
    }
}
