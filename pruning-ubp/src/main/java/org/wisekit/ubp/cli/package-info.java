/**
 * The {@code wisekit ubp} tool ({@code wisekit ubp select}: selection on random, text, .npy or safetensors
 * weights; writes the pruned weights, the mask and the packed matrix only where named). Not API; needs the
 * harness and picocli (optional dependencies of this module).
 */
package org.wisekit.ubp.cli;
