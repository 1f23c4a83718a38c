package org.wisekit.fhe.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ModulusTest {

    private static final long[] MODULI = {2, 3, 17, 257, 65537, 1_000_000_007L, (1L << 31) - 1,
            2305843009213693951L /* 2^61 - 1 */, (1L << 60) + 33, (1L << 40) + 15};

    @Test
    void multiplicationsMatchBigInteger() {
        SplittableRandom random = new SplittableRandom(1);
        for (long q : MODULI) {
            Modulus mod = Modulus.of(q);
            BigInteger bq = BigInteger.valueOf(q);
            for (int i = 0; i < 2000; i++) {
                long a = i < 4 ? edge(q, i) : random.nextLong(q);
                long b = i < 4 ? edge(q, 3 - i) : random.nextLong(q);
                long expected = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).mod(bq).longValueExact();
                assertThat(mod.mul(a, b)).as("%d * %d mod %d", a, b, q).isEqualTo(expected);
                assertThat(mod.mulShoup(a, b, mod.shoup(b))).isEqualTo(expected);
                long lazy = Modulus.mulShoupLazy(a + 3 * q, b, mod.shoup(b), q);
                assertThat(lazy).isBetween(0L, 2 * q - 1);
                assertThat(lazy % q).isEqualTo(expected);
            }
        }
    }

    private static long edge(long q, int i) {
        return new long[] {0, 1, q - 1, q / 2}[i];
    }

    @Test
    void shoupCompanionIsTheFloorOfW2To64OverQ() {
        for (long q : MODULI) {
            Modulus mod = Modulus.of(q);
            for (long w : new long[] {0, 1, q / 3, q - 1}) {
                BigInteger expected = BigInteger.valueOf(w).shiftLeft(64).divide(BigInteger.valueOf(q));
                assertThat(new BigInteger(Long.toUnsignedString(mod.shoup(w)))).isEqualTo(expected);
            }
        }
    }

    @Test
    void additiveOperationsPowersAndInverses() {
        Modulus mod = Modulus.of(17);
        assertThat(mod.add(16, 5)).isEqualTo(4);
        assertThat(mod.sub(3, 5)).isEqualTo(15);
        assertThat(mod.negate(0)).isZero();
        assertThat(mod.negate(4)).isEqualTo(13);
        assertThat(mod.reduce(-1)).isEqualTo(16);
        assertThat(mod.centered(9)).isEqualTo(-8);
        assertThat(mod.centered(8)).isEqualTo(8);
        assertThat(mod.pow(3, 16)).isEqualTo(1);
        assertThat(mod.pow(3, 8)).isEqualTo(16);
        long big = 2305843009213693951L;
        Modulus m61 = Modulus.of(big);
        long x = 123456789123456789L;
        assertThat(m61.mul(x, m61.inverse(x))).isEqualTo(1);
        assertThatThrownBy(() -> mod.inverse(0)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void rejectsModuliOutsideTheSupportedRange() {
        assertThatThrownBy(() -> Modulus.of(1)).hasMessage("modulus must be in [2, 2^61), got 1");
        assertThatThrownBy(() -> Modulus.of(1L << 61)).hasMessageContaining("got 2305843009213693952");
    }
}
