/**
 * A llama-style decoder in plain Java: forward pass, configuration and safetensors checkpoints. Training
 * with SameDiff is in {@link org.wisekit.lwquant.dl4j}.
 */
package org.wisekit.lwquant.llama;
