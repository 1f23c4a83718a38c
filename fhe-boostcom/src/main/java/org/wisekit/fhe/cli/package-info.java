/**
 * The {@code wisekit fhe} tool ({@link org.wisekit.fhe.cli.FheTool}, {@link org.wisekit.fhe.cli.FheCommand}) and
 * its subcommands {@code selftest}, {@code compare} and {@code bench}. Needs wisekit-harness and picocli (optional
 * dependencies of this artifact); not API.
 */
package org.wisekit.fhe.cli;
