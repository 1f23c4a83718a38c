/**
 * Instance-level hardness baselines aggregated per class, the kind of baseline GeoHard is compared against. All take
 * embeddings and labels {@code 0..K-1} and return one value per class; each class's javadoc states its orientation:
 * <ul>
 *   <li>{@link org.wisekit.geohard.baselines.KnnDisagreement}: the mean fraction of an instance's k nearest
 *       neighbours with another label; higher = harder.</li>
 *   <li>{@link org.wisekit.geohard.baselines.Silhouette}: minus the mean silhouette; higher = harder.</li>
 *   <li>{@link org.wisekit.geohard.baselines.Thrust} (Zhao et al. 2023): the size-weighted inverse-square pull of
 *       per-label k-means clusters, per class its 25th percentile; higher = easier.</li>
 *   <li>{@link org.wisekit.geohard.baselines.DataMaps} (Swayamdipta et al. 2020): mean confidence (higher = easier)
 *       and mean variability (higher = more ambiguous) of the gold-label probability over the epochs of a
 *       softmax regression trained by SGD.</li>
 *   <li>{@link org.wisekit.geohard.baselines.Pvi} (Ethayarajh et al. 2022): mean pointwise V-information of held-out
 *       instances under a softmax regression against the label prior; higher = easier.</li>
 * </ul>
 * kNN disagreement and the silhouette use Euclidean distances by brute force (O(n squared) time). The two learned
 * baselines share one dense softmax regression (SGD for the training dynamics, the shared L-BFGS of wisekit-tensor
 * for PVI). Everything is deterministic for a seed; invalid arguments throw {@code IllegalArgumentException} naming
 * the parameter and the value.
 */
package org.wisekit.geohard.baselines;
