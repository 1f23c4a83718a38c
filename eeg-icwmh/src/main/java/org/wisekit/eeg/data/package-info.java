/**
 * Datasets cut from EEG recordings for classification, and splits that do not leak: {@link org.wisekit.eeg.data.Trials}
 * (epochs around EDF+ events, per {@link org.wisekit.eeg.data.EpochSpec}, into a
 * {@link org.wisekit.eeg.data.TrialSet}; {@link org.wisekit.eeg.data.PhysioNetMmi} for the PhysioNet motor
 * movement/imagery runs), {@link org.wisekit.eeg.data.Windows} (non-overlapping labelled windows of a continuous
 * recording, into a {@link org.wisekit.eeg.data.WindowSet}) and {@link org.wisekit.eeg.data.Folds}
 * (leave-one-group-out, contiguous time blocks, seeded repeated stratified k-fold; each a list of
 * {@link org.wisekit.eeg.data.Fold}s) with leak checks.
 *
 * <p>Part of the implementation of Ngo et al., "How Homogenizing the Channel-wise Magnitude Can Enhance EEG
 * Classification Model?" (arXiv 2407.20247); the paper's splits are not public, so these are the standard
 * leakage-free protocols.
 */
package org.wisekit.eeg.data;
