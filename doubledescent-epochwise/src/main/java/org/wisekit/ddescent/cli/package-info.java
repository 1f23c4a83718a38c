/**
 * The {@code wisekit ddescent} tool: {@code curve} (closed-form test-error curves of the two-layer model and of
 * linear regression for given modes, the double-descent detector and the necessary conditions) and {@code data}
 * (the digits analysis of {@link org.wisekit.ddescent.DigitsAnalysis} on a user's CSV). Needs wisekit-harness and
 * picocli, optional dependencies of this artifact.
 */
package org.wisekit.ddescent.cli;
