package org.wisekit.kwise.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class BinomialTest {

    @Test
    void followsPascalsRule() {
        for (int n = 1; n <= 70; n++) {
            for (int j = 1; j <= n; j++) {
                assertThat(Binomial.choose(n, j)).as("C(%d,%d)", n, j)
                        .isEqualTo(Binomial.choose(n - 1, j - 1).add(Binomial.choose(n - 1, j)));
            }
        }
    }

    @Test
    void edgesAndOutOfRange() {
        assertThat(Binomial.choose(0, 0)).isEqualTo(BigInteger.ONE);
        assertThat(Binomial.choose(7, 0)).isEqualTo(BigInteger.ONE);
        assertThat(Binomial.choose(7, 7)).isEqualTo(BigInteger.ONE);
        assertThat(Binomial.choose(60, 10)).isEqualTo(new BigInteger("75394027566"));
        assertThat(Binomial.choose(3, 4)).isZero();
        assertThat(Binomial.choose(3, -1)).isZero();
    }
}
