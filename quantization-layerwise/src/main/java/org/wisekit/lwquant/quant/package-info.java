/**
 * Weight quantizers on packed group formats: round-to-nearest, GPTQ and llama.cpp's Q8_0 / Q4_0 blocks,
 * with bit packing and binary16 scales.
 */
package org.wisekit.lwquant.quant;
