/**
 * AMU-style stacked LUT networks (Zhu et al., arXiv 2407.02362; the software mapping of the paper's
 * inter-/intra-layer streamlining is reconstructed, see the module README) and the float and int8
 * reference networks they are compared with.
 */
package org.wisekit.lutmm.amu;
