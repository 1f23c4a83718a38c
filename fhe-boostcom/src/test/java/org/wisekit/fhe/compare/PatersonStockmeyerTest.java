package org.wisekit.fhe.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PatersonStockmeyerTest {

    @Test
    void matchesHornerOnRandomPolynomials() {
        SplittableRandom random = new SplittableRandom(11);
        for (long p : new long[] {17, 131, 257}) {
            LessThanPolynomialTest.ModP algebra = new LessThanPolynomialTest.ModP(p);
            for (int trial = 0; trial < 20; trial++) {
                int degree = 1 + random.nextInt((int) p - 1);
                long[] c = new long[degree + 1];
                for (int i = 0; i <= degree; i++) {
                    c[i] = random.nextLong(p);
                }
                int k = 1 + random.nextInt(12);
                long x = random.nextLong(p);
                long horner = 0;
                for (int i = degree; i >= 0; i--) {
                    horner = (horner * x + c[i]) % p;
                }
                PatersonStockmeyer<Long> ps = new PatersonStockmeyer<>(algebra, x, k, degree);
                assertThat(ps.evaluate(c)).as("p = %d, degree %d, k = %d", p, degree, k).isEqualTo(horner);
                long power = 1;
                for (int i = 0; i < degree; i++) {
                    power = power * x % p;
                }
                assertThat(ps.power(degree)).isEqualTo(power);
            }
        }
    }

    @Test
    void depthStaysWithinLog2DegreePlusTwo() {
        SplittableRandom random = new SplittableRandom(12);
        for (int degree = 1; degree <= 256; degree += 1 + random.nextInt(9)) {
            long[] c = new long[degree + 1];
            for (int i = 0; i <= degree; i++) {
                c[i] = 1 + random.nextInt(100);
            }
            int k = Math.max(2, Integer.highestOneBit((int) Math.ceil(Math.sqrt(degree / 2.0))) * 2);
            LessThanPolynomialTest.Depth.Algebra algebra = new LessThanPolynomialTest.Depth.Algebra();
            LessThanPolynomialTest.Depth result = new PatersonStockmeyer<>(algebra,
                    new LessThanPolynomialTest.Depth(0), k, degree).evaluate(c);
            int log2 = 32 - Integer.numberOfLeadingZeros(Math.max(1, degree - 1));
            assertThat(result.depth()).as("degree %d, k = %d", degree, k).isLessThanOrEqualTo(log2 + 2);
        }
    }

    @Test
    void baseCaseUsesOnlyScalarProductsOnBabyPowers() {
        LessThanPolynomialTest.Depth.Algebra algebra = new LessThanPolynomialTest.Depth.Algebra();
        PatersonStockmeyer<LessThanPolynomialTest.Depth> ps = new PatersonStockmeyer<>(algebra,
                new LessThanPolynomialTest.Depth(0), 4, 4);
        int babyProducts = algebra.products;
        ps.evaluate(new long[] {3, 1, 4, 1, 5});
        assertThat(babyProducts).isEqualTo(3);
        assertThat(algebra.products).as("degree <= k needs no further product").isEqualTo(3);
    }
}
