package org.wisekit.lutmm.baseline;

/**
 * A method computing (an approximation of) {@code A · B} for a B fixed in advance, on row-major
 * {@code float[]} rows. Implementations keep working buffers between calls, so one instance must not be
 * used by two threads at once.
 */
public interface ApproxMatmul {

    /** Short name used in tables and plots, e.g. "MADDNESS C=16". */
    String name();

    /** D. */
    int inputs();

    /** M. */
    int outputs();

    /** Writes {@code out[i * M + m]} for the n rows of {@code a}. */
    void multiply(float[] a, int n, float[] out);
}
