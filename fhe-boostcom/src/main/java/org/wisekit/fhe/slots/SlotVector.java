package org.wisekit.fhe.slots;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * An immutable vector of l slot values, each an element of the slot field F_(p^d) (d coefficients in [0, p)).
 * Integer vectors (Z_p slots) are the special case of constants. The arithmetic here is the plaintext
 * reference for the homomorphic slot operations: slot-wise add and multiply, shifts with zero fill,
 * rotations, and Frobenius.
 */
public final class SlotVector {

    private final SlotField field;
    private final long[][] values;

    private SlotVector(SlotField field, long[][] values) {
        this.field = field;
        this.values = values;
    }

    /** Slots holding the given field elements (each d coefficients, reduced modulo p here). */
    public static SlotVector of(SlotField field, long[][] elements) {
        long[][] copy = new long[elements.length][];
        for (int i = 0; i < elements.length; i++) {
            if (elements[i].length != field.degree()) {
                throw new IllegalArgumentException("slot " + i + " must have " + field.degree()
                        + " coefficients, got " + elements[i].length);
            }
            copy[i] = new long[field.degree()];
            for (int t = 0; t < field.degree(); t++) {
                copy[i][t] = Math.floorMod(elements[i][t], field.characteristic());
            }
        }
        return new SlotVector(field, copy);
    }

    /** Z_p slots holding the integers (reduced modulo p). */
    public static SlotVector ofIntegers(SlotField field, long[] integers) {
        long[][] elements = new long[integers.length][];
        for (int i = 0; i < integers.length; i++) {
            elements[i] = field.constant(integers[i]);
        }
        return new SlotVector(field, elements);
    }

    /** l slots uniform over F_(p^d). */
    public static SlotVector random(SlotField field, int slots, RandomGenerator random) {
        long[][] elements = new long[slots][field.degree()];
        for (long[] element : elements) {
            for (int t = 0; t < element.length; t++) {
                element[t] = random.nextLong(field.characteristic());
            }
        }
        return new SlotVector(field, elements);
    }

    /** l slots uniform over Z_p. */
    public static SlotVector randomIntegers(SlotField field, int slots, RandomGenerator random) {
        long[] integers = new long[slots];
        for (int i = 0; i < slots; i++) {
            integers[i] = random.nextLong(field.characteristic());
        }
        return ofIntegers(field, integers);
    }

    public SlotField field() {
        return field;
    }

    public int size() {
        return values.length;
    }

    /** A copy of slot i. */
    public long[] get(int slot) {
        return values[slot].clone();
    }

    /** The integer in Z_p slot i; throws if that slot is not in the prime field. */
    public long integerAt(int slot) {
        if (!field.isInPrimeField(values[slot])) {
            throw new IllegalStateException("slot " + slot + " holds " + Arrays.toString(values[slot])
                    + ", which is not in F_" + field.characteristic());
        }
        return values[slot][0];
    }

    /** All slots as integers; throws if any slot is not in the prime field. */
    public long[] toIntegers() {
        long[] integers = new long[values.length];
        for (int i = 0; i < integers.length; i++) {
            integers[i] = integerAt(i);
        }
        return integers;
    }

    public SlotVector plus(SlotVector other) {
        checkCompatible(other);
        long[][] sum = new long[values.length][];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = field.add(values[i], other.values[i]);
        }
        return new SlotVector(field, sum);
    }

    public SlotVector minus(SlotVector other) {
        checkCompatible(other);
        long[][] difference = new long[values.length][];
        for (int i = 0; i < difference.length; i++) {
            difference[i] = field.subtract(values[i], other.values[i]);
        }
        return new SlotVector(field, difference);
    }

    public SlotVector times(SlotVector other) {
        checkCompatible(other);
        long[][] product = new long[values.length][];
        for (int i = 0; i < product.length; i++) {
            product[i] = field.multiply(values[i], other.values[i]);
        }
        return new SlotVector(field, product);
    }

    /** Slot i + s receives slot i; the |s| vacated slots become 0 (s &lt; 0 shifts down). */
    public SlotVector shifted(int s) {
        long[][] out = new long[values.length][];
        for (int i = 0; i < out.length; i++) {
            int from = i - s;
            out[i] = from >= 0 && from < values.length ? values[from].clone() : field.zero();
        }
        return new SlotVector(field, out);
    }

    /** Slot (i + s) mod l receives slot i. */
    public SlotVector rotated(int s) {
        long[][] out = new long[values.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[Math.floorMod(i - s, values.length)].clone();
        }
        return new SlotVector(field, out);
    }

    /** Every slot x becomes x^(p^j). */
    public SlotVector frobenius(int j) {
        long[][] out = new long[values.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = field.frobenius(values[i], j);
        }
        return new SlotVector(field, out);
    }

    private void checkCompatible(SlotVector other) {
        if (!other.field.equals(field) || other.values.length != values.length) {
            throw new IllegalArgumentException("slot vectors differ: " + values.length + " slots over " + field
                    + " and " + other.values.length + " over " + other.field);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlotVector other && other.field.equals(field) && Arrays.deepEquals(other.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values);
    }

    /** The first slots, enough to recognise a vector in a failure message. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("SlotVector[" + values.length + " slots over F_"
                + field.characteristic() + "^" + field.degree() + ": ");
        for (int i = 0; i < Math.min(4, values.length); i++) {
            text.append(i > 0 ? ", " : "").append(Arrays.toString(values[i]));
        }
        return text.append(values.length > 4 ? ", ...]" : "]").toString();
    }
}
