/**
 * Internals of math-kwise: the fraction-free integer simplex with Bland's rule
 * ({@link org.wisekit.kwise.internal.IntegerSimplex}), exact binomials and fraction parsing/printing. Not API.
 */
package org.wisekit.kwise.internal;
