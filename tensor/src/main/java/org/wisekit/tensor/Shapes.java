package org.wisekit.tensor;

import java.util.Arrays;

/** Shape arithmetic and validation shared by the tensor operations. */
public final class Shapes {

    private Shapes() {
    }

    /** "[2, 3, 4]"; "[]" for a scalar. */
    public static String format(int[] shape) {
        return Arrays.toString(shape);
    }

    /** Validates and copies a shape: no null, no negative dimension, size fits in an int. */
    static int[] checked(int[] shape) {
        if (shape == null) {
            throw new IllegalArgumentException("shape must not be null");
        }
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + format(shape) + " has a negative dimension");
            }
        }
        sizeAsInt(shape);
        return shape.clone();
    }

    /** Product of the dimensions (1 for a scalar). */
    public static long size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                return n;
            }
        }
        return n;
    }

    static int sizeAsInt(int[] shape) {
        long n = size(shape);
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape " + format(shape) + " has more than 2^31 elements");
        }
        return (int) n;
    }

    /** Normalises a possibly negative axis for a tensor of rank {@code rank}. */
    static int axis(int axis, int rank, String op) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for rank " + rank);
        }
        return a;
    }

    /** Row-major offset of a multi-index, bounds-checked. */
    static int offset(int[] shape, int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has " + index.length
                    + " coordinates but shape " + format(shape) + " has rank " + shape.length);
        }
        int off = 0;
        for (int i = 0; i < shape.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " is outside shape "
                        + format(shape));
            }
            off = off * shape[i] + index[i];
        }
        return off;
    }

    /** Product of {@code shape[from..to)}; 1 for an empty range. */
    static int product(int[] shape, int from, int to) {
        int p = 1;
        for (int d = from; d < to; d++) {
            p *= shape[d];
        }
        return p;
    }

    /** The shape with axis {@code axis} removed. */
    static int[] removeAxis(int[] shape, int axis) {
        int[] out = new int[shape.length - 1];
        System.arraycopy(shape, 0, out, 0, axis);
        System.arraycopy(shape, axis + 1, out, axis, shape.length - axis - 1);
        return out;
    }

    /** Throws unless both shapes are equal; the message names the operation and both shapes. */
    static void requireSame(String op, int[] a, int[] b) {
        if (!Arrays.equals(a, b)) {
            throw new IllegalArgumentException(op + ": shapes " + format(a) + " and " + format(b) + " differ");
        }
    }

    static int[] inferReshape(int[] from, int[] to) {
        if (to == null) {
            throw new IllegalArgumentException("reshape: shape must not be null");
        }
        int[] out = to.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape " + format(from) + " -> " + format(to)
                            + ": at most one dimension may be -1");
                }
                infer = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException("reshape " + format(from) + " -> " + format(to)
                        + ": negative dimension");
            } else {
                known *= out[i];
            }
        }
        long total = size(from);
        if (infer >= 0) {
            if (known == 0 || total % known != 0) {
                throw new IllegalArgumentException("reshape " + format(from) + " -> " + format(to)
                        + ": cannot infer the -1 dimension");
            }
            out[infer] = (int) (total / known);
            known = total;
        }
        if (known != total) {
            throw new IllegalArgumentException("reshape " + format(from) + " -> " + format(to)
                    + ": " + total + " elements cannot take " + known);
        }
        return out;
    }
}
