/**
 * Variable layer-wise quantization of transformer LMs (Dumitru et al., "Variable Layerwise Quantization: A
 * Simple and Effective Approach to Quantize LLMs", arXiv 2406.17415): layer importance by LIM and ZD
 * ({@link org.wisekit.lwquant.LayerImportance}), block orders and bit allocation
 * ({@link org.wisekit.lwquant.Ordering}), mixed-bit llama models and their file format
 * ({@link org.wisekit.lwquant.QuantizedLlama}), GPTQ calibration and perplexity. Quantizers are in
 * {@code quant}, the Java llama forward pass in {@code llama}, safetensors I/O through
 * {@code org.wisekit.datasets.io.Safetensors} and GGUF export and reading in {@code gguf};
 * {@link org.wisekit.lwquant.Checkpoints} loads any of the formats. All of these are plain Java.
 * {@code tokenizer.json} tokenisation ({@code org.wisekit.text.Tokenizer}) and the all-MiniLM-L6-v2 forward
 * pass ({@code org.wisekit.text.embed.MiniLmJava}) come from wisekit-text. The reproduction
 * {@code quantization-layerwise/ordering} is in {@code repro}, the {@code wisekit lwquant} tool in
 * {@code cli} and SameDiff training in {@code dl4j}.
 */
package org.wisekit.lwquant;
