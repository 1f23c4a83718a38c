package org.wisekit.fhe.compare;

import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.bgv.Encoder;
import org.wisekit.fhe.bgv.Encryptor;
import org.wisekit.fhe.bgv.Plaintext;
import org.wisekit.fhe.slots.SlotField;
import org.wisekit.fhe.slots.SlotVector;

/** Encodes and encrypts words in a {@link WordFormat} (client side, public key only). Thread-safe. */
public final class WordEncryptor {

    private final BgvParameters parameters;
    private final Encoder encoder;
    private final Encryptor encryptor;
    private final WordFormat format;

    public WordEncryptor(BgvParameters parameters, Encryptor encryptor, WordFormat format) {
        format.checkFits(parameters);
        this.parameters = parameters;
        this.encoder = new Encoder(parameters);
        this.encryptor = encryptor;
        this.format = format;
    }

    public WordFormat format() {
        return format;
    }

    /** Words per ciphertext. */
    public int capacity() {
        return format.capacity(parameters);
    }

    /** Encrypts 1 .. capacity words (each checked against the word width). */
    public EncryptedWords encrypt(long... words) {
        return new EncryptedWords(encryptor.encrypt(encode(words)), format, words.length);
    }

    /** The plaintext of {@link #encrypt}: word w's digits in slots [w l, (w+1) l), zeros after the last word. */
    public Plaintext encode(long... words) {
        if (words.length < 1 || words.length > capacity()) {
            throw new IllegalArgumentException("number of words must be in [1, " + capacity() + "], got "
                    + words.length);
        }
        SlotField field = encoder.field();
        long[][] slots = new long[encoder.slotCount()][];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = field.zero();
        }
        for (int w = 0; w < words.length; w++) {
            format.checkWord("word " + w, words[w]);
            long[] digits = format.toDigits(words[w]);
            for (int s = 0; s < format.slotsPerWord(); s++) {
                long[] element = field.zero();
                for (int t = 0; t < format.digitsPerSlot(); t++) {
                    element[t] = digits[s * format.digitsPerSlot() + t];
                }
                slots[w * format.slotsPerWord() + s] = element;
            }
        }
        return encoder.encode(SlotVector.of(field, slots));
    }

    /** Encrypts an array in the all-pairs layout of {@link EncryptedArray}; needs N(N-1) &lt;= capacity. */
    public EncryptedArray encryptArray(long... values) {
        int n = values.length;
        if (n < 2 || (long) n * (n - 1) > capacity()) {
            throw new IllegalArgumentException("array size must be in [2, N] with N(N-1) <= " + capacity()
                    + " words per ciphertext, got " + n);
        }
        long[] rows = new long[n * (n - 1)];
        long[] columns = new long[n * (n - 1)];
        for (int i = 0; i < n; i++) {
            format.checkWord("value " + i, values[i]);
            for (int c = 0; c < n - 1; c++) {
                rows[i * (n - 1) + c] = values[i];
                columns[i * (n - 1) + c] = values[EncryptedArray.column(i, c)];
            }
        }
        return new EncryptedArray(encrypt(rows), encrypt(columns), n);
    }
}
