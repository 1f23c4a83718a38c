/**
 * Covariate shift for 28 x 28 grey images: ten CIFAR-10-C-style corruptions at severities 1-5
 * ({@link org.wisekit.calib.shift.Corruption}), applied deterministically per (seed, corruption, severity,
 * image) by {@link org.wisekit.calib.shift.FashionMnistC}, and the small image operations they need.
 */
package org.wisekit.calib.shift;
