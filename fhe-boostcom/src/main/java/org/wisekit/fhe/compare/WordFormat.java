package org.wisekit.fhe.compare;

import org.wisekit.fhe.bgv.BgvParameters;

/**
 * How unsigned words sit in the slots (IZ's univariate encoding): base-b digits, b &lt;= (p+1)/2 so that digit
 * differences lie in [-(p-1)/2, (p-1)/2]; a slot holds d' &lt;= d digits as the coefficients of Y^0 .. Y^(d'-1)
 * of its F_(p^d) element (Y^(d'-1) the most significant); a word spans l consecutive slots, least significant
 * slot first; word w occupies the batch of slots [w l, (w+1) l). Words of 64 bits are read as unsigned longs.
 */
public record WordFormat(int wordBits, long base, int digitsPerSlot, int slotsPerWord) {

    public WordFormat {
        if (wordBits < 1 || wordBits > 64) {
            throw new IllegalArgumentException("wordBits must be in [1, 64], got " + wordBits);
        }
        if (base < 2) {
            throw new IllegalArgumentException("base must be >= 2, got " + base);
        }
        if (digitsPerSlot < 1 || slotsPerWord < 1) {
            throw new IllegalArgumentException("digitsPerSlot and slotsPerWord must be >= 1, got " + digitsPerSlot
                    + " and " + slotsPerWord);
        }
        if (Math.log(base) / Math.log(2) * digitsPerSlot * slotsPerWord < wordBits - 1e-9) {
            throw new IllegalArgumentException(String.format("%d digits of base %d hold only %.1f bits, fewer than "
                    + "wordBits = %d", digitsPerSlot * slotsPerWord, base,
                    Math.log(base) / Math.log(2) * digitsPerSlot * slotsPerWord, wordBits));
        }
    }

    /**
     * The IZ choice for these parameters: base (p+1)/2, D = ceil(wordBits / log2 b) digits, l = ceil(D / d) slots
     * per word and d' = ceil(D / l) digits per slot (p = 131, d = 4: 64 bits -&gt; (4, 3), 32 bits -&gt; (3, 2)).
     */
    public static WordFormat of(BgvParameters parameters, int wordBits) {
        if (wordBits < 1 || wordBits > 64) {
            throw new IllegalArgumentException("wordBits must be in [1, 64], got " + wordBits);
        }
        long base = (parameters.plaintextModulus() + 1) / 2;
        int digits = (int) Math.ceil(wordBits / (Math.log(base) / Math.log(2)) - 1e-9);
        int d = parameters.slots().degree();
        int l = (digits + d - 1) / d;
        int dPrime = (digits + l - 1) / l;
        WordFormat format = new WordFormat(wordBits, base, dPrime, l);
        format.checkFits(parameters);
        return format;
    }

    /** Throws unless the parameters can hold this format: b &lt;= (p+1)/2, d' &lt;= d, l &lt;= slots. */
    public void checkFits(BgvParameters parameters) {
        long p = parameters.plaintextModulus();
        if (p % 2 == 0 || p < 3) {
            throw new IllegalArgumentException("the univariate comparison needs an odd prime p, got " + p);
        }
        if (base > (p + 1) / 2) {
            throw new IllegalArgumentException("base must be <= (p+1)/2 = " + (p + 1) / 2 + " for p = " + p
                    + " (digit differences must stay in [-(p-1)/2, (p-1)/2]), got " + base);
        }
        int d = parameters.slots().degree();
        if (digitsPerSlot > d) {
            throw new IllegalArgumentException("digitsPerSlot must be <= d = " + d + ", got " + digitsPerSlot);
        }
        if (slotsPerWord > parameters.slots().slotCount()) {
            throw new IllegalArgumentException("slotsPerWord must be <= " + parameters.slots().slotCount() + ", got "
                    + slotsPerWord);
        }
    }

    /** Words per ciphertext: floor(slots / l). */
    public int capacity(BgvParameters parameters) {
        return parameters.slots().slotCount() / slotsPerWord;
    }

    /** d' l. */
    public int digits() {
        return digitsPerSlot * slotsPerWord;
    }

    /** Throws unless {@code value} is a word of this width (any long for 64 bits, read as unsigned). */
    public void checkWord(String name, long value) {
        if (wordBits < 64 && (value < 0 || value >>> wordBits != 0)) {
            throw new IllegalArgumentException(name + " must be in [0, 2^" + wordBits + "), got " + value);
        }
    }

    /** The base-b digits of a word, least significant first (unsigned for 64 bits). */
    public long[] toDigits(long value) {
        long[] digits = new long[digits()];
        long rest = value;
        for (int k = 0; k < digits.length; k++) {
            digits[k] = Long.remainderUnsigned(rest, base);
            rest = Long.divideUnsigned(rest, base);
        }
        return digits;
    }

    /** The word with these digits (the inverse of {@link #toDigits}). */
    public long fromDigits(long[] digits) {
        long value = 0;
        for (int k = digits.length - 1; k >= 0; k--) {
            value = value * base + digits[k];
        }
        return value;
    }

    /** The largest word: 2^wordBits - 1 (-1, i.e. 2^64 - 1 unsigned, for 64 bits). */
    public long maxWord() {
        return wordBits == 64 ? -1L : (1L << wordBits) - 1;
    }

    @Override
    public String toString() {
        return String.format("%d-bit words, base %d, (d', l) = (%d, %d)", wordBits, base, digitsPerSlot, slotsPerWord);
    }
}
