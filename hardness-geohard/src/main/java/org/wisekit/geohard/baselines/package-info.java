/**
 * Instance-level hardness baselines aggregated per class, the kind of baseline GeoHard is compared against:
 * {@link org.wisekit.geohard.baselines.KnnDisagreement} (the mean fraction of an instance's k nearest neighbours
 * with another label) and {@link org.wisekit.geohard.baselines.Silhouette} (minus the mean silhouette). Both take
 * embeddings and labels {@code 0..K-1}, use Euclidean distances by brute force (O(n squared) time) and return one
 * value per class where higher means harder. Invalid arguments throw {@code IllegalArgumentException} naming the
 * parameter and the value. JDK only.
 */
package org.wisekit.geohard.baselines;
