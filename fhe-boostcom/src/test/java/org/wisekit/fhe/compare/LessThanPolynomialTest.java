package org.wisekit.fhe.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LessThanPolynomialTest {

    /** The nonzero coefficients {i: c_i}. */
    private static Map<Integer, Long> nonzero(LessThanPolynomial poly) {
        Map<Integer, Long> map = new TreeMap<>();
        long[] c = poly.coefficients();
        for (int i = 0; i < c.length; i++) {
            if (c[i] != 0) {
                map.put(i, c[i]);
            }
        }
        return map;
    }

    @Test
    void knownAnswerCoefficients() {
        assertThat(nonzero(new LessThanPolynomial(5))).isEqualTo(Map.of(1, 4L, 3, 3L, 4, 3L));
        assertThat(nonzero(new LessThanPolynomial(7))).isEqualTo(Map.of(1, 3L, 3, 1L, 5, 6L, 6, 4L));
        LessThanPolynomial p131 = new LessThanPolynomial(131);
        long[] g = p131.oddPart();
        assertThat(g).hasSize(65);
        assertThat(g[64]).as("top coefficient of g = (p^2-1)/8 mod p").isEqualTo(49);
        assertThat(p131.leadingCoefficient()).isEqualTo(66);
        assertThat(p131.babyStep()).isEqualTo(8);
        assertThat(new LessThanPolynomial(17).babyStep()).isEqualTo(4);
        assertThat(new LessThanPolynomial(257).babyStep()).isEqualTo(8);
    }

    @Test
    void ltAndEqAreExactOnAllDigitPairs() {
        for (long p : new long[] {3, 5, 7, 17, 131, 257}) {
            LessThanPolynomial poly = new LessThanPolynomial(p);
            long[] g = poly.oddPart();
            assertThat(g[g.length - 1]).isEqualTo((p * p - 1) / 8 % p);
            for (long x = 0; x <= (p - 1) / 2; x++) {
                for (long y = 0; y <= (p - 1) / 2; y++) {
                    assertThat(poly.lessThan(x - y)).as("LT(%d, %d) at p = %d", x, y, p).isEqualTo(x < y ? 1 : 0);
                    assertThat(poly.equal(x - y)).isEqualTo(x == y ? 1 : 0);
                }
            }
        }
    }

    @Test
    void splitFormWithPatersonStockmeyerEqualsTheDefinition() {
        for (long p : new long[] {5, 17, 131, 257}) {
            LessThanPolynomial poly = new LessThanPolynomial(p);
            ModP algebra = new ModP(p);
            for (long z = 0; z < p; z++) {
                LessThanPolynomial.LtEq<Long> value = poly.evaluate(algebra, z);
                assertThat(value.lt()).as("LT(%d) at p = %d", z, p).isEqualTo(poly.lessThan(z));
                assertThat(value.eq()).isEqualTo(poly.equal(z));
            }
        }
    }

    @Test
    void depthOfTheLtEvaluationIsLog2OfPMinusOne() {
        for (long p : new long[] {17, 131, 257}) {
            Depth.Algebra algebra = new Depth.Algebra();
            LessThanPolynomial.LtEq<Depth> value = new LessThanPolynomial(p).evaluate(algebra, new Depth(0));
            int optimal = 64 - Long.numberOfLeadingZeros(p - 2); // ceil(log2(p - 1))
            // p = 131 (deg g = 64 = a giant step) reaches the optimum; p = 17 and 257 need one level more
            assertThat(value.lt().depth()).as("depth of LT at p = %d", p).isEqualTo(p == 131 ? optimal : optimal + 1);
            assertThat(value.eq().depth()).isLessThanOrEqualTo(optimal);
        }
        Depth.Algebra algebra = new Depth.Algebra();
        new LessThanPolynomial(131).evaluate(algebra, new Depth(0));
        assertThat(algebra.products).as("non-scalar products of LT at p = 131").isEqualTo(20);
    }

    @Test
    void rejectsEvenOrTinyModuli() {
        assertThatThrownBy(() -> new LessThanPolynomial(4)).hasMessageContaining("odd prime").hasMessageContaining("4");
        assertThatThrownBy(() -> new LessThanPolynomial(1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Arithmetic mod p: the plaintext reference algebra. */
    static final class ModP implements PolyAlgebra<Long> {
        private final long p;

        ModP(long p) {
            this.p = p;
        }

        @Override
        public Long multiply(Long a, Long b) {
            return a * b % p;
        }

        @Override
        public Long add(Long a, Long b) {
            return (a + b) % p;
        }

        @Override
        public Long multiplyConstant(Long a, long c) {
            return a * (c % p) % p;
        }

        @Override
        public Long addConstant(Long a, long c) {
            return (a + c) % p;
        }
    }

    /** Tracks multiplicative depth and counts non-scalar products. */
    record Depth(int depth) {
        static final class Algebra implements PolyAlgebra<Depth> {
            int products;

            @Override
            public Depth multiply(Depth a, Depth b) {
                products++;
                return new Depth(Math.max(a.depth, b.depth) + 1);
            }

            @Override
            public Depth add(Depth a, Depth b) {
                return new Depth(Math.max(a.depth, b.depth));
            }

            @Override
            public Depth multiplyConstant(Depth a, long c) {
                return a;
            }

            @Override
            public Depth addConstant(Depth a, long c) {
                return a;
            }
        }
    }
}
