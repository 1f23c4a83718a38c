/**
 * Connectionist temporal classification on plain arrays (JDK only): the log-space CTC loss and its gradient
 * ({@link org.wisekit.asr.ctc.Ctc}), greedy decoding ({@link org.wisekit.asr.ctc.CtcDecoder}), edit distance
 * and the digit error rate. Label 0 is the blank.
 */
package org.wisekit.asr.ctc;
