/**
 * Weight files for the library, JDK only: {@link org.wisekit.ubp.io.Safetensors} reads and writes the
 * safetensors format (Hugging Face / PyTorch weights) with a strict header parser. The packed sparse matrix
 * format is {@link org.wisekit.ubp.SparseMatrix#write(java.nio.file.Path)} /
 * {@link org.wisekit.ubp.SparseMatrix#read(java.nio.file.Path)}.
 */
package org.wisekit.ubp.io;
