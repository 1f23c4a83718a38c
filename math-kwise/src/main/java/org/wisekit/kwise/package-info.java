/**
 * Exact M(n,k,p), the largest probability that n k-wise independent Bernoulli(p) bits are all 1
 * (Berend, Ernst, Kontorovich, Kumar; closed forms for p near 0 and near 1).
 *
 * <p>{@link org.wisekit.kwise.KwiseSolver} solves the symmetrised LP over the law of S = X_1+...+X_n in exact
 * integer arithmetic and returns a {@link org.wisekit.kwise.KwiseSolution} with the optimal law of S and a
 * {@link org.wisekit.kwise.DualCertificate}, which {@link org.wisekit.kwise.CertificateChecker} verifies
 * independently. {@link org.wisekit.kwise.ClosedForms} holds the closed forms near p = 0 and p = 1 with their
 * ranges; they are <b>reconstructed</b> (the paper's text is not available) and verified by exact LP.
 * Independent checks: {@link org.wisekit.kwise.VertexEnumeration} (oracle for small n),
 * {@link org.wisekit.kwise.JointLaw} (brute force on {0,1}^n), {@link org.wisekit.kwise.Bounds}; the
 * double-precision baseline is {@link org.wisekit.kwise.FloatingPointLp}.
 *
 * <p>This package and {@code org.wisekit.kwise.internal} need only Commons Math. The CLI tool
 * {@code wisekit kwise} lives in {@code org.wisekit.kwise.cli} and the reproduction
 * {@code math-kwise/closed-forms} in {@code org.wisekit.kwise.repro}; both need wisekit-harness and picocli,
 * which are optional dependencies of this artifact.
 *
 * <p>All values are immutable; all entry points are stateless and thread-safe.
 */
package org.wisekit.kwise;
