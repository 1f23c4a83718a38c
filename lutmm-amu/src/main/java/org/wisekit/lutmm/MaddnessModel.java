package org.wisekit.lutmm;

import java.util.Arrays;
import org.wisekit.tensor.Gemm;
import org.wisekit.tensor.Tensor;

/**
 * A learned MADDNESS approximation of {@code x -> x · B} for rows x drawn like the training rows
 * (Blalock and Guttag, arXiv 2106.10860): the hash function g ({@link MaddnessEncoder}) and the
 * prototypes P (C x 16 x D). {@link #lut} turns a fixed B into quantized tables h(B); {@link #bind}
 * gives the ready-to-run {@link MaddnessMatmul}. Immutable and thread-safe.
 *
 * <p>Codebook c owns the contiguous input slice of width ceil(D/C) or floor(D/C) (wider ones first).
 */
public final class MaddnessModel {

    private final MaddnessConfig config;
    private final MaddnessEncoder encoder;
    private final float[] prototypes;
    private final float[] floatThresholds;

    private MaddnessModel(MaddnessConfig config, MaddnessEncoder encoder, float[] prototypes, float[] floatThresholds) {
        this.config = config;
        this.encoder = encoder;
        this.prototypes = prototypes;
        this.floatThresholds = floatThresholds;
    }

    /**
     * A model from its parts (as a model file stores them): the encoder, the prototypes
     * {@code [(16c + k) * D + j]} and the trees' float thresholds {@code [(4c + t) * 16 + node]} (NaN where a
     * node was not split). The arrays are copied.
     *
     * @throws IllegalArgumentException when a part is missing or an array length does not match C and D
     */
    static MaddnessModel restore(MaddnessConfig config, MaddnessEncoder encoder, float[] prototypes,
                                 float[] floatThresholds) {
        if (config == null || encoder == null) {
            throw new IllegalArgumentException("config and encoder must not be null");
        }
        int cb = config.codebooks();
        if (encoder.codebooks() != cb) {
            throw new IllegalArgumentException("encoder has " + encoder.codebooks() + " codebooks, config " + cb);
        }
        long protoLength = 16L * cb * encoder.inputs();
        if (prototypes == null || prototypes.length != protoLength) {
            throw new IllegalArgumentException("prototypes must hold 16 * C * D = " + protoLength + " floats, got "
                    + (prototypes == null ? "null" : prototypes.length));
        }
        int thresholdLength = HashTreeLearner.LEVELS * HashTreeLearner.LEAVES * cb;
        if (floatThresholds == null || floatThresholds.length != thresholdLength) {
            throw new IllegalArgumentException("floatThresholds must hold 4 * 16 * C = " + thresholdLength
                    + " floats, got " + (floatThresholds == null ? "null" : floatThresholds.length));
        }
        return new MaddnessModel(config, encoder, prototypes.clone(), floatThresholds.clone());
    }

    /**
     * Learns the trees, threshold quantization and prototypes from training rows {@code a} [n, D]
     * (deterministic: no randomness is involved).
     *
     * @throws IllegalArgumentException when a is not a non-empty matrix, holds NaN or infinite values, or
     *                                  has fewer columns than codebooks
     */
    public static MaddnessModel fit(Tensor a, MaddnessConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        if (a == null || a.rank() != 2) {
            throw new IllegalArgumentException("training matrix must be [n, D], got "
                    + (a == null ? "null" : Arrays.toString(a.shape())));
        }
        int n = a.dim(0);
        int d = a.dim(1);
        if (n == 0) {
            throw new IllegalArgumentException("training matrix has N = 0 rows");
        }
        if (d < config.codebooks()) {
            throw new IllegalArgumentException("D = " + d + " is smaller than codebooks = " + config.codebooks()
                    + "; each codebook needs at least one input column");
        }
        float[] x = a.data();
        for (int p = 0; p < n * d; p++) {
            if (!Float.isFinite(x[p])) {
                throw new IllegalArgumentException("training matrix holds " + x[p] + " at row " + p / d + ", column " + p % d);
            }
        }
        int cb = config.codebooks();
        int[] splitDims = new int[4 * cb];
        float[] offsets = new float[4 * cb];
        float[] scales = new float[4 * cb];
        byte[] thresholds = new byte[4 * cb * 16];
        float[] floatThresholds = new float[4 * cb * 16];
        float[] proto = new float[cb * 16 * d];
        for (int c = 0; c < cb; c++) {
            int start = sliceStart(d, cb, c);
            int width = sliceStart(d, cb, c + 1) - start;
            HashTreeLearner.Tree tree = HashTreeLearner.learn(x, n, d, start, width);
            MaddnessEncoder.quantizeLevels(x, n, d, c, tree, splitDims, offsets, scales, thresholds);
            for (int t = 0; t < HashTreeLearner.LEVELS; t++) {
                System.arraycopy(tree.thresholds()[t], 0, floatThresholds, (4 * c + t) * 16, 16);
            }
            for (int k = 0; k < 16; k++) {
                System.arraycopy(tree.leafMeans()[k], 0, proto, (16 * c + k) * d + start, width);
            }
        }
        MaddnessEncoder encoder = new MaddnessEncoder(d, cb, splitDims, offsets, scales, thresholds);
        if (config.optimizePrototypes()) {
            byte[] codes = encoder.newCodes(n);
            encoder.encode(x, n, codes, KernelPath.defaultPath());
            float[] residual = x.clone();
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < cb; c++) {
                    int p = (16 * c + codes[c * n + i]) * d;
                    for (int j = 0; j < d; j++) {
                        residual[i * d + j] -= proto[p + j];
                    }
                }
            }
            float[] delta = PrototypeRidge.solve(codes, n, cb, residual, d, config.ridgeLambda());
            for (int p = 0; p < proto.length; p++) {
                proto[p] += delta[p];
            }
        }
        return new MaddnessModel(config, encoder, proto, floatThresholds);
    }

    /** First input column of codebook c's slice (c = C gives D). */
    public static int sliceStart(int d, int codebooks, int c) {
        int base = d / codebooks;
        int wide = d % codebooks;
        return c * base + Math.min(c, wide);
    }

    public MaddnessConfig config() {
        return config;
    }

    public MaddnessEncoder encoder() {
        return encoder;
    }

    /** D. */
    public int inputs() {
        return encoder.inputs();
    }

    /**
     * The same trees, thresholds and prototypes with another aggregation (no refit: learning does not
     * depend on it).
     *
     * @throws IllegalArgumentException when a is null, or AVERAGE with C not a power of two
     */
    public MaddnessModel withAggregation(Aggregation a) {
        return new MaddnessModel(config.withAggregation(a), encoder, prototypes, floatThresholds);
    }

    /**
     * The trees' float thresholds before 8-bit quantization, {@code [(4c + t) * 16 + node]} for codebook c,
     * level t and node index within the level (the layout of {@link MaddnessEncoder#thresholds()}); NaN
     * where a node was not split (fewer than two distinct values reached it). A row goes right at a node
     * when {@code x > v} (a copy).
     */
    public float[] floatThresholds() {
        return floatThresholds.clone();
    }

    /** Prototypes {@code [(16c + k) * D + j]} (a copy). */
    public float[] prototypes() {
        return prototypes.clone();
    }

    /** The float tables {@code lut[(m * C + c) * 16 + k] = P[c][k] · B[:, m]} for B [D, M]. */
    public float[] floatLut(Tensor b) {
        checkWeights(b);
        int d = inputs();
        int m = b.dim(1);
        int rows = 16 * config.codebooks();
        float[] pb = new float[rows * m];
        Gemm.multiply(prototypes, b.data(), pb, rows, d, m);
        float[] lut = new float[rows * m];
        for (int r = 0; r < rows; r++) {
            for (int col = 0; col < m; col++) {
                lut[col * rows + r] = pb[r * m + col];
            }
        }
        return lut;
    }

    /** The quantized tables h(B) for B [D, M]: M · C · 16 · D multiply-adds, done once when B is fixed. */
    public QuantizedLut lut(Tensor b) {
        return QuantizedLut.quantize(floatLut(b), b.dim(1), config.codebooks(), config.aggregation());
    }

    /** The approximate product with this B. */
    public MaddnessMatmul bind(Tensor b) {
        return new MaddnessMatmul(encoder, lut(b));
    }

    private void checkWeights(Tensor b) {
        if (b == null || b.rank() != 2 || b.dim(0) != inputs() || b.dim(1) < 1) {
            throw new IllegalArgumentException("B must be [" + inputs() + ", M >= 1], got "
                    + (b == null ? "null" : Arrays.toString(b.shape())));
        }
    }
}
