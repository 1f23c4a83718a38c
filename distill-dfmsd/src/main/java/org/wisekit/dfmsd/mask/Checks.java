package org.wisekit.dfmsd.mask;

/** Argument checks shared by the mask package; every message names the parameter and its value. */
final class Checks {

    private Checks() {
    }

    static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    static void length(String name, float[] array, long expected) {
        if (array == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (array.length != expected) {
            throw new IllegalArgumentException(name + " must have length " + expected + ", got " + array.length);
        }
    }

    static int size(String what, int... dims) {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " has too many values: " + n);
        }
        return (int) n;
    }

    /** A ratio strictly inside (0, 1). */
    static void openUnit(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1) exclusive, got " + value);
        }
    }

    static void positiveFinite(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
    }

    static void nonNegativeFinite(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be non-negative and finite, got " + value);
        }
    }
}
