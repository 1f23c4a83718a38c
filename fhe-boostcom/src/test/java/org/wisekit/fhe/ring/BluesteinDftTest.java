package org.wisekit.fhe.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BluesteinDftTest {

    @Test
    void matchesTheQuadraticDft() {
        SplittableRandom random = new SplittableRandom(6);
        for (int m : new int[] {3, 5, 17, 307}) {
            long congruence = (long) m * BluesteinDft.convolutionLength(m);
            for (int bits : new int[] {40, 61}) {
                long q = Primes.descendingCongruentPrimes(bits, congruence, 1, Set.of()).get(0);
                Modulus mod = Modulus.of(q);
                BluesteinDft dft = BluesteinDft.create(mod, m);
                assertThat(mod.pow(dft.omega(), m)).isEqualTo(1);
                long[] a = random.longs(m, 0, q).toArray();
                long[] out = new long[m];
                dft.forward(a, out);
                assertThat(out).as("m = %d, q = %d", m, q).isEqualTo(quadraticDft(a, dft.omega(), mod));
                dft.inverse(out, out);
                assertThat(out).isEqualTo(a);
            }
        }
    }

    @Test
    void convolutionLengthIsThePowerOfTwoCoveringTwoMMinusOne() {
        assertThat(BluesteinDft.convolutionLength(3)).isEqualTo(8);
        assertThat(BluesteinDft.convolutionLength(512)).isEqualTo(1024);
        assertThat(BluesteinDft.convolutionLength(307)).isEqualTo(1024);
        assertThat(BluesteinDft.convolutionLength(17293)).isEqualTo(65536);
        assertThat(BluesteinDft.convolutionLength(512 + 1)).isEqualTo(2048);
    }

    @Test
    void rejectsEvenLengthsAndPrimesWithoutTheRoots() {
        assertThatThrownBy(() -> BluesteinDft.create(Modulus.of(17), 4))
                .hasMessage("Bluestein length m must be odd and >= 3, got 4");
        assertThatThrownBy(() -> BluesteinDft.create(Modulus.of(7), 3))
                .hasMessage("q = 7 must be 1 mod m = 3 and 1 mod N = 8");
    }

    static long[] quadraticDft(long[] a, long omega, Modulus mod) {
        int m = a.length;
        long[] out = new long[m];
        for (int k = 0; k < m; k++) {
            long root = mod.pow(omega, k);
            long sum = 0;
            long power = 1;
            for (long x : a) {
                sum = mod.add(sum, mod.mul(x, power));
                power = mod.mul(power, root);
            }
            out[k] = sum;
        }
        return out;
    }
}
