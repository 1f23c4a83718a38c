/**
 * The MADDNESS hot loops on primitive arrays: tree encoding (compare-and-descend, 4 levels) and LUT
 * scanning (16-entry byte table lookups, exact or averaged aggregation), each as a scalar reference and
 * a {@code jdk.incubator.vector} kernel that the tests prove bit-identical. Kernels trust their
 * arguments (the public classes in {@code org.wisekit.lutmm} validate them) and never allocate.
 *
 * <p>Layouts: input rows are row-major {@code float[n * d]}; codes are codebook-major
 * {@code byte[c * n + i]} (values 0..15); tables are {@code byte[(m * C + c) * 16 + k]} holding
 * unsigned 8-bit entries; integer outputs are output-major {@code int[m * n + i]}.
 */
package org.wisekit.lutmm.kernel;
