/**
 * The reproduction {@code quantization-layerwise/ordering} ({@link org.wisekit.lwquant.repro.OrderingReproduction})
 * and the experiment code only it uses: the cached decoder trained on Debian fortunes
 * ({@link org.wisekit.lwquant.repro.DecoderModels}), the MiniLM study and the report. Uses the optional
 * dependencies (wisekit-harness, DL4J/ND4J, the all-MiniLM-L6-v2 model jar).
 */
package org.wisekit.lwquant.repro;
