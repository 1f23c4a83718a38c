/**
 * GeoHard class-wise hardness (Cai, Zhao, Zhang, Gurevych, Koeppl, "GeoHard: Towards Measuring Class-wise
 * Hardness through Modelling Class Semantics", Findings of ACL 2024, arXiv 2407.12512).
 *
 * <p>{@link org.wisekit.geohard.GeoHard#compute} takes embeddings and labels and returns one
 * {@link org.wisekit.geohard.ClassHardness} per class (intra, inter, their sum and the rank);
 * {@link org.wisekit.geohard.Options} selects a {@link org.wisekit.geohard.Transform} (none or
 * {@link org.wisekit.geohard.Pca}) and seeded class-balanced sampling;
 * {@link org.wisekit.geohard.ClassStatistics} is the one-pass Welford accumulator underneath, usable on
 * streamed data with {@link org.wisekit.geohard.GeoHard#fromStatistics}; {@link org.wisekit.geohard.Correlation}
 * gives Pearson and Spearman against class-wise F1, flagging undefined (constant) and trivial (K = 2) cases.
 *
 * <p>This package needs only Commons Math. The tool {@code wisekit geohard} lives in
 * {@code org.wisekit.geohard.cli} and needs wisekit-harness, wisekit-datasets and picocli (optional
 * dependencies of this artifact).
 */
package org.wisekit.geohard;
