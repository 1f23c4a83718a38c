/**
 * The acoustic front-end of the digit recogniser: {@link org.wisekit.asr.audio.Features} (8 kHz audio to 40-bin
 * log-mel frames, normalised per utterance, and the 4x frame stacking of the encoder input) and
 * {@link org.wisekit.asr.audio.SpecAugment} (seeded time and frequency masking for training). The spectrogram
 * itself is the shared {@link org.wisekit.datasets.audio.LogMel}; other sample rates go through
 * {@link org.wisekit.datasets.audio.Resampler}.
 */
package org.wisekit.asr.audio;
