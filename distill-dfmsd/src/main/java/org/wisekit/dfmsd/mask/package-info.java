/**
 * Pure-Java attention maps, box maps, feature masks and feature standardisation of the FGD, MGD and DFMSD feature
 * distillers, one image at a time on {@code [C*H*W]} arrays in NCHW order.
 */
package org.wisekit.dfmsd.mask;
