package org.wisekit.lutmm;

import org.wisekit.lutmm.kernel.VectorWidth;

/** Which implementation runs the kernels; both give bit-identical results. */
public enum KernelPath {
    /** Plain Java loops; always available. */
    SCALAR,
    /**
     * {@code jdk.incubator.vector} at the width {@link VectorWidth#BITS} (the widest the JVM offers: 512,
     * 256 or 128 bits, or the one forced with {@code -Dwisekit.lutmm.vectorBits}). Needs
     * {@code --add-modules jdk.incubator.vector}.
     */
    VECTOR;

    /** Whether {@link #VECTOR} can run here (the Vector API module is loaded and offers 128 bits or more). */
    public static boolean isVectorAvailable() {
        return VectorWidth.available();
    }

    /** {@link #VECTOR} when it is available, else {@link #SCALAR}. */
    public static KernelPath defaultPath() {
        return isVectorAvailable() ? VECTOR : SCALAR;
    }

    /**
     * The path itself, after checking that it can run here.
     *
     * @throws IllegalArgumentException for null, or {@link #VECTOR} where the Vector API is not available
     */
    public static KernelPath checked(KernelPath path) {
        if (path == null) {
            throw new IllegalArgumentException("path must not be null");
        }
        if (path == VECTOR && !isVectorAvailable()) {
            throw new IllegalArgumentException("path VECTOR needs --add-modules jdk.incubator.vector and 128-bit vectors");
        }
        return path;
    }
}
