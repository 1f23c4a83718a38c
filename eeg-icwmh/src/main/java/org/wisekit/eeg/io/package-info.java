/**
 * Readers and writers for the EEG file formats the eeg-icwmh module uses: EDF and EDF+ ({@link org.wisekit.eeg.io.Edf},
 * giving an immutable {@link org.wisekit.eeg.io.EdfRecording} with {@link org.wisekit.eeg.io.EdfSignal} headers and
 * EDF+ {@link org.wisekit.eeg.io.Annotation}s) and Weka ARFF tables of numeric attributes plus a nominal class
 * ({@link org.wisekit.eeg.io.Arff}, giving {@link org.wisekit.eeg.io.ArffData}). Malformed input fails with an
 * {@link org.wisekit.eeg.io.EegFormatException} that names the file and the place.
 *
 * <p>EDF: Kemp, Varri, Rosa, Nielsen, Gade, "A simple format for exchange of digitized polygraphic recordings",
 * Electroencephalography and Clinical Neurophysiology 82 (1992); EDF+: Kemp and Olivan, "European data format 'plus'
 * (EDF+)", Clinical Neurophysiology 114 (2003). The module as a whole implements Ngo et al., "How Homogenizing the
 * Channel-wise Magnitude Can Enhance EEG Classification Model?" (arXiv 2407.20247).
 */
package org.wisekit.eeg.io;
