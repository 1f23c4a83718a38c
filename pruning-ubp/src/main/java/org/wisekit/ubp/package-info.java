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
 *       (Vector API or scalar, same bits).</li>
 *   <li><b>Training</b> (DL4J): {@link org.wisekit.ubp.Networks} (MLP, small MobileNetV1) with their
 *       {@link org.wisekit.ubp.PrunableLayer}s, {@link org.wisekit.ubp.GradualPruning} on a
 *       {@link org.wisekit.ubp.PruningSchedule}, {@link org.wisekit.ubp.Training} on
 *       {@link org.wisekit.ubp.ImageData}.</li>
 *   <li><b>Reproductions</b>: {@code pruning-ubp/selection}, {@code pruning-ubp/accuracy},
 *       {@code pruning-ubp/kernel}; tool {@code wisekit ubp select} ({@link org.wisekit.ubp.UbpCommand}).</li>
 * </ul>
 *
 * <p>Value types are immutable records checked in their constructors; selectors and packed matrices are
 * stateless or immutable and thread-safe; {@link org.wisekit.ubp.GradualPruning} is not.
 */
package org.wisekit.ubp;
