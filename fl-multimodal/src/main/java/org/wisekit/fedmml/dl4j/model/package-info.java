/**
 * The multimodal model in SameDiff: pre-LN transformer encoders for image patches and log-mel audio tokens,
 * projection heads, a fusion head, symmetric InfoNCE, and {@link org.wisekit.fedmml.dl4j.model.OpCostMeter}, which
 * counts FLOPs and allocated bytes from the ops a graph executes. The encoder layers are the shared
 * {@code TransformerBlock} of wisekit-tensor-nd4j; initial values come from its {@code SeededInit}.
 */
package org.wisekit.fedmml.dl4j.model;
