/**
 * Unaligned block-wise pruning (UBP): Hayun Lee and Dongkun Shin, "Realizing Unaligned Block-wise
 * Pruning for DNN Acceleration on Mobile Devices", arXiv 2407.19644 (2024).
 *
 * <p>A weight matrix W (Co output channels x Ci input channels) keeps B blocks of V consecutive output
 * channels in one input channel. Aligned block pruning (ABP) lets blocks start only at multiples of V;
 * UBP lets them start anywhere, so the same B blocks (the same FLOPs) keep more of the weights' importance.
 *
 * <ul>
 *   <li><b>Selection</b>: {@link org.wisekit.ubp.ScoreMatrix} (importance |w| or w^2),
 *       {@link org.wisekit.ubp.Budget} (V and B), {@link org.wisekit.ubp.BlockSelector} returning a
 *       {@link org.wisekit.ubp.BlockSelection}: {@link org.wisekit.ubp.AlignedSelector} (ABP),
 *       {@link org.wisekit.ubp.OptimalSelector} (exact DP), {@link org.wisekit.ubp.GreedySelector} and
 *       {@link org.wisekit.ubp.NaiveGreedySelector} (the authors' greedy), {@link org.wisekit.ubp.BedSelector}
 *       (BED, <b>reconstructed</b>), and the baselines {@link org.wisekit.ubp.UnstructuredSelector} and
 *       {@link org.wisekit.ubp.NmSelector} (2:4); {@link org.wisekit.ubp.SelectionMethod} names them.</li>
 *   <li><b>Kernels</b>: {@link org.wisekit.ubp.SparseMatrix} packs a selection for a
 *       {@link org.wisekit.ubp.SparseKernel} (CSR, ABP, UBP with the sliding window, UBP with WROS,
 *       <b>reconstructed</b>) and multiplies dense CHW inputs on a {@link org.wisekit.ubp.KernelPath}
 *       (Vector API or scalar, same bits); {@link org.wisekit.ubp.SparseMatrix#write} and
 *       {@link org.wisekit.ubp.SparseMatrix#read} save and load it in a documented binary format.</li>
 *   <li><b>Weight files</b>: {@link org.wisekit.datasets.io.Safetensors} (wisekit-datasets) reads and writes
 *       safetensors checkpoints; {@link org.wisekit.ubp.WeightMatrix#of} makes a tensor a weight matrix, and a
 *       pruned tensor goes back in place ({@code Safetensors.Tensor.masked}).</li>
 *   <li><b>Pruning schedule</b>: {@link org.wisekit.ubp.PruningSchedule} (the Zhu-Gupta cubic ramp).</li>
 * </ul>
 *
 * <p>This package, {@code org.wisekit.ubp.kernel} and {@code org.wisekit.ubp.internal} need only the JDK
 * (with {@code jdk.incubator.vector} for the vector kernels) and wisekit-datasets (safetensors, atomic writes). Pruning-aware training of DL4J networks is in
 * {@code org.wisekit.ubp.dl4j} and needs DL4J on the class path (see the module README); the reproductions
 * ({@code pruning-ubp/selection}, {@code pruning-ubp/accuracy}, {@code pruning-ubp/kernel}) are in
 * {@code org.wisekit.ubp.repro} and the tool {@code wisekit ubp select} in {@code org.wisekit.ubp.cli}.
 *
 * <p>Value types are immutable records checked in their constructors; selectors and packed matrices are
 * stateless or immutable and thread-safe.
 */
package org.wisekit.ubp;
