/**
 * The {@code wisekit fedmml} tool ({@link org.wisekit.fedmml.cli.FedMmlCommand}): simulation in one process, or a
 * server and clients over gRPC. Needs picocli, wisekit-harness, ND4J and wisekit-tensor-nd4j (optional
 * dependencies of the module).
 */
package org.wisekit.fedmml.cli;
