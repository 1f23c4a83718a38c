package org.wisekit.fhe.bgv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wisekit.fhe.ring.BluesteinDft;
import org.wisekit.fhe.ring.Primes;
import org.wisekit.fhe.slots.SlotVector;

/**
 * The {@code smallPrimes} option: primes 1 mod m suffice (the auxiliary-prime Bluestein path), primes 1 mod m N are
 * still preferred where a size has one.
 */
public class SmallPrimesTest {

    @Test
    void t0LiteralWithSmallPrimesPrefersDirectPrimesAndComputesOnAuxiliaryOnes() {
        ParametersLiteral literal = ParameterTier.T0.literal().withSmallPrimes(true);
        int m = literal.m();
        long mn = (long) m * BluesteinDft.convolutionLength(m);
        // generated: every size of T0 has primes 1 mod m N, and those are taken (the direct transform)
        BgvParameters generated = BgvParameters.createInsecure(literal);
        assertThat(generated.smallPrimes()).isTrue();
        assertThat(generated.primes()).allSatisfy(q -> assertThat(q % mn).isEqualTo(1));
        assertThat(BgvParameters.createInsecure(ParameterTier.T0.literal()).smallPrimes()).isFalse();

        // explicit primes that are 1 mod m only: the auxiliary-prime transform
        BgvParameters small = BgvParameters.createInsecure(literal, auxiliaryPathPrimes(literal));
        List<Long> primes = small.primes();
        assertThat(primes).allSatisfy(q -> {
            assertThat(q % m).isEqualTo(1);
            assertThat(q % mn).isNotEqualTo(1);
        });
        BgvFixture f = new BgvFixture(small, 3, BgvFixture.SHIFTS, BgvFixture.ROTATIONS);
        SlotVector a = f.randomSlots();
        SlotVector b = f.randomSlots();
        Ciphertext ca = f.encrypt(a);
        Ciphertext cb = f.encrypt(b);
        assertThat(f.decrypt(ca)).isEqualTo(a);
        assertThat(f.decrypt(f.evaluator.multiplyRelin(ca, cb))).isEqualTo(a.times(b));
        assertThat(f.decrypt(f.evaluator.modSwitch(f.evaluator.multiplyRelin(ca, cb)))).isEqualTo(a.times(b));
    }

    /** For each size of the literal, the largest unused prime that is 1 mod m but not 1 mod m N (tests only). */
    public static List<Long> auxiliaryPathPrimes(ParametersLiteral literal) {
        int m = literal.m();
        long mn = (long) m * BluesteinDft.convolutionLength(m);
        Set<Long> used = new HashSet<>(Set.of(literal.plaintextModulus()));
        List<Long> primes = new ArrayList<>();
        for (int bits : Stream.concat(literal.logQ().stream(), literal.logP().stream()).toList()) {
            long q = Primes.descendingCongruentPrimes(bits, m, 64, used).stream().filter(x -> x % mn != 1)
                    .findFirst().orElseThrow();
            used.add(q);
            primes.add(q);
        }
        return primes;
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
