package org.wisekit.lutmm;

import jdk.incubator.vector.FloatVector;

/** Which implementation runs the encode and scan kernels; both give bit-identical results. */
public enum KernelPath {
    /** Plain Java loops; always available. */
    SCALAR,
    /**
     * {@code jdk.incubator.vector}: 16-row blocks, 128-bit byte table lookups ({@code rearrange}) in the
     * scan, 512-bit float compares and 16-entry table lookups in the encoder. Needs
     * {@code --add-modules jdk.incubator.vector} and 512-bit vectors in hardware (AVX-512): on narrower
     * machines the 512-bit species would run emulated, so {@link #defaultPath()} answers {@link #SCALAR} there.
     */
    VECTOR;

    private static final boolean VECTOR_USABLE = vectorUsable();

    /** Whether {@link #VECTOR} is loaded and runs on 512-bit registers here. */
    public static boolean isVectorAvailable() {
        return VECTOR_USABLE;
    }

    /** {@link #VECTOR} when it is available, else {@link #SCALAR}. */
    public static KernelPath defaultPath() {
        return VECTOR_USABLE ? VECTOR : SCALAR;
    }

    private static boolean vectorUsable() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
    }
}
