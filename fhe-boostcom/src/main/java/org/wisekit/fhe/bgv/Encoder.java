package org.wisekit.fhe.bgv;

import java.util.Arrays;
import org.wisekit.fhe.slots.SlotAlgebra;
import org.wisekit.fhe.slots.SlotField;
import org.wisekit.fhe.slots.SlotVector;

/**
 * Slot vectors &lt;-&gt; plaintexts for prime m, through the parameters' {@link SlotAlgebra}: each slot holds an
 * element of F_(p^d), or an integer mod p for Z_p slots. Also builds the 0/1 masks that shifts need.
 * Immutable and thread-safe.
 */
public final class Encoder {

    private final BgvParameters parameters;
    private final SlotAlgebra slots;

    /** Throws for a power-of-two m, which has no slots here (use {@link Plaintext#of}). */
    public Encoder(BgvParameters parameters) {
        this.parameters = parameters;
        this.slots = parameters.slots();
    }

    public int slotCount() {
        return slots.slotCount();
    }

    public SlotField field() {
        return slots.field();
    }

    public Plaintext encode(SlotVector values) {
        return Plaintext.of(parameters, slots.encode(values));
    }

    /** Z_p slots holding {@code integers} (reduced modulo p); there must be {@link #slotCount()} of them. */
    public Plaintext encodeIntegers(long[] integers) {
        if (integers.length != slots.slotCount()) {
            throw new IllegalArgumentException("need " + slots.slotCount() + " slot values, got " + integers.length);
        }
        return encode(SlotVector.ofIntegers(slots.field(), integers));
    }

    public SlotVector decode(Plaintext plaintext) {
        if (!plaintext.parameters().equals(parameters)) {
            throw new IllegalArgumentException("plaintext belongs to other parameters: "
                    + plaintext.parameters().describe());
        }
        return slots.decode(plaintext.coefficients());
    }

    /** The Z_p slots of a plaintext; throws if a slot is outside the prime field. */
    public long[] decodeIntegers(Plaintext plaintext) {
        return decode(plaintext).toIntegers();
    }

    /** 1 in slots from .. to-1, 0 elsewhere. */
    public Plaintext mask(int from, int to) {
        if (from < 0 || to > slots.slotCount() || from > to) {
            throw new IllegalArgumentException("mask range must satisfy 0 <= from <= to <= " + slots.slotCount()
                    + ", got [" + from + ", " + to + ")");
        }
        long[] ones = new long[slots.slotCount()];
        Arrays.fill(ones, from, to, 1);
        return encodeIntegers(ones);
    }
}
