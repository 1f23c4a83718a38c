/**
 * The {@code wisekit lutmm} tool: {@code fit} (a MADDNESS model on training rows from an {@code .npy} file, bound to
 * a fixed B and saved with {@link org.wisekit.lutmm.MaddnessFile}) and {@code apply} (the approximate product of a
 * saved model with new rows, written as {@code .npy}, optionally scored against the exact product). Needs
 * wisekit-harness, wisekit-datasets and picocli, optional dependencies of this artifact.
 */
package org.wisekit.lutmm.cli;
