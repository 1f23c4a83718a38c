/**
 * The DL4J classifiers of the ICWMH comparison (Ngo et al., arXiv 2407.20247): {@link org.wisekit.eeg.dl4j.LightCnn}
 * (the light CNN on EEG-encoded images, widths reconstructed), {@link org.wisekit.eeg.dl4j.EegNetLike} (EEGNet,
 * Lawhern et al. 2018, on raw trials), {@link org.wisekit.eeg.dl4j.Classifier} (seeded minibatch training with
 * optional early stopping, and prediction) with {@link org.wisekit.eeg.dl4j.TrainSettings}, and
 * {@link org.wisekit.eeg.dl4j.ModelStats} (parameters and multiply-adds per layer, from the architecture).
 *
 * <p>Needs, besides this module, {@code org.deeplearning4j:deeplearning4j-nn:1.0.0-M2.1},
 * {@code org.nd4j:nd4j-native:1.0.0-M2.1} with its platform natives (the same artifact with a classifier such as
 * {@code linux-x86_64}) and {@code org.wisekit:wisekit-tensor-nd4j} (one-thread ND4J set-up; it brings
 * {@code wisekit-tensor}, home of the seeded shuffles).
 */
package org.wisekit.eeg.dl4j;
