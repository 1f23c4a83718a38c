/**
 * Internals of doubledescent-epochwise: argument checks, the cancellation-free closed-form evaluator, the
 * segment-wise DormandPrince853 driver and the small dense kernels (gradient-flow velocity, random orthonormal
 * bases). Not API.
 */
package org.wisekit.ddescent.internal;
