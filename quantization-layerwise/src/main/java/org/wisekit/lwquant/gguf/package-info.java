/**
 * GGUF files (version 3, the format of ggml / llama.cpp): {@link org.wisekit.lwquant.gguf.Gguf} reads and
 * writes the container (typed metadata, tensor infos, aligned data), {@link org.wisekit.lwquant.gguf.GgmlType}
 * encodes and decodes F32, F16, Q4_0 and Q8_0 data as ggml's reference functions do, and
 * {@link org.wisekit.lwquant.gguf.GgufLlama} maps a llama model with a layer-wise bit allocation to GGUF
 * tensor types and back.
 */
package org.wisekit.lwquant.gguf;
