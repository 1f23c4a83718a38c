package org.wisekit.lutmm.baseline;

import java.util.SplittableRandom;
import org.wisekit.lutmm.Aggregation;
import org.wisekit.lutmm.KernelPath;
import org.wisekit.lutmm.MaddnessModel;
import org.wisekit.lutmm.QuantizedLut;
import org.wisekit.lutmm.kernel.NearestCentroidKernels;
import org.wisekit.lutmm.kernel.PackedCodes;
import org.wisekit.tensor.Tensor;

/**
 * Product quantization baselines (reference code {@code PQEncoder}): C disjoint slices, K k-means
 * centroids per slice (k-means++ seeding, Lloyd iterations, on a seeded sample of the training rows),
 * rows encoded by the nearest centroid (squared Euclidean distance), tables of centroid · B column.
 * <ul>
 *   <li>PQ: K = 256, float tables, float sum;</li>
 *   <li>Bolt: K = 16, tables quantized to 8 bits with MADDNESS's joint power-of-two scheme and summed
 *       exactly by the same scan kernel as MADDNESS (Bolt's own per-codebook quantization and saturating
 *       byte adds are not reproduced; both only lose accuracy).</li>
 * </ul>
 *
 * <p>Encoding is the bulk of the work (K x D multiply-adds per row) and runs on
 * {@link NearestCentroidKernels}' Vector API kernels (256- or 512-bit, whichever the hardware prefers)
 * when the {@code jdk.incubator.vector} module is loaded, else on its scalar reference; both give the
 * same codes. MADDNESS, which these baselines are compared against in the speed/accuracy plots, encodes
 * with vector kernels, so PQ and Bolt must too, or they would be straw men.
 */
public final class ProductQuantizer extends AbstractApproxMatmul {

    /** Rows encoded per block (all codebooks), so that the block's slices stay in cache. */
    private static final int ROW_BLOCK = 128;

    private final int codebooks;
    private final int centroids;
    private final float[][] centres;     // [c][k * width + j]
    private final float[][] transposed;  // [c][j * K + k], for the vector encoders
    private final int encoderBits;       // 512, 256, or 0 for scalar
    private final float[] floatLut;      // [(m * C + c) * K + k]
    private final QuantizedLut byteLut;  // Bolt only
    private final KernelPath path;
    private byte[] codes = new byte[0];
    private int[] sums = new int[0];
    private byte[] packed = new byte[0];

    private ProductQuantizer(String name, Tensor aTrain, Tensor b, int codebooks, int centroids, boolean quantized,
                             long seed, int sampleRows, int iterations, KernelPath path) {
        super(name, aTrain.dim(1), b.dim(1));
        int d = aTrain.dim(1);
        if (codebooks < 1 || codebooks > d) {
            throw new IllegalArgumentException("codebooks must be in [1, " + d + "], got " + codebooks);
        }
        this.codebooks = codebooks;
        this.centroids = centroids;
        this.path = path;
        float[] sample = sampleRows(aTrain, sampleRows, seed);
        int n = sample.length / d;
        this.centres = new float[codebooks][];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int c = 0; c < codebooks; c++) {
            int start = MaddnessModel.sliceStart(d, codebooks, c);
            int width = MaddnessModel.sliceStart(d, codebooks, c + 1) - start;
            centres[c] = KMeans.fit(sample, n, d, start, width, centroids, iterations, rng.split());
        }
        this.transposed = new float[codebooks][];
        for (int c = 0; c < codebooks; c++) {
            transposed[c] = NearestCentroidKernels.transpose(centres[c], centroids, centres[c].length / centroids);
        }
        this.encoderBits = NearestCentroidKernels.preferredBits();
        float[] w = b.data();
        this.floatLut = new float[outputs * codebooks * centroids];
        for (int m = 0; m < outputs; m++) {
            for (int c = 0; c < codebooks; c++) {
                int start = MaddnessModel.sliceStart(d, codebooks, c);
                int width = MaddnessModel.sliceStart(d, codebooks, c + 1) - start;
                for (int k = 0; k < centroids; k++) {
                    float s = 0;
                    for (int j = 0; j < width; j++) {
                        s += centres[c][k * width + j] * w[(start + j) * outputs + m];
                    }
                    floatLut[(m * codebooks + c) * centroids + k] = s;
                }
            }
        }
        this.byteLut = quantized ? QuantizedLut.quantize(floatLut, outputs, codebooks, Aggregation.SUM) : null;
    }

    /** PQ with 256 centroids per slice and float tables. */
    public static ProductQuantizer pq(Tensor aTrain, Tensor b, int codebooks, long seed, int sampleRows, int iterations) {
        return new ProductQuantizer("PQ C=" + codebooks, aTrain, b, codebooks, 256, false, seed, sampleRows, iterations,
                KernelPath.SCALAR);
    }

    /** Bolt: 16 centroids per slice, 8-bit tables scanned by the MADDNESS kernel. */
    public static ProductQuantizer bolt(Tensor aTrain, Tensor b, int codebooks, long seed, int sampleRows, int iterations,
                                        KernelPath path) {
        return new ProductQuantizer("Bolt C=" + codebooks, aTrain, b, codebooks, 16, true, seed, sampleRows, iterations,
                path);
    }

    /**
     * Nearest-centroid codes {@code codes[c * n + i]} (unsigned bytes) of the n rows of {@code a}
     * (row-major, D columns): for each slice, the first centroid at the smallest squared distance.
     *
     * @throws IllegalArgumentException if n is negative or {@code a} or {@code out} is too short
     */
    public void encode(float[] a, int n, byte[] out) {
        encodeWith(encoderBits, a, n, out);
    }

    /** The width of the encoder {@link #encode} uses: 512 or 256 (Vector API), or 0 (scalar). */
    int encoderBits() {
        return encoderBits;
    }

    /** {@link #encode} by the kernel of the given width (512, 256, or 0 for scalar); for tests. */
    void encodeWith(int bits, float[] a, int n, byte[] out) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        if (a.length < (long) n * inputs) {
            throw new IllegalArgumentException("a must hold n * D = " + ((long) n * inputs) + " floats, got " + a.length);
        }
        if (out.length < (long) n * codebooks) {
            throw new IllegalArgumentException("out must hold C * n = " + ((long) n * codebooks) + " codes, got "
                    + out.length);
        }
        for (int from = 0; from < n; from += ROW_BLOCK) {
            int to = Math.min(n, from + ROW_BLOCK);
            for (int c = 0; c < codebooks; c++) {
                int start = MaddnessModel.sliceStart(inputs, codebooks, c);
                int width = MaddnessModel.sliceStart(inputs, codebooks, c + 1) - start;
                NearestCentroidKernels.encode(bits, a, inputs, from, to, start, width, centres[c], transposed[c],
                        centroids, out, c * n);
            }
        }
    }

    @Override
    public void multiply(float[] a, int n, float[] out) {
        if (codes.length < codebooks * n) {
            codes = new byte[codebooks * n];
            sums = new int[outputs * n];
        }
        encode(a, n, codes);
        if (byteLut != null) {
            if (packed.length < PackedCodes.length(n, codebooks)) {
                packed = new byte[PackedCodes.length(n, codebooks)];
            }
            PackedCodes.pack(codes, n, codebooks, packed);
            byteLut.scan(packed, n, sums, path);
            byteLut.decode(sums, n, out);
            return;
        }
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < outputs; m++) {
                int base = m * codebooks * centroids;
                float s = 0;
                for (int c = 0; c < codebooks; c++) {
                    s += floatLut[base + c * centroids + (codes[c * n + i] & 0xFF)];
                }
                out[i * outputs + m] = s;
            }
        }
    }

    private static float[] sampleRows(Tensor a, int rows, long seed) {
        int n = a.dim(0);
        int d = a.dim(1);
        if (rows >= n) {
            return a.data();
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        float[] out = new float[rows * d];
        for (int r = 0; r < rows; r++) {
            int j = r + rng.nextInt(n - r);
            int t = order[r];
            order[r] = order[j];
            order[j] = t;
            System.arraycopy(a.data(), order[r] * d, out, r * d, d);
        }
        return out;
    }
}
