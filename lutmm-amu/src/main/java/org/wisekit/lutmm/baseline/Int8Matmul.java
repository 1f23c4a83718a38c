package org.wisekit.lutmm.baseline;

import java.util.Arrays;
import org.wisekit.lutmm.KernelPath;
import org.wisekit.tensor.Tensor;

/**
 * Scalar quantization (MADDNESS's "ScalarQuantize" baseline): per-tensor symmetric int8 for A (scale
 * from the training rows' largest magnitude) and for B, int32 accumulation, one float rescale. The
 * quantization of A is part of every call. On the vector path A is quantized a panel of rows at a time
 * straight into the layout of the int8 kernel, and B is packed once ({@link Int8Kernels}); both paths give
 * bit-identical outputs. Holds working buffers: one instance must not be used by two threads at once.
 */
public final class Int8Matmul extends AbstractApproxMatmul {

    private final float aScale;
    private final float bScale;
    private final KernelPath path;
    /** B^T, m x d int8 (scalar path), else null. */
    private final byte[] bt;
    /** B^T packed for the vector tiles (vector path), else null. */
    private final short[] packed;
    /** One quantized row (scalar path) or panel of rows (vector path). */
    private final byte[] work;
    private final int[] tile = new int[Int8Kernels.ROWS * Int8Kernels.COLS];
    /** The last partial step of a row (vector path). */
    private final float[] tail;

    /**
     * @param aTrain rows like the ones to multiply, [n, D] (their largest magnitude sets A's scale)
     * @param b      B [D, M], quantized once
     * @param path   the kernel path of the int8 GEMM
     * @throws IllegalArgumentException if a tensor is not 2-D, the widths disagree, an entry is not finite,
     *                                  or the path cannot run here
     */
    public Int8Matmul(Tensor aTrain, Tensor b, KernelPath path) {
        super("int8", checkShapes(aTrain, b), b.dim(1));
        this.path = KernelPath.checked(path);
        this.aScale = symmetricScale(aTrain.data());
        this.bScale = symmetricScale(b.data());
        byte[] q = new byte[outputs * inputs];
        float[] w = b.data();
        for (int k = 0; k < inputs; k++) {
            for (int j = 0; j < outputs; j++) {
                q[j * inputs + k] = Int8Kernels.quantize(w[k * outputs + j], bScale);
            }
        }
        boolean vector = this.path == KernelPath.VECTOR;
        this.bt = vector ? null : q;
        this.packed = vector ? Int8Kernels.packB(q, outputs, inputs) : null;
        this.work = new byte[vector ? Int8Kernels.panelBytes(inputs) : inputs];
        this.tail = new float[vector ? Int8Kernels.step() : 0];
    }

    /** D, after checking that aTrain is [n, D] and b is [D, M]. */
    private static int checkShapes(Tensor aTrain, Tensor b) {
        if (aTrain.rank() != 2 || b.rank() != 2 || aTrain.dim(1) != b.dim(0)) {
            throw new IllegalArgumentException("int8: aTrain must be [n, D] and b [D, M], got "
                    + Arrays.toString(aTrain.shape()) + " and " + Arrays.toString(b.shape()));
        }
        return b.dim(0);
    }

    /**
     * {@code max |x| / 127} (1 when x is all zeros).
     *
     * @throws IllegalArgumentException if an entry is NaN or infinite
     */
    public static float symmetricScale(float[] x) {
        float max = 0f;
        for (int p = 0; p < x.length; p++) {
            if (!Float.isFinite(x[p])) {
                throw new IllegalArgumentException("int8: entry " + p + " is " + x[p]
                        + "; a scale needs finite values");
            }
            max = Math.max(max, Math.abs(x[p]));
        }
        return max > 0 ? max / 127f : 1f;
    }

    /**
     * {@inheritDoc} Entries of {@code a} are quantized with the training scale: larger magnitudes clamp to
     * +-127, NaN becomes 0.
     *
     * @throws IllegalArgumentException for a negative n or arrays shorter than n rows
     */
    @Override
    public void multiply(float[] a, int n, float[] out) {
        if (n < 0 || a.length < (long) n * inputs || out.length < (long) n * outputs) {
            throw new IllegalArgumentException("int8: need n >= 0, a of n x " + inputs + " and out of n x " + outputs
                    + ", got n = " + n + ", a.length = " + a.length + ", out.length = " + out.length);
        }
        float s = aScale * bScale;
        if (path == KernelPath.VECTOR) {
            Int8Kernels.multiplyVector(a, n, inputs, aScale, packed, outputs, s, out, work, tile, tail);
        } else {
            Int8Kernels.multiplyScalar(a, n, inputs, aScale, bt, outputs, s, out, work);
        }
    }
}
