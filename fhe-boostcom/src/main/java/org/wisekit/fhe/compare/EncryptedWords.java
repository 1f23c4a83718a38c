package org.wisekit.fhe.compare;

import org.wisekit.fhe.bgv.Ciphertext;

/**
 * {@code count} encrypted words in one ciphertext, word w in the slots [w l, (w+1) l) (see {@link WordFormat});
 * the slots after the last word hold zeros. Immutable.
 */
public record EncryptedWords(Ciphertext ciphertext, WordFormat format, int count) {

    public EncryptedWords {
        if (count < 1 || (long) count * format.slotsPerWord() > ciphertext.parameters().slots().slotCount()) {
            throw new IllegalArgumentException("count must be in [1, " + format.capacity(ciphertext.parameters())
                    + "], got " + count);
        }
    }
}
