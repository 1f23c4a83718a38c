package org.wisekit.lutmm;

import java.util.Arrays;
import org.wisekit.lutmm.kernel.ScalarKernels;
import org.wisekit.lutmm.kernel.VectorKernels;

/**
 * The MADDNESS hash function g: C balanced depth-4 trees, one split column per level and an 8-bit
 * threshold per node. Encoding a row costs 4C quantize-and-compare steps whatever D is. Immutable and
 * thread-safe.
 *
 * <p>Threshold quantization (reference code, 'int16' mode): per level, {@code offset = (min x + min v) / 2},
 * {@code scale = 254 / ((max x + max v) / 2 - offset)} snapped to {@code 2^trunc(log2 scale)} (exponent
 * truncated toward zero), {@code v_q = clamp(floor((v - offset) * scale), 0, 255)}; a row goes right when
 * {@code clamp(floor((x - offset) * scale), 0, 255) > v_q} (unsigned). Nodes that were not split get 255
 * (nothing goes right).
 */
public final class MaddnessEncoder {

    private final int inputs;
    private final int codebooks;
    private final int[] splitDims;
    private final float[] offsets;
    private final float[] scales;
    private final byte[] thresholds;
    private final int[] limitBits;

    MaddnessEncoder(int inputs, int codebooks, int[] splitDims, float[] offsets, float[] scales, byte[] thresholds) {
        this.inputs = inputs;
        this.codebooks = codebooks;
        this.splitDims = splitDims;
        this.offsets = offsets;
        this.scales = scales;
        this.thresholds = thresholds;
        this.limitBits = VectorKernels.limitBits(thresholds);
    }

    /** Quantizes a tree's float thresholds level by level, against the training values {@code x} of the split columns. */
    static void quantizeLevels(float[] x, int n, int d, int c, HashTreeLearner.Tree tree, int[] splitDims,
                               float[] offsets, float[] scales, byte[] thresholds) {
        for (int t = 0; t < HashTreeLearner.LEVELS; t++) {
            int k = 4 * c + t;
            int dim = tree.dims()[t];
            splitDims[k] = dim;
            float xMin = Float.POSITIVE_INFINITY;
            float xMax = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                float v = x[i * d + dim];
                xMin = Math.min(xMin, v);
                xMax = Math.max(xMax, v);
            }
            float vMin = Float.POSITIVE_INFINITY;
            float vMax = Float.NEGATIVE_INFINITY;
            for (float v : tree.thresholds()[t]) {
                if (!Float.isNaN(v)) {
                    vMin = Math.min(vMin, v);
                    vMax = Math.max(vMax, v);
                }
            }
            float offset = 0f;
            float scale = 1f;
            if (vMin <= vMax) {
                offset = (xMin + vMin) / 2;
                double raw = 254.0 / ((xMax + vMax) / 2.0 - offset);
                if (raw > 0 && Double.isFinite(raw)) {
                    int exponent = (int) (Math.log(raw) / Math.log(2));   // truncated toward zero, as the reference code
                    scale = Math.scalb(1f, Math.max(-126, Math.min(127, exponent)));
                }
            }
            offsets[k] = offset;
            scales[k] = scale;
            for (int node = 0; node < HashTreeLearner.LEAVES; node++) {
                float v = tree.thresholds()[t][node];
                int q = Float.isNaN(v) ? 255 : ScalarKernels.quantize(v, offset, scale);
                thresholds[k * 16 + node] = (byte) q;
            }
        }
    }

    /** D, the row width this encoder reads. */
    public int inputs() {
        return inputs;
    }

    /** C, the number of codes per row. */
    public int codebooks() {
        return codebooks;
    }

    /** The input column split on at level t of codebook c: {@code splitDims()[4c + t]} (a copy). */
    public int[] splitDims() {
        return splitDims.clone();
    }

    /** Per split {@code 4c + t}: the quantization offset (a copy). */
    public float[] offsets() {
        return offsets.clone();
    }

    /** Per split {@code 4c + t}: the power-of-two quantization scale (a copy). */
    public float[] scales() {
        return scales.clone();
    }

    /** Unsigned 8-bit node thresholds, {@code [(4c + t) * 16 + node]} (a copy). */
    public byte[] thresholds() {
        return thresholds.clone();
    }

    /** A new codes buffer for n rows. */
    public byte[] newCodes(int n) {
        return new byte[codebooks * n];
    }

    /**
     * Encodes n rows of {@code a} (row-major, width {@link #inputs()}) into {@code codes[c * n + i]}.
     */
    public void encode(float[] a, int n, byte[] codes, KernelPath path) {
        if (n < 0 || a == null || a.length < (long) n * inputs) {
            throw new IllegalArgumentException("a must hold n = " + n + " rows of width " + inputs + ", got length "
                    + (a == null ? "null" : a.length));
        }
        if (codes == null || codes.length < (long) codebooks * n) {
            throw new IllegalArgumentException("codes must hold " + codebooks + " x " + n + " bytes");
        }
        if (path == KernelPath.VECTOR) {
            float[] scratch = new float[4 * codebooks * VectorKernels.BLOCK];
            VectorKernels.encode(a, inputs, n, codebooks, splitDims, offsets, scales, thresholds, limitBits, codes, scratch);
        } else {
            ScalarKernels.encode(a, inputs, 0, n, n, codebooks, splitDims, offsets, scales, thresholds, codes);
        }
    }

    @Override
    public String toString() {
        return "MaddnessEncoder[D=" + inputs + ", C=" + codebooks + ", splits=" + Arrays.toString(splitDims) + "]";
    }
}
