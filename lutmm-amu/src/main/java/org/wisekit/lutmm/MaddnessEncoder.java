package org.wisekit.lutmm;

import java.util.Arrays;
import org.wisekit.lutmm.kernel.PackedCodes;
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
    private final float[] rightLimits;

    MaddnessEncoder(int inputs, int codebooks, int[] splitDims, float[] offsets, float[] scales, byte[] thresholds) {
        this.inputs = inputs;
        this.codebooks = codebooks;
        this.splitDims = splitDims;
        this.offsets = offsets;
        this.scales = scales;
        this.thresholds = thresholds;
        this.rightLimits = rightLimits(offsets, scales, thresholds);

    }

    /**
     * For every split and node, the smallest float x that goes right, i.e. with
     * {@code quantize(x, offset, scale) > v} ({@link ScalarKernels#quantize}); NaN where nothing goes right
     * (v = 255). The quantized comparison is non-decreasing in x (every float step in it is monotone), so
     * "goes right" is exactly {@code x >= limit}, found by bisection over the ordered float bit patterns:
     * the vector encoder then compares raw inputs, bit-identical to the scalar definition, without
     * subtracting, scaling and clamping per row.
     */
    private static float[] rightLimits(float[] offsets, float[] scales, byte[] thresholds) {
        float[] out = new float[thresholds.length];
        for (int p = 0; p < out.length; p++) {
            int k = p / 16;
            int v = thresholds[p] & 0xFF;
            if (v == 255) {
                out[p] = Float.NaN;
                continue;
            }
            long lo = ordered(Float.NEGATIVE_INFINITY);   // quantizes to 0 <= v: goes left
            long hi = ordered(Float.POSITIVE_INFINITY);   // quantizes to 255 > v: goes right
            while (hi - lo > 1) {
                long mid = (lo + hi) >> 1;
                if (ScalarKernels.quantize(fromOrdered(mid), offsets[k], scales[k]) > v) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            out[p] = fromOrdered(hi);
        }
        return out;
    }

    /** Float bit patterns as integers in the order of the floats (-0 and +0 both 0). */
    private static long ordered(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits < 0 ? (long) Integer.MIN_VALUE - bits : bits;
    }

    private static float fromOrdered(long o) {
        return Float.intBitsToFloat((int) (o >= 0 ? o : Integer.MIN_VALUE - o));
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

    /** A new codes buffer for n rows, large enough for both layouts ({@link PackedCodes#length} and C · n bytes). */
    public byte[] newCodes(int n) {
        return new byte[Math.max(PackedCodes.length(n, codebooks), codebooks * n)];
    }

    /**
     * Encodes n rows of {@code a} (row-major, width {@link #inputs()}) into codebook-major codes
     * {@code codes[c * n + i]} (the layout the prototype fit reads).
     */
    public void encode(float[] a, int n, byte[] codes, KernelPath path) {
        checkInput(a, n);
        if (codes == null || codes.length < (long) codebooks * n) {
            throw new IllegalArgumentException("codes must hold " + codebooks + " x " + n + " bytes");
        }
        if (KernelPath.checked(path) == KernelPath.VECTOR) {
            byte[] packed = newCodes(n);
            encodeRows(a, n, packed, path);
            PackedCodes.unpack(packed, n, codebooks, codes);
        } else {
            ScalarKernels.encode(a, inputs, 0, n, n, codebooks, splitDims, offsets, scales, thresholds, codes);
        }
    }

    /**
     * Encodes n rows of row-major {@code a} ([n, D]) into the {@link PackedCodes} layout that
     * {@link QuantizedLut#scan} reads. The vector path first gathers each block's 4C split inputs into a
     * column-major scratch block; {@link #encodeColumns} reads column-major input directly and is faster.
     */
    public void encodeRows(float[] a, int n, byte[] codes, KernelPath path) {
        checkInput(a, n);
        checkCodes(codes, n);
        int from = 0;
        if (KernelPath.checked(path) == KernelPath.VECTOR) {
            int block = PackedCodes.BLOCK;
            int splits = 4 * codebooks;
            float[] scratch = gathered(splits * block);
            int[] base = splitBases(splits);
            for (int k = 0; k < splits; k++) {
                base[k] = k * block;
            }
            int blocks = n / block;
            int stride = PackedCodes.pairs(codebooks) * block;
            int[] nodes = VectorKernels.nodes(codebooks);
            for (int b = 0; b < blocks; b++) {
                for (int r = 0; r < block; r++) {
                    int row = (b * block + r) * inputs;
                    for (int k = 0; k < splits; k++) {
                        scratch[k * block + r] = a[row + splitDims[k]];
                    }
                }
                VectorKernels.encodeBlock(scratch, base, codebooks, rightLimits, nodes, codes, b * stride);
            }
            from = blocks * block;
        }
        encodeTail(a, inputs, 1, from, n, codes);
    }

    /**
     * Encodes n rows given column-major, {@code aT[j * n + i]} = row i, column j (A transposed, [D, n]), into
     * the {@link PackedCodes} layout: every split column is read with contiguous vector loads, as in mithral.
     */
    public void encodeColumns(float[] aT, int n, byte[] codes, KernelPath path) {
        checkInput(aT, n);
        checkCodes(codes, n);
        int from = 0;
        if (KernelPath.checked(path) == KernelPath.VECTOR) {
            int block = PackedCodes.BLOCK;
            int[] base = splitBases(4 * codebooks);
            int blocks = n / block;
            int stride = PackedCodes.pairs(codebooks) * block;
            int[] nodes = VectorKernels.nodes(codebooks);
            for (int b = 0; b < blocks; b++) {
                for (int k = 0; k < 4 * codebooks; k++) {
                    base[k] = splitDims[k] * n + b * block;
                }
                VectorKernels.encodeBlock(aT, base, codebooks, rightLimits, nodes, codes, b * stride);
            }
            from = blocks * block;
        }
        encodeTail(aT, 1, n, from, n, codes);
    }

    /** Rows {@code [from, n)} with the scalar kernel, the padding rows of their block set to code 0. */
    private void encodeTail(float[] a, int rowStride, int columnStride, int from, int n, byte[] codes) {
        if (from == n) {
            return;
        }
        PackedCodes.clearFrom(codes, from, n, codebooks);
        ScalarKernels.encodePacked(a, rowStride, columnStride, from, n, codebooks, splitDims, offsets, scales,
                thresholds, codes);
    }

    /** Per-thread working arrays of the vector encoders, so that encoding allocates nothing once warm. */
    private static final ThreadLocal<float[]> GATHERED = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<int[]> SPLIT_BASES = ThreadLocal.withInitial(() -> new int[0]);

    /** This thread's array for a block's gathered split inputs. */
    private static float[] gathered(int length) {
        float[] a = GATHERED.get();
        if (a.length < length) {
            a = new float[length];
            GATHERED.set(a);
        }
        return a;
    }

    /** This thread's array for the split columns' offsets (contents are overwritten by the caller). */
    private static int[] splitBases(int length) {
        int[] a = SPLIT_BASES.get();
        if (a.length < length) {
            a = new int[length];
            SPLIT_BASES.set(a);
        }
        return a;
    }

    private void checkInput(float[] a, int n) {
        if (n < 0 || a == null || a.length < (long) n * inputs) {
            throw new IllegalArgumentException("a must hold n = " + n + " rows of width " + inputs + ", got length "
                    + (a == null ? "null" : a.length));
        }
    }

    private void checkCodes(byte[] codes, int n) {
        if (codes == null || codes.length < PackedCodes.length(n, codebooks)) {
            throw new IllegalArgumentException("codes must hold " + PackedCodes.length(n, codebooks) + " bytes for n = "
                    + n + " rows (newCodes(n)), got " + (codes == null ? "null" : codes.length));
        }
    }

    @Override
    public String toString() {
        return "MaddnessEncoder[D=" + inputs + ", C=" + codebooks + ", splits=" + Arrays.toString(splitDims) + "]";
    }
}
