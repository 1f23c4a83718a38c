/**
 * The pieces of the {@code calibration-energy/wild} reproduction: the over-confident DL4J MLP
 * ({@link org.wisekit.calib.wild.MlpClassifier}), the image sets it is evaluated on
 * ({@link org.wisekit.calib.wild.ImageSet}), the per-seed logits and their float32 cache
 * ({@link org.wisekit.calib.wild.SeedLogits}, {@link org.wisekit.calib.wild.LogitCache}), and the scoring
 * of every method at every shift level ({@link org.wisekit.calib.wild.SeedEvaluation}).
 */
package org.wisekit.calib.wild;
