/**
 * Classic, non-deep baselines of the ICWMH comparison (Ngo et al., arXiv 2407.20247, baseline (f)): common spatial
 * patterns ({@link org.wisekit.eeg.baselines.Csp}, Ramoser et al. 2000) with log-variance features and linear
 * discriminant analysis ({@link org.wisekit.eeg.baselines.Lda}), chained by
 * {@link org.wisekit.eeg.baselines.CspLda}. Pure Java on {@code double[trial][channel][sample]}; eigenproblems and
 * linear solves use Commons Math.
 */
package org.wisekit.eeg.baselines;
