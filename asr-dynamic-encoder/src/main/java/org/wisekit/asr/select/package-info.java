/**
 * The module-selection maths of the dynamic encoder (JDK only): the deterministic relaxed top-k and its
 * gradient ({@link org.wisekit.asr.select.RelaxedTopK}), the Simple-Top-k k schedule
 * ({@link org.wisekit.asr.select.KAnnealing}), Iterative-Zero-Out's iterations, sparsity loss, zero-out and
 * revival log ({@link org.wisekit.asr.select.IterativeZeroOut}), the stage boundary shared by both
 * ({@link org.wisekit.asr.select.StageSchedule}) and the nested subnet masks, data-driven or naive
 * ({@link org.wisekit.asr.select.Masks}).
 */
package org.wisekit.asr.select;
