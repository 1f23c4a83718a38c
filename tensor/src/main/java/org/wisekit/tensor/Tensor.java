package org.wisekit.tensor;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A dense float32 tensor stored row-major (C order) in one {@code float[]}.
 *
 * <p>The shape is immutable; the elements are not: {@link #data()} returns the backing array so that
 * kernels can work on primitive arrays without copying. Operations return new tensors unless their
 * name says otherwise ({@code ...InPlace}). {@link #reshape} shares the backing array; transpose and
 * permute copy. Instances are not thread-safe for concurrent mutation.
 */
public final class Tensor {

    private final float[] data;
    private final int[] shape;

    private Tensor(float[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    // ---------------------------------------------------------------- creation

    /** Wraps {@code data} without copying; its length must equal the product of {@code shape}. */
    public static Tensor wrap(float[] data, int... shape) {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        int[] s = Shapes.checked(shape);
        long size = Shapes.size(s);
        if (size != data.length) {
            throw new IllegalArgumentException("data length " + data.length + " does not match shape "
                    + Shapes.format(s) + " (" + size + " elements)");
        }
        return new Tensor(data, s);
    }

    /** Copies {@code data} into a new tensor of the given shape. */
    public static Tensor copyOf(float[] data, int... shape) {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        return wrap(data.clone(), shape);
    }

    /** A rank-2 tensor copied from a rectangular {@code float[rows][cols]} array. */
    public static Tensor of(float[][] rows) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("rows must be a non-empty array");
        }
        int cols = rows[0].length;
        float[] out = new float[Math.multiplyExact(rows.length, cols)];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("row " + i + " has length " + rows[i].length
                        + " but row 0 has length " + cols);
            }
            System.arraycopy(rows[i], 0, out, i * cols, cols);
        }
        return new Tensor(out, new int[] {rows.length, cols});
    }

    /** A rank-0 tensor holding one value. */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, new int[0]);
    }

    public static Tensor zeros(int... shape) {
        int[] s = Shapes.checked(shape);
        return new Tensor(new float[Shapes.sizeAsInt(s)], s);
    }

    public static Tensor full(float value, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    /** Elements drawn i.i.d. from N(mean, std^2) with a deterministic generator seeded by {@code seed}. */
    public static Tensor normal(long seed, float mean, float std, int... shape) {
        if (!(std >= 0) || Float.isInfinite(std)) {
            throw new IllegalArgumentException("std must be finite and >= 0, got " + std);
        }
        Tensor t = zeros(shape);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = (float) (mean + std * gaussian(rng));
        }
        return t;
    }

    /** Elements drawn i.i.d. from U[lo, hi) with a deterministic generator seeded by {@code seed}. */
    public static Tensor uniform(long seed, float lo, float hi, int... shape) {
        if (!(lo < hi) || Float.isInfinite(lo) || Float.isInfinite(hi)) {
            throw new IllegalArgumentException("need finite lo < hi, got lo=" + lo + ", hi=" + hi);
        }
        Tensor t = zeros(shape);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = (float) (lo + (hi - lo) * rng.nextDouble());
        }
        return t;
    }

    /** Marsaglia polar method: exact standard normal from uniform draws, no cached state. */
    private static double gaussian(SplittableRandom rng) {
        double u;
        double v;
        double s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    // ---------------------------------------------------------------- shape and access

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Length of axis {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return shape[Shapes.axis(axis, shape.length, "dim")];
    }

    /** Number of elements. */
    public int size() {
        return data.length;
    }

    /** The backing array, row-major. Writes to it are visible through this tensor. */
    public float[] data() {
        return data;
    }

    /** Element at the given multi-index (bounds-checked). */
    public float get(int... index) {
        return data[Shapes.offset(shape, index)];
    }

    /** Sets the element at the given multi-index (bounds-checked). */
    public void set(float value, int... index) {
        data[Shapes.offset(shape, index)] = value;
    }

    /** The single value of a one-element tensor. */
    public float item() {
        if (data.length != 1) {
            throw new IllegalStateException("item() needs exactly one element, shape is " + Shapes.format(shape));
        }
        return data[0];
    }

    /** A deep copy. */
    public Tensor copy() {
        return new Tensor(data.clone(), shape);
    }

    /**
     * A tensor with a new shape over the same backing array (no copy). One dimension may be -1 and is
     * then inferred.
     */
    public Tensor reshape(int... newShape) {
        return new Tensor(data, Shapes.inferReshape(shape, newShape));
    }

    /** True when both shapes are equal and every element is within {@code tol} (absolute). */
    public boolean allClose(Tensor other, float tol) {
        if (!Arrays.equals(shape, other.shape)) {
            return false;
        }
        for (int i = 0; i < data.length; i++) {
            if (!(Math.abs(data[i] - other.data[i]) <= tol)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    /** Shape plus at most the first eight values; never dumps a large tensor. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Shapes.format(shape)).append(" [");
        int n = Math.min(8, data.length);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(data[i]);
        }
        return sb.append(data.length > n ? ", ...]" : "]").toString();
    }
}
