package org.wisekit.lwquant;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Real English text as byte tokens (UTF-8, vocabulary 256), split by entry into train / calibration /
 * test (entry i goes to test when {@code i % 20 == 0}, to calibration when {@code i % 20 == 1}, else to
 * train: 90 / 5 / 5), so no entry is shared between splits. Entries are joined with a blank line.
 */
public record TextCorpus(int[] train, int[] calibration, int[] test) {

    public static final int VOCAB = 256;

    public static TextCorpus of(List<String> entries) {
        List<String> train = new ArrayList<>();
        List<String> calib = new ArrayList<>();
        List<String> test = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            (i % 20 == 0 ? test : i % 20 == 1 ? calib : train).add(entries.get(i));
        }
        if (test.isEmpty() || calib.isEmpty() || train.isEmpty()) {
            throw new IllegalArgumentException("entries: need at least 3 entries, got " + entries.size());
        }
        return new TextCorpus(bytes(train), bytes(calib), bytes(test));
    }

    /**
     * Byte tokens of entries joined with a blank line.
     *
     * @param entries texts, encoded as UTF-8
     * @return one token (0..255) per byte
     */
    public static int[] bytes(List<String> entries) {
        byte[] b = String.join("\n\n", entries).getBytes(StandardCharsets.UTF_8);
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xff;
        }
        return out;
    }

    /** Consecutive non-overlapping windows of {@code length} tokens, at most {@code max} of them. */
    public static List<int[]> windows(int[] tokens, int length, int max) {
        List<int[]> w = new ArrayList<>();
        for (int start = 0; start + length <= tokens.length && w.size() < max; start += length) {
            w.add(java.util.Arrays.copyOfRange(tokens, start, start + length));
        }
        return w;
    }

    /** A stable checksum of all three splits, for cache keys. */
    public long checksum() {
        long h = 1125899906842597L;
        for (int[] part : new int[][] {train, calibration, test}) {
            for (int v : part) {
                h = 31 * h + v;
            }
            h = 31 * h + part.length;
        }
        return h;
    }
}
