/**
 * The reproduction {@code vit-dwconv/small-data} ({@link org.wisekit.vitdw.repro.SmallDataReproduction}): micro-ViTs
 * with and without depth-wise convolution shortcuts trained on Fashion-MNIST subsets and a CIFAR-10 subset.
 * Needs wisekit-harness and wisekit-datasets (optional dependencies of the module).
 */
package org.wisekit.vitdw.repro;
