package org.wisekit.lutmm.kernel;

import jdk.incubator.vector.ByteVector;

/**
 * The vector width every {@code jdk.incubator.vector} kernel of this module uses, fixed once per JVM when
 * this class loads: the widest byte species the JVM offers (512, 256 or 128 bits), or the value of the
 * system property {@value #PROPERTY} (512, 256 or 128; a width wider than the hardware runs emulated,
 * slowly but with the same results, which is how the tests exercise every path on every machine).
 *
 * <p>Kernels read the width into {@code static final} species fields: C2 compiles Vector API calls to
 * single instructions only when the species is a compile-time constant, so a species passed around as a
 * parameter or held in an instance field would box vectors on the heap.
 */
public final class VectorWidth {

    /** The system property that forces a width: 512, 256 or 128. */
    public static final String PROPERTY = "wisekit.lutmm.vectorBits";

    /** The width in bits: 512, 256 or 128; 0 when the Vector API is absent or narrower than 128 bits (scalar only). */
    public static final int BITS = choose(System.getProperty(PROPERTY));

    private VectorWidth() {
    }

    /** Whether the vector kernels can run here. */
    public static boolean available() {
        return BITS > 0;
    }

    static int choose(String forced) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return 0;
        }
        if (forced != null && !forced.isBlank()) {
            return switch (forced.trim()) {
                case "512" -> 512;
                case "256" -> 256;
                case "128" -> 128;
                default -> throw new IllegalArgumentException(PROPERTY + " must be 512, 256 or 128, got '" + forced + "'");
            };
        }
        int preferred = ByteVector.SPECIES_PREFERRED.vectorBitSize();
        return preferred >= 512 ? 512 : preferred >= 256 ? 256 : preferred >= 128 ? 128 : 0;
    }
}
