package org.wisekit.fhe.compare;

import java.util.Arrays;
import org.wisekit.fhe.bgv.Ciphertext;
import org.wisekit.fhe.bgv.Decryptor;
import org.wisekit.fhe.bgv.Encoder;
import org.wisekit.fhe.slots.SlotVector;

/** Decrypts words, comparison bits, argmin indicators and sorted arrays (secret key holder). Thread-safe. */
public final class WordDecryptor {

    private final Decryptor decryptor;
    private final Encoder encoder;

    public WordDecryptor(Decryptor decryptor, Encoder encoder) {
        this.decryptor = decryptor;
        this.encoder = encoder;
    }

    public Decryptor decryptor() {
        return decryptor;
    }

    /** All slots of a ciphertext. */
    public SlotVector slots(Ciphertext ciphertext) {
        return encoder.decode(decryptor.decrypt(ciphertext));
    }

    /** The words; throws if a slot holds something that is not a digit. */
    public long[] words(EncryptedWords words) {
        return words(words.ciphertext(), words.format(), words.count());
    }

    /** The first {@code count} words of a ciphertext in {@code format}. */
    public long[] words(Ciphertext ciphertext, WordFormat format, int count) {
        SlotVector slots = slots(ciphertext);
        long[] result = new long[count];
        for (int w = 0; w < count; w++) {
            long[] digits = new long[format.digits()];
            for (int s = 0; s < format.slotsPerWord(); s++) {
                long[] element = slots.get(w * format.slotsPerWord() + s);
                for (int t = 0; t < element.length; t++) {
                    boolean digit = t < format.digitsPerSlot() && element[t] < format.base();
                    if (!digit && element[t] != 0) {
                        throw new IllegalStateException("word " + w + ", slot " + s + " holds "
                                + Arrays.toString(element) + ", not " + format.digitsPerSlot() + " base-"
                                + format.base() + " digits");
                    }
                    if (t < format.digitsPerSlot()) {
                        digits[s * format.digitsPerSlot() + t] = element[t];
                    }
                }
            }
            result[w] = format.fromDigits(digits);
        }
        return result;
    }

    /** The bit in slot 0 of each of the first {@code count} batches (comparison results); throws unless 0/1. */
    public boolean[] bits(Ciphertext ciphertext, WordFormat format, int count) {
        SlotVector slots = slots(ciphertext);
        boolean[] bits = new boolean[count];
        for (int w = 0; w < count; w++) {
            long[] element = slots.get(w * format.slotsPerWord());
            for (int t = 1; t < element.length; t++) {
                if (element[t] != 0) {
                    throw new IllegalStateException("batch " + w + " holds " + Arrays.toString(element) + ", not a bit");
                }
            }
            if (element[0] > 1) {
                throw new IllegalStateException("batch " + w + " holds " + element[0] + ", not a bit");
            }
            bits[w] = element[0] == 1;
        }
        return bits;
    }

    /** x &lt; y for each pair of a comparison. */
    public boolean[] lessThan(ComparisonResult result) {
        return bits(result.lessThan(), result.format(), result.count());
    }

    /** x == y for each pair of a comparison. */
    public boolean[] equal(ComparisonResult result) {
        return bits(result.equal(), result.format(), result.count());
    }

    /** The index that an argmin indicator marks (exactly one must be set). */
    public int argmin(Ciphertext indicator, WordFormat format, int size) {
        boolean[] rows = bits(indicator, format, size * (size - 1));
        int index = -1;
        for (int i = 0; i < size; i++) {
            if (rows[i * (size - 1)]) {
                if (index >= 0) {
                    throw new IllegalStateException("argmin indicator marks both " + index + " and " + i);
                }
                index = i;
            }
        }
        if (index < 0) {
            throw new IllegalStateException("argmin indicator marks no element");
        }
        return index;
    }
}
