/**
 * Vision Transformers with depth-wise convolution shortcuts (Zhang, Xu, Luo, Wang, arXiv 2407.19394):
 * {@link org.wisekit.vitdw.ViTModel} (a SameDiff ViT with the DW module of the official code and the
 * reconstructed bypass-n and parallel-kernel variants, configured by {@link org.wisekit.vitdw.ViTConfig}
 * and {@link org.wisekit.vitdw.DwShortcut}), {@link org.wisekit.vitdw.Trainer} with one
 * {@link org.wisekit.vitdw.Recipe} for every arm, stratified subsets ({@link org.wisekit.vitdw.ImageSet}),
 * a plain-Java NHWC depth-wise convolution ({@link org.wisekit.vitdw.DepthwiseConv2d}), and the
 * reproduction {@code vit-dwconv/small-data}.
 */
package org.wisekit.vitdw;
