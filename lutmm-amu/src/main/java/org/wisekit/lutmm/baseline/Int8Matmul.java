package org.wisekit.lutmm.baseline;

import org.wisekit.lutmm.KernelPath;
import org.wisekit.tensor.Tensor;

/**
 * Scalar quantization (MADDNESS's "ScalarQuantize" baseline): per-tensor symmetric int8 for A (scale
 * from the training rows' largest magnitude) and for B, int32 accumulation, one float rescale. The
 * quantization of A is part of every call. The int8 values are held in 16-bit lanes ({@link Int8Kernels}).
 */
public final class Int8Matmul extends AbstractApproxMatmul {

    private final float aScale;
    private final float bScale;
    private final short[] bt;
    private final KernelPath path;
    private short[] qa = new short[0];
    private int[] acc = new int[0];

    /**
     * @param aTrain rows like the ones to multiply (their largest magnitude sets A's scale)
     * @param b      B [D, M], quantized once
     * @param path   the kernel path of the int8 GEMM
     */
    public Int8Matmul(Tensor aTrain, Tensor b, KernelPath path) {
        super("int8", b.dim(0), b.dim(1));
        this.aScale = symmetricScale(aTrain.data());
        this.bScale = symmetricScale(b.data());
        this.bt = new short[outputs * inputs];
        float[] w = b.data();
        for (int k = 0; k < inputs; k++) {
            for (int j = 0; j < outputs; j++) {
                bt[j * inputs + k] = Int8Kernels.quantize(w[k * outputs + j], bScale);
            }
        }
        this.path = path;
    }

    /** {@code max |x| / 127} (1 when x is all zeros). */
    public static float symmetricScale(float[] x) {
        float max = 0f;
        for (float v : x) {
            max = Math.max(max, Math.abs(v));
        }
        return max > 0 ? max / 127f : 1f;
    }

    @Override
    public void multiply(float[] a, int n, float[] out) {
        if (qa.length < n * inputs) {
            qa = new short[n * inputs];
            acc = new int[n * outputs];
        }
        for (int p = 0; p < n * inputs; p++) {
            qa[p] = Int8Kernels.quantize(a[p], aScale);
        }
        Int8Kernels.gemm(qa, n, inputs, bt, outputs, acc, path);
        float s = aScale * bScale;
        for (int p = 0; p < n * outputs; p++) {
            out[p] = acc[p] * s;
        }
    }
}
