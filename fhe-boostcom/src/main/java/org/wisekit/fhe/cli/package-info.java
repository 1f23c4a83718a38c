/**
 * The {@code wisekit fhe} tool ({@link org.wisekit.fhe.cli.FheTool}, {@link org.wisekit.fhe.cli.FheCommand}) and
 * its subcommands: the client/server commands {@code keygen}, {@code encrypt}, {@code compare}/{@code min}/{@code sort}
 * {@code --eval-keys} (server side: no secret key read) and {@code decrypt}, the single-process {@code compare --a
 * --b} demo, {@code selftest} and {@code bench}. Needs wisekit-harness and picocli (optional
 * dependencies of this artifact); not API.
 */
package org.wisekit.fhe.cli;
