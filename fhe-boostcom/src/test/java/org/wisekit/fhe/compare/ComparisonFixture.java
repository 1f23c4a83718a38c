package org.wisekit.fhe.compare;

import java.util.SplittableRandom;
import org.wisekit.fhe.bgv.BgvParameters;

/** Seeded sessions at the T0 comparison tier, built once per format (keys are the expensive part). */
final class ComparisonFixture {

    static final BgvParameters T0 = ComparisonTier.T0.insecureParameters();
    /** 16-bit words, (d', l) = (3, 2): 51 words per ciphertext; keys for 51, 4 and 2 words and arrays of 4, 5. */
    static final ComparisonSession WORDS16 = ComparisonSession.create(T0, WordFormat.of(T0, 16),
            new int[] {51, 4, 2}, new int[] {4, 5}, new SplittableRandom(101));
    /** 8-bit words, (d', l) = (3, 1): arrays of 8 fit (56 of 102 slots). */
    static final ComparisonSession WORDS8 = ComparisonSession.create(T0, WordFormat.of(T0, 8),
            new int[] {102}, new int[] {8}, new SplittableRandom(102));

    private ComparisonFixture() {
    }

    static long[] randomWords(SplittableRandom random, int count, int bits) {
        long[] words = new long[count];
        for (int i = 0; i < count; i++) {
            words[i] = random.nextLong(1L << bits);
        }
        return words;
    }
}
