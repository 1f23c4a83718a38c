package org.wisekit.fhe.compare;

import java.util.List;
import org.wisekit.fhe.bgv.Ciphertext;

/**
 * The outcome of comparing {@code count} pairs of words: x &lt; y and x == y as bits in slot 0 of each word's
 * batch (every other slot is 0), and the circuit's stages with their noise budgets.
 */
public record ComparisonResult(Ciphertext lessThan, Ciphertext equal, WordFormat format, int count,
                               List<Stage> stages) {
}
