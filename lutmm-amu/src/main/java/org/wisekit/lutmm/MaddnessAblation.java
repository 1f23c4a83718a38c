package org.wisekit.lutmm;

import java.util.List;
import org.wisekit.lutmm.kernel.ScalarKernels;
import org.wisekit.tensor.Tensor;

/**
 * Where a fitted MADDNESS model's error comes from: the approximate product {@code A · B} with each of its
 * three approximations switched on or off separately, for ablation studies (plain scalar code; speed is not
 * the point here).
 *
 * <ul>
 *   <li><b>Thresholds</b>: the encoder's 8-bit thresholds ({@link Thresholds#QUANTIZED}, what
 *       {@link MaddnessEncoder} runs) or the trees' float thresholds ({@link Thresholds#FLOAT}: a row goes right
 *       at a node when {@code x > v}, the learner's own rule; a node that was not split sends every row left).</li>
 *   <li><b>Tables</b>: the 8-bit tables h(B) of {@link QuantizedLut} ({@link Tables#QUANTIZED}) or the float
 *       tables {@code P[c][k] · B[:, m]} ({@link Tables#FLOAT}).</li>
 *   <li><b>Aggregation</b>: {@link Aggregation#AVERAGE} (MADDNESS's rounding-up averaging tree and its bias
 *       correction) or {@link Aggregation#SUM} (exact). Float tables are only summed: averaging reals without
 *       rounding, times U, is the sum.</li>
 * </ul>
 *
 * <p>{@link Variant#MADDNESS} is the model's product bit for bit ({@code model.withAggregation(AVERAGE).bind(b)}); {@link Variant#PROTOTYPES}
 * (float thresholds, float tables, exact sum) is {@code sum_c P[c][code_c] · B}, the prototypes alone.
 * {@link #encodeNearest} gives the codes of the ideal per-slice nearest-prototype encoder for comparison.
 * Codes are codebook-major, {@code codes[c * n + i]}; outputs row-major, {@code out[i * M + m]}. Immutable
 * and thread-safe.
 */
public final class MaddnessAblation {

    /** Which thresholds the encoder compares with. */
    public enum Thresholds {
        /** The encoder's 8-bit thresholds on 8-bit quantized inputs. */
        QUANTIZED,
        /** The trees' float thresholds on the float inputs. */
        FLOAT
    }

    /** Which tables the codes look up. */
    public enum Tables {
        /** The 8-bit tables h(B). */
        QUANTIZED,
        /** The float tables P · B. */
        FLOAT
    }

    /**
     * One combination of the three approximations.
     *
     * @param thresholds  the encoder's thresholds
     * @param tables      the tables the codes look up
     * @param aggregation how looked-up values are combined; {@link Aggregation#SUM} with float tables
     */
    public record Variant(Thresholds thresholds, Tables tables, Aggregation aggregation) {

        /** MADDNESS as it runs: 8-bit thresholds, 8-bit tables, averaging. */
        public static final Variant MADDNESS = new Variant(Thresholds.QUANTIZED, Tables.QUANTIZED, Aggregation.AVERAGE);
        /** The prototypes alone: float thresholds, float tables, exact sum. */
        public static final Variant PROTOTYPES = new Variant(Thresholds.FLOAT, Tables.FLOAT, Aggregation.SUM);

        /**
         * Validates the combination.
         *
         * @throws IllegalArgumentException when a part is null, or for float tables with {@link Aggregation#AVERAGE}
         */
        public Variant {
            if (thresholds == null || tables == null || aggregation == null) {
                throw new IllegalArgumentException("thresholds, tables and aggregation must not be null");
            }
            if (tables == Tables.FLOAT && aggregation != Aggregation.SUM) {
                throw new IllegalArgumentException("float tables are only summed (averaging reals without rounding is the"
                        + " sum), got aggregation " + aggregation);
            }
        }

        /** The six distinct variants, MADDNESS first and the prototypes alone last. */
        public static List<Variant> all() {
            return List.of(MADDNESS,
                    new Variant(Thresholds.QUANTIZED, Tables.QUANTIZED, Aggregation.SUM),
                    new Variant(Thresholds.QUANTIZED, Tables.FLOAT, Aggregation.SUM),
                    new Variant(Thresholds.FLOAT, Tables.QUANTIZED, Aggregation.AVERAGE),
                    new Variant(Thresholds.FLOAT, Tables.QUANTIZED, Aggregation.SUM),
                    PROTOTYPES);
        }

        /** A short label, e.g. {@code "8-bit thresholds, 8-bit tables, average"}. */
        public String label() {
            return (thresholds == Thresholds.QUANTIZED ? "8-bit" : "float") + " thresholds, "
                    + (tables == Tables.QUANTIZED ? "8-bit" : "float") + " tables, "
                    + (aggregation == Aggregation.AVERAGE ? "average" : "exact sum");
        }
    }

    private final MaddnessModel model;
    private final int outputs;
    private final float[] floatLut;
    private final QuantizedLut quantizedLut;
    private final float[] floatThresholds;
    private final int[] splitDims;
    private final float[] offsets;
    private final float[] scales;
    private final byte[] thresholds;

    /**
     * Builds the float and 8-bit tables of {@code model} for {@code b} [D, M] once.
     *
     * @throws IllegalArgumentException when model is null or B is not [D, M >= 1]
     */
    public MaddnessAblation(MaddnessModel model, Tensor b) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        this.model = model;
        this.floatLut = model.floatLut(b);
        this.outputs = b.dim(1);
        int cb = model.config().codebooks();
        this.quantizedLut = QuantizedLut.quantize(floatLut, outputs, cb, Aggregation.SUM);
        this.floatThresholds = model.floatThresholds();
        MaddnessEncoder e = model.encoder();
        this.splitDims = e.splitDims();
        this.offsets = e.offsets();
        this.scales = e.scales();
        this.thresholds = e.thresholds();
    }

    /** M. */
    public int outputs() {
        return outputs;
    }

    /** The approximate product of n rows of row-major {@code a} under one variant: {@code out[i * M + m]}. */
    public float[] multiply(float[] a, int n, Variant variant) {
        if (variant == null) {
            throw new IllegalArgumentException("variant must not be null");
        }
        return multiply(encode(a, n, variant.thresholds()), n, variant.tables(), variant.aggregation());
    }

    /**
     * Encodes n rows of row-major {@code a} (width D) with 8-bit or float thresholds into {@code codes[c * n + i]}.
     *
     * @throws IllegalArgumentException when a holds fewer than n rows or n is negative
     */
    public byte[] encode(float[] a, int n, Thresholds which) {
        checkRows(a, n);
        if (which == null) {
            throw new IllegalArgumentException("thresholds must not be null");
        }
        int d = model.inputs();
        int cb = model.config().codebooks();
        byte[] codes = new byte[cb * n];
        if (which == Thresholds.QUANTIZED) {
            ScalarKernels.encode(a, d, 0, n, n, cb, splitDims, offsets, scales, thresholds, codes);
            return codes;
        }
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < cb; c++) {
                int node = 0;
                for (int t = 0; t < HashTreeLearner.LEVELS; t++) {
                    int k = 4 * c + t;
                    // NaN (no split) compares false: every row goes left, as with the 8-bit threshold 255
                    node = 2 * node + (a[i * d + splitDims[k]] > floatThresholds[k * 16 + node] ? 1 : 0);
                }
                codes[c * n + i] = (byte) node;
            }
        }
        return codes;
    }

    /**
     * The ideal per-slice encoder: for each codebook c the prototype k nearest to the row on c's input
     * slice, {@code argmin_k sum_{j in slice c} (x_j - P[c][k][j])²} (lowest k on ties), into
     * {@code codes[c * n + i]}. Costs 16 · D multiply-adds per row.
     *
     * @throws IllegalArgumentException when a holds fewer than n rows or n is negative
     */
    public byte[] encodeNearest(float[] a, int n) {
        checkRows(a, n);
        int d = model.inputs();
        int cb = model.config().codebooks();
        float[] p = model.prototypes();
        byte[] codes = new byte[cb * n];
        for (int c = 0; c < cb; c++) {
            int start = MaddnessModel.sliceStart(d, cb, c);
            int end = MaddnessModel.sliceStart(d, cb, c + 1);
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bestDist = Double.POSITIVE_INFINITY;
                for (int k = 0; k < 16; k++) {
                    int proto = (16 * c + k) * d;
                    double dist = 0;
                    for (int j = start; j < end; j++) {
                        double e = a[i * d + j] - p[proto + j];
                        dist += e * e;
                    }
                    if (dist < bestDist) {
                        bestDist = dist;
                        best = k;
                    }
                }
                codes[c * n + i] = (byte) best;
            }
        }
        return codes;
    }

    /**
     * Looks up and aggregates codes of n rows ({@code codes[c * n + i]}, each in [0, 16)): 8-bit tables summed
     * or averaged exactly as the MADDNESS kernels do, then decoded ({@link QuantizedLut#decode(int)}); float
     * tables summed in double precision.
     *
     * @throws IllegalArgumentException for float tables with AVERAGE, for AVERAGE with C not a power of two, or
     *                                  when codes hold fewer than C · n entries
     */
    public float[] multiply(byte[] codes, int n, Tables tables, Aggregation aggregation) {
        int cb = model.config().codebooks();
        if (n < 0 || codes == null || codes.length < (long) cb * n) {
            throw new IllegalArgumentException("codes must hold " + cb + " x " + n + " bytes");
        }
        if (tables == null || aggregation == null) {
            throw new IllegalArgumentException("tables and aggregation must not be null");
        }
        if (tables == Tables.FLOAT && aggregation != Aggregation.SUM) {
            throw new IllegalArgumentException("float tables are only summed, got aggregation " + aggregation);
        }
        if (aggregation == Aggregation.AVERAGE && Integer.bitCount(cb) != 1) {
            throw new IllegalArgumentException("AVERAGE needs C a power of two, got C = " + cb);
        }
        float[] out = new float[n * outputs];
        if (tables == Tables.FLOAT) {
            for (int i = 0; i < n; i++) {
                for (int m = 0; m < outputs; m++) {
                    double s = 0;
                    for (int c = 0; c < cb; c++) {
                        s += floatLut[(m * cb + c) * 16 + codes[c * n + i]];
                    }
                    out[i * outputs + m] = (float) s;
                }
            }
            return out;
        }
        byte[] table = quantizedLut.table();
        int group = Math.min(cb, 16);
        int bias = ScalarKernels.averagingBias(cb, group);
        int[] level = new int[group];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < outputs; m++) {
                int base = m * cb * 16;
                int total = 0;
                if (aggregation == Aggregation.SUM) {
                    for (int c = 0; c < cb; c++) {
                        total += table[base + c * 16 + codes[c * n + i]] & 0xFF;
                    }
                } else {
                    // per group of U codebooks a tree of rounding-up averages, as vpavgb does
                    for (int g = 0; g < cb; g += group) {
                        for (int u = 0; u < group; u++) {
                            level[u] = table[base + (g + u) * 16 + codes[(g + u) * n + i]] & 0xFF;
                        }
                        for (int width = group; width > 1; width /= 2) {
                            for (int u = 0; u < width / 2; u++) {
                                level[u] = (level[2 * u] + level[2 * u + 1] + 1) >> 1;
                            }
                        }
                        total += level[0];
                    }
                    total = total * group - bias;
                }
                out[i * outputs + m] = quantizedLut.decode(total);
            }
        }
        return out;
    }

    private void checkRows(float[] a, int n) {
        if (n < 0 || a == null || a.length < (long) n * model.inputs()) {
            throw new IllegalArgumentException("a must hold n = " + n + " rows of width " + model.inputs() + ", got length "
                    + (a == null ? "null" : a.length));
        }
    }
}
