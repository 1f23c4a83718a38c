/**
 * The multimodal model in SameDiff: pre-LN transformer encoders for image patches and log-mel audio tokens,
 * projection heads, a fusion head, symmetric InfoNCE, and {@link org.wisekit.fedmml.model.OpCostMeter}, which
 * counts FLOPs and allocated bytes from the ops a graph executes.
 */
package org.wisekit.fedmml.model;
