/**
 * The {@code wisekit calib} tool ({@link org.wisekit.calib.cli.CalibTool}, {@link org.wisekit.calib.cli.CalibCommand})
 * and its {@code fit} subcommand ({@link org.wisekit.calib.cli.FitCommand}). Needs wisekit-harness and picocli
 * (optional dependencies of this artifact); not API.
 */
package org.wisekit.calib.cli;
