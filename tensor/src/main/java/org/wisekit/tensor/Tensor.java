package org.wisekit.tensor;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.wisekit.tensor.internal.AxisKernels;
import org.wisekit.tensor.internal.LayoutKernels;

/**
 * A dense float32 tensor stored row-major (C order) in one {@code float[]}.
 *
 * <p>The shape is immutable; the elements are not: {@link #data()} returns the backing array so that
 * kernels can work on primitive arrays without copying. Operations never modify their inputs and
 * return new tensors with their own arrays, except {@link #reshape}, which shares the backing array.
 * Instances are not thread-safe for concurrent mutation.
 *
 * <p>Operations, each checked at the boundary ({@link IllegalArgumentException} naming the operation
 * and the shapes involved; {@link IndexOutOfBoundsException} for indices and ranges; the maximum of
 * nothing is an {@link IllegalStateException}):
 * <ul>
 *   <li>element-wise: {@link #add}, {@link #sub}, {@link #mul}, {@link #div} on equal shapes, scalar
 *       {@link #add(float)} and {@link #mul(float)}, {@link #neg}, {@link #exp}, {@link #log},
 *       {@link #sqrt}, {@link #abs}, {@link #relu}, {@link #map};</li>
 *   <li>broadcasting a vector over the last axis: {@link #addRowVector}, {@link #mulRowVector};</li>
 *   <li>reductions over everything ({@link #sum()}, {@link #mean()}, {@link #max()}) or along an
 *       axis ({@link #sum(int)}, {@link #mean(int)}, {@link #max(int)}, {@link #argmax(int)},
 *       {@link #logSumExp(int)}), sums accumulated in double;</li>
 *   <li>stable {@link #softmax(int)} and {@link #logSoftmax(int)};</li>
 *   <li>layout copies: {@link #transpose}, {@link #permute}, {@link #slice}, {@link #row},
 *       {@link #concat};</li>
 *   <li>{@link #matmul}, on {@link Gemm}.</li>
 * </ul>
 * Axes may be negative: -1 is the last axis.
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

    // ---------------------------------------------------------------- element-wise

    /** this + other, element by element; the shapes must be equal. */
    public Tensor add(Tensor other) {
        checkSameShape("add", other);
        float[] out = new float[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i] + other.data[i];
        }
        return new Tensor(out, shape);
    }

    /** this - other, element by element; the shapes must be equal. */
    public Tensor sub(Tensor other) {
        checkSameShape("sub", other);
        float[] out = new float[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i] - other.data[i];
        }
        return new Tensor(out, shape);
    }

    /** this * other, element by element (Hadamard product); the shapes must be equal. */
    public Tensor mul(Tensor other) {
        checkSameShape("mul", other);
        float[] out = new float[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i] * other.data[i];
        }
        return new Tensor(out, shape);
    }

    /** this / other, element by element (IEEE: x / 0 is +-inf or NaN); the shapes must be equal. */
    public Tensor div(Tensor other) {
        checkSameShape("div", other);
        float[] out = new float[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i] / other.data[i];
        }
        return new Tensor(out, shape);
    }

    /** this + s for every element. */
    public Tensor add(float s) {
        float[] out = new float[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i] + s;
        }
        return new Tensor(out, shape);
    }

    /** this * s for every element. */
    public Tensor mul(float s) {
        float[] out = new float[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i] * s;
        }
        return new Tensor(out, shape);
    }

    /** -x for every element. */
    public Tensor neg() {
        float[] out = new float[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = -data[i];
        }
        return new Tensor(out, shape);
    }

    /** e^x for every element (computed in double, rounded once). */
    public Tensor exp() {
        float[] out = new float[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.exp(data[i]);
        }
        return new Tensor(out, shape);
    }

    /** Natural logarithm of every element: -inf at 0, NaN below 0. */
    public Tensor log() {
        float[] out = new float[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.log(data[i]);
        }
        return new Tensor(out, shape);
    }

    /** Square root of every element; NaN below 0. */
    public Tensor sqrt() {
        float[] out = new float[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.sqrt(data[i]);
        }
        return new Tensor(out, shape);
    }

    /** |x| for every element. */
    public Tensor abs() {
        float[] out = new float[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.abs(data[i]);
        }
        return new Tensor(out, shape);
    }

    /** max(x, 0) for every element; NaN stays NaN. */
    public Tensor relu() {
        float[] out = new float[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(data[i], 0f);
        }
        return new Tensor(out, shape);
    }

    /** f(x) for every element, in index order. */
    public Tensor map(FloatUnaryOperator f) {
        if (f == null) {
            throw new IllegalArgumentException("map: f must not be null");
        }
        float[] out = new float[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsFloat(data[i]);
        }
        return new Tensor(out, shape);
    }

    // ---------------------------------------------------------------- row-vector broadcasting

    /**
     * this[..., j] + v[j]: adds the rank-1 tensor {@code v}, whose length is this tensor's last
     * dimension, to every row (as when adding a bias to a batch of activations).
     */
    public Tensor addRowVector(Tensor v) {
        int cols = checkRowVector("addRowVector", v);
        float[] out = new float[data.length];
        for (int row = 0; row < out.length; row += cols) {
            for (int j = 0; j < cols; j++) {
                out[row + j] = data[row + j] + v.data[j];
            }
        }
        return new Tensor(out, shape);
    }

    /** this[..., j] * v[j]: scales every row by the rank-1 tensor {@code v} (see {@link #addRowVector}). */
    public Tensor mulRowVector(Tensor v) {
        int cols = checkRowVector("mulRowVector", v);
        float[] out = new float[data.length];
        for (int row = 0; row < out.length; row += cols) {
            for (int j = 0; j < cols; j++) {
                out[row + j] = data[row + j] * v.data[j];
            }
        }
        return new Tensor(out, shape);
    }

    // ---------------------------------------------------------------- reductions

    /** Sum of all elements, accumulated in double; 0 for an empty tensor. */
    public float sum() {
        return (float) sumAsDouble();
    }

    /** Mean of all elements, accumulated in double; NaN for an empty tensor. */
    public float mean() {
        return (float) (sumAsDouble() / data.length);
    }

    /**
     * Largest element; NaN if any element is NaN.
     *
     * @throws IllegalStateException if the tensor is empty
     */
    public float max() {
        if (data.length == 0) {
            throw new IllegalStateException("max: tensor of shape " + Shapes.format(shape) + " is empty");
        }
        float max = data[0];
        for (float v : data) {
            max = Math.max(max, v);
        }
        return max;
    }

    /** Sums along {@code axis}, which is removed from the shape; accumulated in double. */
    public Tensor sum(int axis) {
        int a = Shapes.axis(axis, shape.length, "sum");
        float[] out = new float[outer(a) * inner(a)];
        AxisKernels.sum(data, outer(a), shape[a], inner(a), out);
        return new Tensor(out, Shapes.removeAxis(shape, a));
    }

    /** Means along {@code axis}, which is removed from the shape; NaN along an empty axis. */
    public Tensor mean(int axis) {
        int a = Shapes.axis(axis, shape.length, "mean");
        Tensor sums = sum(a);
        float n = shape[a];
        for (int i = 0; i < sums.data.length; i++) {
            sums.data[i] /= n;
        }
        return sums;
    }

    /**
     * Maxima along {@code axis}, which is removed from the shape; NaN where a NaN takes part.
     *
     * @throws IllegalStateException if the axis has length 0
     */
    public Tensor max(int axis) {
        int a = checkReducibleAxis("max", axis);
        float[] out = new float[outer(a) * inner(a)];
        AxisKernels.max(data, outer(a), shape[a], inner(a), out);
        return new Tensor(out, Shapes.removeAxis(shape, a));
    }

    /**
     * Index of the maximum along {@code axis}, as an {@code int[]} laid out row-major over the shape
     * without that axis (for a [batch, classes] tensor, {@code argmax(-1)} gives one class per row).
     * Ties go to the smallest index; a NaN counts as the maximum (the first NaN wins), matching
     * {@link #max(int)}.
     *
     * @throws IllegalStateException if the axis has length 0
     */
    public int[] argmax(int axis) {
        int a = checkReducibleAxis("argmax", axis);
        int[] out = new int[outer(a) * inner(a)];
        AxisKernels.argmax(data, outer(a), shape[a], inner(a), out);
        return out;
    }

    /**
     * log(sum_j exp(x_j)) along {@code axis}, which is removed from the shape, computed as
     * {@code m + log(sum_j exp(x_j - m))} with m the maximum so that nothing overflows: -inf for an
     * empty or all -inf line, +inf when a +inf takes part, NaN when a NaN does.
     */
    public Tensor logSumExp(int axis) {
        int a = Shapes.axis(axis, shape.length, "logSumExp");
        float[] out = new float[outer(a) * inner(a)];
        AxisKernels.logSumExp(data, outer(a), shape[a], inner(a), out);
        return new Tensor(out, Shapes.removeAxis(shape, a));
    }

    // ---------------------------------------------------------------- softmax

    /**
     * softmax(x)_j = exp(x_j - m) / sum_k exp(x_k - m) along {@code axis}, m the maximum along it, so
     * large inputs (1e4) do not overflow. A -inf entry gets probability 0; a line that is all -inf or
     * holds a NaN gives NaN, and a +inf entry gives NaN.
     */
    public Tensor softmax(int axis) {
        int a = Shapes.axis(axis, shape.length, "softmax");
        float[] out = new float[data.length];
        AxisKernels.softmax(data, outer(a), shape[a], inner(a), out);
        return new Tensor(out, shape);
    }

    /** logSoftmax(x)_j = x_j - logSumExp(x) along {@code axis} (see {@link #logSumExp}); -inf stays -inf. */
    public Tensor logSoftmax(int axis) {
        int a = Shapes.axis(axis, shape.length, "logSoftmax");
        float[] out = new float[data.length];
        AxisKernels.logSoftmax(data, outer(a), shape[a], inner(a), out);
        return new Tensor(out, shape);
    }

    // ---------------------------------------------------------------- layout

    /** The transpose of a rank-2 tensor, copied: result[j][i] = this[i][j]. */
    public Tensor transpose() {
        if (shape.length != 2) {
            throw new IllegalArgumentException("transpose: needs rank 2, got shape " + Shapes.format(shape)
                    + " (use permute for other ranks)");
        }
        float[] out = new float[data.length];
        LayoutKernels.transpose(data, shape[0], shape[1], out);
        return new Tensor(out, new int[] {shape[1], shape[0]});
    }

    /**
     * The tensor with its axes reordered, copied: axis d of the result is axis {@code axes[d]} of this
     * tensor (so {@code permute(1, 0)} transposes a matrix and {@code permute(0, 2, 1, 3)} swaps the
     * middle axes). {@code axes} must be a permutation of 0..rank-1; negative entries count from the end.
     */
    public Tensor permute(int... axes) {
        int[] order = checkPermutation(axes);
        int[] outShape = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            outShape[d] = shape[order[d]];
        }
        float[] out = new float[data.length];
        LayoutKernels.permute(data, shape, order, out);
        return new Tensor(out, outShape);
    }

    /** Entries {@code from} (inclusive) to {@code to} (exclusive) along the first axis, copied. */
    public Tensor slice(int from, int to) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("slice: needs rank >= 1, got a scalar");
        }
        if (from < 0 || to > shape[0] || from > to) {
            throw new IndexOutOfBoundsException("slice: [" + from + ", " + to + ") is not a range within axis 0 of shape "
                    + Shapes.format(shape));
        }
        int rowSize = inner(0);
        int[] outShape = shape.clone();
        outShape[0] = to - from;
        return new Tensor(Arrays.copyOfRange(data, from * rowSize, to * rowSize), outShape);
    }

    /** Entry {@code i} along the first axis, copied; its shape is this shape without the first axis. */
    public Tensor row(int i) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("row: needs rank >= 1, got a scalar");
        }
        if (i < 0 || i >= shape[0]) {
            throw new IndexOutOfBoundsException("row: index " + i + " is outside axis 0 of shape " + Shapes.format(shape));
        }
        int rowSize = inner(0);
        return new Tensor(Arrays.copyOfRange(data, i * rowSize, (i + 1) * rowSize), Shapes.removeAxis(shape, 0));
    }

    /**
     * The parts joined along the first axis, copied; all parts need the same rank (at least 1) and
     * the same dimensions after the first.
     */
    public static Tensor concat(Tensor... parts) {
        if (parts == null || parts.length == 0) {
            throw new IllegalArgumentException("concat: needs at least one tensor");
        }
        int[] first = requireNonNull("concat", "parts[0]", parts[0]).shape;
        if (first.length == 0) {
            throw new IllegalArgumentException("concat: needs rank >= 1, got a scalar");
        }
        long rows = 0;
        for (int p = 0; p < parts.length; p++) {
            int[] s = requireNonNull("concat", "parts[" + p + "]", parts[p]).shape;
            if (s.length != first.length || !Arrays.equals(s, 1, s.length, first, 1, first.length)) {
                throw new IllegalArgumentException("concat: shapes " + Shapes.format(first) + " (part 0) and "
                        + Shapes.format(s) + " (part " + p + ") differ after the first axis");
            }
            rows += s[0];
        }
        int[] outShape = first.clone();
        outShape[0] = Math.toIntExact(rows);
        float[] out = new float[Shapes.sizeAsInt(outShape)];
        int at = 0;
        for (Tensor part : parts) {
            System.arraycopy(part.data, 0, out, at, part.data.length);
            at += part.data.length;
        }
        return new Tensor(out, outShape);
    }

    // ---------------------------------------------------------------- matrix product

    /**
     * Matrix product: [m, k] x [k, n] -> [m, n], or batched [b, m, k] x [b, k, n] -> [b, m, n] (one
     * product per batch entry). Runs {@link Gemm} on one thread with {@link Gemm#defaultPath()}.
     */
    public Tensor matmul(Tensor other) {
        requireNonNull("matmul", "other", other);
        int[] s = other.shape;
        boolean matrices = shape.length == 2 && s.length == 2;
        boolean batches = shape.length == 3 && s.length == 3;
        if (!matrices && !batches) {
            throw new IllegalArgumentException("matmul: needs two rank-2 or two rank-3 tensors, got shapes "
                    + Shapes.format(shape) + " and " + Shapes.format(s));
        }
        int r = shape.length;
        if (batches && shape[0] != s[0]) {
            throw new IllegalArgumentException("matmul: shapes " + Shapes.format(shape) + " and " + Shapes.format(s)
                    + " have different batch sizes " + shape[0] + " and " + s[0]);
        }
        int m = shape[r - 2];
        int k = shape[r - 1];
        int n = s[r - 1];
        if (s[r - 2] != k) {
            throw new IllegalArgumentException("matmul: shapes " + Shapes.format(shape) + " and " + Shapes.format(s)
                    + " do not chain: inner dimensions " + k + " and " + s[r - 2] + " differ");
        }
        int batch = batches ? shape[0] : 1;
        int[] outShape = batches ? new int[] {batch, m, n} : new int[] {m, n};
        float[] out = new float[Shapes.sizeAsInt(outShape)];
        for (int i = 0; i < batch; i++) {
            Gemm.multiplyAt(data, i * m * k, other.data, i * k * n, out, i * m * n, m, k, n);
        }
        return new Tensor(out, outShape);
    }

    // ---------------------------------------------------------------- comparison and printing

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

    // ---------------------------------------------------------------- checks and helpers

    private double sumAsDouble() {
        double sum = 0;
        for (float v : data) {
            sum += v;
        }
        return sum;
    }

    /** Product of the dimensions before {@code axis}. */
    private int outer(int axis) {
        return Shapes.product(shape, 0, axis);
    }

    /** Product of the dimensions after {@code axis}. */
    private int inner(int axis) {
        return Shapes.product(shape, axis + 1, shape.length);
    }

    private void checkSameShape(String op, Tensor other) {
        Shapes.requireSame(op, shape, requireNonNull(op, "other", other).shape);
    }

    /** Checks that v is a vector as long as the last axis; returns that length. */
    private int checkRowVector(String op, Tensor v) {
        requireNonNull(op, "v", v);
        if (shape.length == 0 || v.shape.length != 1 || v.shape[0] != shape[shape.length - 1]) {
            throw new IllegalArgumentException(op + ": shapes " + Shapes.format(shape) + " and " + Shapes.format(v.shape)
                    + " do not broadcast; the vector must have rank 1 and the length of the last axis");
        }
        return v.shape[0];
    }

    /** Normalises {@code axis} and checks it is not empty (a maximum over nothing is undefined). */
    private int checkReducibleAxis(String op, int axis) {
        int a = Shapes.axis(axis, shape.length, op);
        if (shape[a] == 0) {
            throw new IllegalStateException(op + ": axis " + axis + " of shape " + Shapes.format(shape) + " is empty");
        }
        return a;
    }

    /** Normalised copy of {@code axes}, checked to be a permutation of 0..rank-1. */
    private int[] checkPermutation(int[] axes) {
        if (axes == null || axes.length != shape.length) {
            throw new IllegalArgumentException("permute: axes " + Arrays.toString(axes) + " do not match shape "
                    + Shapes.format(shape) + " of rank " + shape.length);
        }
        int[] order = new int[axes.length];
        boolean[] seen = new boolean[axes.length];
        for (int d = 0; d < axes.length; d++) {
            int a = axes[d] < 0 ? axes[d] + axes.length : axes[d];
            if (a < 0 || a >= axes.length || seen[a]) {
                throw new IllegalArgumentException("permute: axes " + Arrays.toString(axes)
                        + " are not a permutation of 0.." + (axes.length - 1) + " for shape " + Shapes.format(shape));
            }
            seen[a] = true;
            order[d] = a;
        }
        return order;
    }

    private static Tensor requireNonNull(String op, String name, Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException(op + ": " + name + " must not be null");
        }
        return t;
    }
}
