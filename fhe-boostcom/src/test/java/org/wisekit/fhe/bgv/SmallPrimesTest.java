package org.wisekit.fhe.bgv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wisekit.fhe.ring.BluesteinDft;
import org.wisekit.fhe.slots.SlotVector;

/** The {@code smallPrimes} option: primes 1 mod m only, using the auxiliary-prime Bluestein path. */
class SmallPrimesTest {

    @Test
    void t0LiteralWithSmallPrimesTakesPrimesOneModMAndComputesCorrectly() {
        ParametersLiteral literal = ParameterTier.T0.literal();
        BgvParameters small = BgvParameters.createInsecure(literal.withSmallPrimes(true));
        assertThat(small.smallPrimes()).isTrue();
        int m = literal.m();
        long mn = (long) m * BluesteinDft.convolutionLength(m);
        List<Long> primes = small.primes();
        assertThat(primes).allSatisfy(q -> assertThat(q % m).isEqualTo(1));
        assertThat(primes).anySatisfy(q -> assertThat(q % mn).isNotEqualTo(1));
        assertThat(BgvParameters.createInsecure(literal).smallPrimes()).isFalse();

        BgvFixture f = new BgvFixture(small, 3, BgvFixture.SHIFTS, BgvFixture.ROTATIONS);
        SlotVector a = f.randomSlots();
        SlotVector b = f.randomSlots();
        Ciphertext ca = f.encrypt(a);
        Ciphertext cb = f.encrypt(b);
        assertThat(f.decrypt(ca)).isEqualTo(a);
        assertThat(f.decrypt(f.evaluator.multiplyRelin(ca, cb))).isEqualTo(a.times(b));
    }

    @Test
    void generatorWithSmallPrimesUsesChainPrimesBelowTheMNBound() {
        ParameterGenerator.Result result = ParameterGenerator.forPlaintextModulus(131).m(17293).depth(13)
                .securityBits(96).minChainPrimeBits(31).smallPrimes(true).generate();
        assertThat(result.congruence()).isEqualTo(17293);
        assertThat(result.primes()).allSatisfy(q -> assertThat(q % 17293).isEqualTo(1));
        assertThat(result.literal().logQ().subList(1, result.literal().logQ().size())).allSatisfy(
                bits -> assertThat(bits).isLessThanOrEqualTo(32));
    }
}
