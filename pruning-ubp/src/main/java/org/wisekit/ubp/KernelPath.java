package org.wisekit.ubp;

/** Which implementation of a sparse kernel runs; both compute the same sums in the same order. */
public enum KernelPath {
    /** {@code jdk.incubator.vector} tiles; needs {@code --add-modules jdk.incubator.vector}. */
    VECTOR,
    /** Plain Java, always available. */
    SCALAR;

    private static final boolean VECTOR_AVAILABLE =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /** Whether {@link #VECTOR} can run in this JVM. */
    public static boolean isVectorAvailable() {
        return VECTOR_AVAILABLE;
    }

    /** {@link #VECTOR} when available, else {@link #SCALAR}. */
    public static KernelPath defaultPath() {
        return VECTOR_AVAILABLE ? VECTOR : SCALAR;
    }
}
