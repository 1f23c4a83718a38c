/**
 * Implementation helpers of the selectors and reproductions: the exact window DP, a primitive lazy max-heap,
 * top-k selection, column-major layout conversions, seeded Gaussian data, timing and ND4J thread limits.
 * Not API.
 */
package org.wisekit.ubp.internal;
