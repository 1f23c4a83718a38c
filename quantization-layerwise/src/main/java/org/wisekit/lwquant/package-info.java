/**
 * Variable layer-wise quantization of transformer LMs (Dumitru et al., "Variable Layerwise Quantization: A
 * Simple and Effective Approach to Quantize LLMs", arXiv 2406.17415): layer importance by LIM and ZD
 * ({@link org.wisekit.lwquant.LayerImportance}), block orders and bit allocation
 * ({@link org.wisekit.lwquant.Ordering}), mixed-bit llama models and their file format
 * ({@link org.wisekit.lwquant.QuantizedLlama}), and the reproduction {@code quantization-layerwise/ordering}.
 */
package org.wisekit.lwquant;
