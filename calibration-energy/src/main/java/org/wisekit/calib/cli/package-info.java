/**
 * The {@code wisekit calib} tool ({@link org.wisekit.calib.cli.CalibTool}, {@link org.wisekit.calib.cli.CalibCommand})
 * and its subcommands {@code fit} ({@link org.wisekit.calib.cli.FitCommand}: fit, score, save),
 * {@code apply} ({@link org.wisekit.calib.cli.ApplyCommand}: a saved calibrator on unlabelled logits) and
 * {@code compare} ({@link org.wisekit.calib.cli.CompareCommand}: a table of methods and a reliability diagram with
 * bin counts). Needs wisekit-harness and picocli (optional dependencies of this artifact); not API.
 */
package org.wisekit.calib.cli;
