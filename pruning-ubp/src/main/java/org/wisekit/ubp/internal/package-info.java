/**
 * Implementation helpers of the selectors and reproductions: the exact window DP, a primitive lazy max-heap,
 * top-k selection, column-major layout conversions and seeded Gaussian data. JDK only.
 * Not API.
 */
package org.wisekit.ubp.internal;
