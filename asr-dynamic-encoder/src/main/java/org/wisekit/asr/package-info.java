/**
 * Dynamic encoder size for CTC speech recognition (Xu et al., Interspeech 2024): the encoder's shape
 * ({@link org.wisekit.asr.EncoderConfig}) and module types. Sub-packages: {@code audio} (log-mel features,
 * SpecAugment), {@code data} (connected digits from FSDD), {@code ctc} (loss, decoding, error rates),
 * {@code select} (relaxed top-k, k annealing, Iterative-Zero-Out, masks), {@code dl4j} (the supernet and its
 * trainer), {@code repro} and {@code cli}.
 */
package org.wisekit.asr;
