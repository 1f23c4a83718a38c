/**
 * Sentence embeddings with all-MiniLM-L6-v2: the {@link org.wisekit.text.embed.SentenceEncoder} contract
 * (L2-normalized mean-pooled vectors), {@link org.wisekit.text.embed.SentenceEncoders} to open one on ONNX
 * Runtime or in Java, the Java forward pass {@link org.wisekit.text.embed.MiniLmJava} with its ONNX weight
 * reader, the shared {@link org.wisekit.text.embed.Pooling} and an on-disk
 * {@link org.wisekit.text.embed.EmbeddingCache}. Nothing here needs ONNX Runtime or the model jar at compile
 * time; the model files are read from the class path or from files.
 */
package org.wisekit.text.embed;
