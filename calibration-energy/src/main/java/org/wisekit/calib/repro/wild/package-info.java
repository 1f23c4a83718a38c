/**
 * The pieces of the {@code calibration-energy/wild} reproduction: the over-confident DL4J MLP
 * ({@link org.wisekit.calib.repro.wild.MlpClassifier}), the image sets it is evaluated on
 * ({@link org.wisekit.calib.repro.wild.ImageSet}), the per-seed logits and their float32 cache
 * ({@link org.wisekit.calib.repro.wild.SeedLogits}, {@link org.wisekit.calib.repro.wild.LogitCache}), and the scoring
 * of every method at every shift level ({@link org.wisekit.calib.repro.wild.SeedEvaluation}). Not API.
 */
package org.wisekit.calib.repro.wild;
