/**
 * Implementation helpers of the selectors and reproductions: the exact window DP, a primitive lazy max-heap,
 * top-k selection and column-major layout conversions. JDK only.
 * Not API.
 */
package org.wisekit.ubp.internal;
