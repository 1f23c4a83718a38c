package org.wisekit.fhe.slots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SlotVectorTest {

    private final SlotField field = SlotAlgebra.create(11, 3).field(); // F_3^5, 2 slots
    private final SlotField integers = SlotAlgebra.create(17, 103).field(); // F_103, 16 slots

    @Test
    void shiftsFillWithZeroAndRotationsWrap() {
        SlotVector v = SlotVector.ofIntegers(integers, new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        assertThat(v.shifted(2).toIntegers()).containsExactly(0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
        assertThat(v.shifted(-3).toIntegers()).containsExactly(4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 0, 0, 0);
        assertThat(v.rotated(1).toIntegers()).containsExactly(16, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        assertThat(v.rotated(-16)).isEqualTo(v);
    }

    @Test
    void integerArithmeticIsModP() {
        SlotVector a = SlotVector.ofIntegers(integers, new long[] {100, -1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        SlotVector b = SlotVector.ofIntegers(integers, new long[] {5, 2, 7, 103, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertThat(a.plus(b).integerAt(0)).isEqualTo(2);
        assertThat(a.times(b).integerAt(1)).isEqualTo(102 * 2 % 103);
        assertThat(a.minus(b).integerAt(2)).isEqualTo(96);
        assertThat(a.times(b).integerAt(3)).isZero();
    }

    @Test
    void extensionSlotsAreNotIntegers() {
        SlotVector v = SlotVector.of(field, new long[][] {{1, 2, 0, 0, 0}, {4, 0, 0, 0, 0}});
        assertThat(v.get(0)).containsExactly(1, 2, 0, 0, 0);
        assertThat(v.get(1)).containsExactly(1, 0, 0, 0, 0);
        assertThat(v.integerAt(1)).isEqualTo(1);
        assertThatThrownBy(() -> v.integerAt(0)).hasMessage("slot 0 holds [1, 2, 0, 0, 0], which is not in F_3");
        assertThatThrownBy(() -> SlotVector.of(field, new long[][] {{1}}))
                .hasMessage("slot 0 must have 5 coefficients, got 1");
        assertThatThrownBy(() -> v.plus(SlotVector.ofIntegers(integers, new long[16])))
                .hasMessageStartingWith("slot vectors differ");
    }
}
