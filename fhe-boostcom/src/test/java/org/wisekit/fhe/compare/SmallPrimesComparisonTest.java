package org.wisekit.fhe.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.ring.BluesteinDft;

/** A T0-sized comparison over small primes (1 mod m only), the option B2_96 uses at full size. */
class SmallPrimesComparisonTest {

    @Test
    void t0ChainWithSmallPrimesComparesSixteenBitWordsExactly() {
        BgvParameters parameters = BgvParameters.sharedInsecure(ComparisonTier.T0.literal().withSmallPrimes(true));
        int m = parameters.m();
        long mn = (long) m * BluesteinDft.convolutionLength(m);
        assertThat(parameters.primes()).allSatisfy(q -> assertThat(q % m).isEqualTo(1));
        assertThat(parameters.primes()).anySatisfy(q -> assertThat(q % mn).isNotEqualTo(1));
        ComparisonSession session = ComparisonSession.create(parameters, WordFormat.of(parameters, 16),
                new int[] {6}, new int[0], new SplittableRandom(7));
        int capacity = session.encryptor().capacity();
        SplittableRandom random = new SplittableRandom(8);
        long[] a = ComparisonFixture.randomWords(random, capacity, 16);
        long[] b = ComparisonFixture.randomWords(random, capacity, 16);
        a[0] = 0;
        b[0] = 0;
        a[1] = 65535;
        b[1] = 65534;
        if (capacity > 2) {
            b[2] = a[2];
        }
        try (IzComparator comparator = session.comparator(BoostComOptions.baseline())) {
            ComparisonResult result = comparator.compare(session.encryptor().encrypt(a), session.encryptor().encrypt(b));
            boolean[] lt = session.decryptor().lessThan(result);
            boolean[] eq = session.decryptor().equal(result);
            for (int i = 0; i < capacity; i++) {
                assertThat(lt[i]).as("lt %d: %d < %d", i, a[i], b[i]).isEqualTo(a[i] < b[i]);
                assertThat(eq[i]).as("eq %d: %d == %d", i, a[i], b[i]).isEqualTo(a[i] == b[i]);
            }
        }
    }
}
