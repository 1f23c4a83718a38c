/**
 * The reproduction {@code fl-multimodal/resources} ({@link org.wisekit.fedmml.repro.ResourcesReproduction}) and
 * the simulation helpers it shares with the {@code wisekit fedmml} tool ({@link org.wisekit.fedmml.repro.Simulation}).
 * Needs wisekit-harness, ND4J and wisekit-tensor-nd4j (optional dependencies of the module).
 */
package org.wisekit.fedmml.repro;
