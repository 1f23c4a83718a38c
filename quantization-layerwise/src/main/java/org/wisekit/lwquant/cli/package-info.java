/** The {@code wisekit lwquant} tool (picocli): importance scores and variable layer-wise quantization of a checkpoint. */
package org.wisekit.lwquant.cli;
