/**
 * Vision Transformers with depth-wise convolution shortcuts (Zhang, Xu, Luo, Wang, arXiv 2407.19394):
 * {@link org.wisekit.vitdw.ViTModel} (a SameDiff ViT with the DW module of the official code and the
 * reconstructed bypass-n and parallel-kernel variants, configured by {@link org.wisekit.vitdw.ViTConfig}
 * and {@link org.wisekit.vitdw.DwShortcut}), {@link org.wisekit.vitdw.Trainer} with one
 * {@link org.wisekit.vitdw.Recipe} for every arm, stratified subsets ({@link org.wisekit.vitdw.ImageSet}),
 * and a plain-Java NHWC depth-wise convolution ({@link org.wisekit.vitdw.DepthwiseConv2d}). The training code
 * (AdamW, seeded initialisation, the pre-LN transformer block, one-thread deterministic runs) is the shared code
 * of wisekit-tensor-nd4j. The reproduction {@code vit-dwconv/small-data} is in {@code org.wisekit.vitdw.repro}.
 */
package org.wisekit.vitdw;
