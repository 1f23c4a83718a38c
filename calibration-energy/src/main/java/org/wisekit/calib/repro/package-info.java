/**
 * The reproduction {@code calibration-energy/wild} ({@link org.wisekit.calib.repro.WildReproduction}): a DL4J MLP
 * on Fashion-MNIST scored from in-distribution data through Fashion-MNIST-C to a semantic-OOD test set. Needs
 * wisekit-harness, DL4J / ND4J and wisekit-tensor-nd4j (optional dependencies of this artifact); not API.
 */
package org.wisekit.calib.repro;
