package org.wisekit.fhe.compare;

import org.wisekit.fhe.bgv.Ciphertext;
import org.wisekit.fhe.bgv.OperationCounts;

/**
 * One stage of a comparison circuit as it completed: its output ciphertext (the one with the least estimated
 * noise budget, so that {@code Decryptor.noiseBudget(output)} gives the measured budget), its level and
 * estimated budget, the evaluator's operation counts when it completed, and the milliseconds since the circuit
 * started. With the sequential baseline the counts between two stages are that stage's cost.
 */
public record Stage(String name, Ciphertext output, int level, double estimatedBudget, OperationCounts countsAtEnd,
                    double millisAtEnd) {
}
