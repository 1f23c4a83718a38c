/**
 * Pure-Java preprocessing of Ngo, Do, Nguyen, Nguyen and Dang, "How Homogenizing the Channel-wise Magnitude Can
 * Enhance EEG Classification Model?" (arXiv 2407.20247): Inverted Channel-wise Magnitude Homogenisation
 * ({@link org.wisekit.eeg.preprocess.Icwmh}) and its z-score competitor
 * ({@link org.wisekit.eeg.preprocess.ChannelZScore}), the EEG-encoded image with three interpolations
 * ({@link org.wisekit.eeg.preprocess.EegImage}), the edge branch ({@link org.wisekit.eeg.preprocess.GaussianBlur},
 * {@link org.wisekit.eeg.preprocess.Canny}, {@link org.wisekit.eeg.preprocess.AdaptiveThreshold}), the skip-connection
 * fusion ({@link org.wisekit.eeg.preprocess.Fusion}) and the whole pipeline with every switch
 * ({@link org.wisekit.eeg.preprocess.Preprocessor}).
 *
 * <p>The paper publishes neither formulas nor code: every formula here is reconstructed from its description
 * (the module's implementation note) and every ambiguous choice is a switch; the image operations follow OpenCV's
 * conventions (which the authors most likely used), and each class says where it departs from them. Trials are
 * {@code double[channels][samples]}, images {@code float[rows][cols]} with values in [0, 255], edge maps
 * {@code byte[rows][cols]} of 0 and 1. No OpenCV or native code; all classes are immutable or stateless and
 * thread-safe.
 */
package org.wisekit.eeg.preprocess;
