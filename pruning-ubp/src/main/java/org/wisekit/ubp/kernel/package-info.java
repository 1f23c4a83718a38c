/**
 * The sparse x dense kernels behind {@link org.wisekit.ubp.SparseMatrix}: {@link
 * org.wisekit.ubp.kernel.ScalarSpmm} (plain Java, any block size) and {@link
 * org.wisekit.ubp.kernel.VectorSpmm} (Vector API tiles of two vectors of pixels, specialised for V = 2
 * and 4). Both trust their arguments; both give the same bits.
 */
package org.wisekit.ubp.kernel;
