/**
 * SameDiff detectors (FCOS-lite, CenterNet), the distillation losses (FGD, MGD, PKD, DFMSD) and the staged trainer;
 * needs ND4J and its natives (optional dependencies of this module).
 */
package org.wisekit.dfmsd.dl4j;
