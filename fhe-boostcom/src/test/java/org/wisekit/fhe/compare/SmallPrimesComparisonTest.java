package org.wisekit.fhe.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.bgv.ParametersLiteral;
import org.wisekit.fhe.bgv.SmallPrimesTest;
import org.wisekit.fhe.ring.BluesteinDft;

/** A T0-sized comparison over small primes (1 mod m only), the option B2_96 uses at full size. */
class SmallPrimesComparisonTest {

    @Test
    void t0ChainWithSmallPrimesComparesSixteenBitWordsExactly() {
        // T0's sizes all have primes 1 mod m N, which generation prefers: take the auxiliary-path ones explicitly
        ParametersLiteral literal = ComparisonTier.T0.literal().withSmallPrimes(true);
        int m = literal.m();
        long mn = (long) m * BluesteinDft.convolutionLength(m);
        List<Long> primes = SmallPrimesTest.auxiliaryPathPrimes(literal);
        BgvParameters parameters = BgvParameters.createInsecure(literal, primes);
        assertThat(parameters.primes()).allSatisfy(q -> assertThat(q % mn).isNotEqualTo(1));
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
