/**
 * Audio front-end shared by the modules: {@link org.wisekit.datasets.audio.LogMel} (log-mel spectrogram, 25 ms
 * Hann windows every 10 ms, 40 HTK mel filters) and {@link org.wisekit.datasets.audio.Resampler} (windowed-sinc
 * sample-rate conversion of mono audio). WAV files are read with {@link org.wisekit.datasets.Wav}. The FFT is
 * Commons Math's.
 */
package org.wisekit.datasets.audio;
