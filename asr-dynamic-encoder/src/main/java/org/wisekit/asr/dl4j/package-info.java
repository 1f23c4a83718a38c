/**
 * The Conformer-CTC supernet on SameDiff (optional ND4J dependency): {@link org.wisekit.asr.dl4j.SupernetTrainer}
 * trains it with Simple-Top-k or Iterative-Zero-Out (or trains fixed-mask and individual baselines), and
 * {@link org.wisekit.asr.dl4j.DynamicEncoder} runs a trained model at any of its sizes, skipping pruned modules,
 * saves it, and exports one size's subnet.
 */
package org.wisekit.asr.dl4j;
