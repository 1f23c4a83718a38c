/**
 * The reproduction harness: the {@link org.wisekit.harness.Reproduction} SPI that every paper module
 * implements, {@link org.wisekit.harness.Claim}s with verdicts computed from measurements, the
 * {@link org.wisekit.harness.Profile}s, and the report writer that turns a run into
 * {@code reports/<module>/<name>/<profile>/{report.md, results.json, *.png}} plus {@code reports/index.md}.
 * Paper modules' command-line tools plug in through the {@link org.wisekit.harness.Tool} SPI.
 */
package org.wisekit.harness;
