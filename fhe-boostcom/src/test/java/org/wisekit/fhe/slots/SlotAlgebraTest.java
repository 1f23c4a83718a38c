package org.wisekit.fhe.slots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.wisekit.fhe.ring.Cyclotomic;

class SlotAlgebraTest {

    @ParameterizedTest(name = "m = {0}, p = {1}")
    @CsvSource({"11, 3, 5, 2", "17, 103, 1, 16", "307, 17, 3, 102", "1087, 257, 3, 362"})
    void factorsOfPhiMultiplyBackAndAreIrreducible(int m, long p, int d, int slots) {
        SlotAlgebra algebra = SlotAlgebra.create(m, p);
        assertThat(algebra.degree()).isEqualTo(d);
        assertThat(algebra.slotCount()).isEqualTo(slots);
        assertThat(algebra.generator()).isEqualTo(org.wisekit.fhe.ring.Primes.smallestPrimitiveRoot(m));
        List<long[]> factors = algebra.factors();
        assertThat(factors).hasSize(slots);
        long[] product = {1};
        for (long[] f : factors) {
            assertThat(f).hasSize(d + 1);
            assertThat(f[d]).isEqualTo(1);
            assertThat(PolyModP.isIrreducible(f, p)).as("factor %s", Arrays.toString(f)).isTrue();
            product = PolyModP.multiply(product, f, p);
        }
        long[] cyclotomic = new long[m];
        Arrays.fill(cyclotomic, 1);
        assertThat(product).isEqualTo(cyclotomic);
        assertThat(factors.get(0)).isEqualTo(algebra.field().modulus());
        assertThat(factors.stream().map(Arrays::toString).distinct()).hasSize(slots);
    }

    @ParameterizedTest(name = "m = {0}, p = {1}")
    @CsvSource({"11, 3", "17, 103", "307, 17", "1087, 257"})
    void decodeInvertsEncodeAndSlotsAreARingHomomorphism(int m, long p) {
        SlotAlgebra algebra = SlotAlgebra.create(m, p);
        SplittableRandom random = new SplittableRandom(m);
        SlotField field = algebra.field();
        SlotVector a = SlotVector.random(field, algebra.slotCount(), random);
        SlotVector b = SlotVector.random(field, algebra.slotCount(), random);
        long[] ea = algebra.encode(a);
        long[] eb = algebra.encode(b);
        assertThat(algebra.decode(ea)).isEqualTo(a);
        SlotVector integers = SlotVector.randomIntegers(field, algebra.slotCount(), random);
        assertThat(algebra.decode(algebra.encode(integers)).toIntegers()).isEqualTo(integers.toIntegers());

        long[] sum = new long[m - 1];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = (ea[i] + eb[i]) % p;
        }
        assertThat(algebra.decode(sum)).isEqualTo(a.plus(b));
        assertThat(algebra.decode(multiplyModPhi(ea, eb, m, p))).isEqualTo(a.times(b));
    }

    @ParameterizedTest(name = "m = {0}, p = {1}")
    @CsvSource({"11, 3", "307, 17", "1087, 257"})
    void automorphismsShiftSlotsAndApplyFrobenius(int m, long p) {
        SlotAlgebra algebra = SlotAlgebra.create(m, p);
        Cyclotomic ring = Cyclotomic.of(m);
        SlotVector a = SlotVector.random(algebra.field(), algebra.slotCount(), new SplittableRandom(11));
        long[] encoded = algebra.encode(a);
        int slots = algebra.slotCount();

        for (int s : new int[] {1, slots / 2, slots - 1, -1, -Math.max(1, slots / 3)}) {
            SlotVector moved = algebra.decode(ring.automorphismOfCoefficients(encoded, algebra.shiftElement(s), p));
            SlotVector expected = a.shifted(s);
            int kept = 0;
            for (int i = 0; i < slots; i++) {
                if (i - s >= 0 && i - s < slots) {
                    assertThat(moved.get(i)).as("s = %d, slot %d", s, i).isEqualTo(expected.get(i));
                    kept++;
                }
            }
            assertThat(kept).isEqualTo(slots - Math.abs(s));
            // The wrapped slots hold a Frobenius twist of the wrapped values, not the values: masking is required.
            int wrapped = s > 0 ? 0 : slots - 1;
            int origin = Math.floorMod(wrapped - s, slots);
            if (algebra.degree() > 1) {
                assertThat(moved.get(wrapped)).isNotEqualTo(a.get(origin));
            }
            boolean twisted = false;
            for (int j = 0; j < algebra.degree(); j++) {
                twisted |= Arrays.equals(moved.get(wrapped), algebra.field().frobenius(a.get(origin), j));
            }
            assertThat(twisted).isTrue();
        }
        for (int j = 1; j <= algebra.degree(); j++) {
            SlotVector frobenius = algebra.decode(ring.automorphismOfCoefficients(encoded, algebra.frobeniusElement(j), p));
            assertThat(frobenius).isEqualTo(a.frobenius(j));
        }
    }

    @Test
    void slotFieldArithmeticIsAField() {
        SlotAlgebra algebra = SlotAlgebra.create(307, 17);
        SlotField field = algebra.field();
        SplittableRandom random = new SplittableRandom(12);
        long[] x = {random.nextLong(17), random.nextLong(17), 1 + random.nextLong(16)};
        java.math.BigInteger order = java.math.BigInteger.valueOf(17).pow(3).subtract(java.math.BigInteger.ONE);
        assertThat(field.pow(x, order)).isEqualTo(field.constant(1));
        assertThat(field.frobenius(x, 1)).isEqualTo(field.pow(x, 17));
        assertThat(field.frobenius(x, 3)).isEqualTo(x);
        // zeta = Y is a primitive 307-th root of unity.
        assertThat(field.pow(field.basis(1), 307)).isEqualTo(field.constant(1));
        assertThat(field.pow(field.basis(1), 1)).isNotEqualTo(field.constant(1));
    }

    @Test
    void rejectsModuliWithoutASlotStructure() {
        assertThatThrownBy(() -> SlotAlgebra.create(15, 17)).hasMessage("slot algebra needs an odd prime m, got 15");
        assertThatThrownBy(() -> SlotAlgebra.create(307, 307))
                .hasMessage("plaintext modulus must be a prime below 2^20 other than m = 307, got 307");
        assertThatThrownBy(() -> SlotAlgebra.create(307, 16)).hasMessageContaining("got 16");
        SlotAlgebra algebra = SlotAlgebra.create(11, 3);
        assertThatThrownBy(() -> algebra.decode(new long[3]))
                .hasMessage("plaintext must have phi(m) = 10 coefficients, got 3");
        SlotVector wrongSize = SlotVector.ofIntegers(algebra.field(), new long[3]);
        assertThatThrownBy(() -> algebra.encode(wrongSize)).hasMessageContaining("must have 2 slots");
    }

    static long[] multiplyModPhi(long[] a, long[] b, int m, long p) {
        long[] full = new long[m];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                int k = (i + j) % m;
                full[k] = (full[k] + a[i] * b[j]) % p;
            }
        }
        long[] reduced = new long[m - 1];
        for (int j = 0; j < m - 1; j++) {
            reduced[j] = Math.floorMod(full[j] - full[m - 1], p);
        }
        return reduced;
    }
}
