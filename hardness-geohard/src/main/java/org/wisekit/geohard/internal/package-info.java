/**
 * Implementation details of {@link org.wisekit.geohard.Umap}: the exact nearest-neighbour search, the fuzzy
 * simplicial set, the spectral initialisation and the SGD layout. Not API: these classes may change in any
 * release.
 */
package org.wisekit.geohard.internal;
