/** A llama-style decoder: Java forward pass, safetensors checkpoints, and SameDiff training. */
package org.wisekit.lwquant.llama;
