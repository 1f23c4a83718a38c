/**
 * The {@code wisekit kwise} tool ({@link org.wisekit.kwise.cli.KwiseTool}, {@link org.wisekit.kwise.cli.KwiseCommand}).
 * Needs wisekit-harness and picocli (optional dependencies of this artifact); not API.
 */
package org.wisekit.kwise.cli;
