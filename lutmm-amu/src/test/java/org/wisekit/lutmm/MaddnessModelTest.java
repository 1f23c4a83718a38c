package org.wisekit.lutmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wisekit.lutmm.kernel.ScalarKernels;
import org.wisekit.tensor.Tensor;

/** Learning, ridge refinement, table quantization and bad input of the MADDNESS model. */
class MaddnessModelTest {

    /**
     * Rows made of 16 clusters per codebook slice; cluster k sits at {@code 10 * bit_j(k)} (plus a small
     * random shift) in the slice's first 4 columns, so that axis-aligned splits can separate all 16.
     */
    static Tensor clustered(long seed, int n, int d, int codebooks, float noise) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][][] centres = new float[codebooks][16][];
        for (int c = 0; c < codebooks; c++) {
            int width = MaddnessModel.sliceStart(d, codebooks, c + 1) - MaddnessModel.sliceStart(d, codebooks, c);
            for (int k = 0; k < 16; k++) {
                centres[c][k] = new float[width];
                for (int j = 0; j < width; j++) {
                    centres[c][k][j] = (j < 4 ? 10f * ((k >> j) & 1) : 0f) + (float) rng.nextGaussian() * 0.1f;
                }
            }
        }
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < codebooks; c++) {
                int start = MaddnessModel.sliceStart(d, codebooks, c);
                float[] centre = centres[c][rng.nextInt(16)];
                for (int j = 0; j < centre.length; j++) {
                    x[i * d + start + j] = centre[j] + (float) rng.nextGaussian() * noise;
                }
            }
        }
        return Tensor.wrap(x, n, d);
    }

    @Test
    void clusteredDataIsApproximatedAlmostExactly() {
        int d = 32;
        int c = 8;
        Tensor train = clustered(1, 4000, d, c, 0.01f);
        Tensor test = clustered(1, 6000, d, c, 0.01f).slice(4000, 6000);
        Tensor b = Tensor.normal(2, 0f, 1f, d, 5);
        MaddnessMatmul exactSum = MaddnessModel.fit(train, MaddnessConfig.maddness(c).withAggregation(Aggregation.SUM)).bind(b);
        assertThat(ApproximationError.nmse(test.matmul(b), exactSum.multiply(test))).isLessThan(1e-3);
        // the averaging tree adds rounding noise of about U/2 table steps per group: a looser bound
        MaddnessMatmul averaged = MaddnessModel.fit(train, MaddnessConfig.maddness(c)).bind(b);
        assertThat(ApproximationError.nmse(test.matmul(b), averaged.multiply(test))).isLessThan(1e-2);
    }

    @Test
    void ridgeSolutionSatisfiesTheNormalEquations() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 500;
        int c = 4;
        int d = 7;
        byte[] codes = KernelEquivalenceTest.randomCodes(rng, c * n);
        float[] residual = new float[n * d];
        for (int p = 0; p < residual.length; p++) {
            residual[p] = (float) rng.nextGaussian();
        }
        double lambda = 1.0;
        float[] delta = PrototypeRidge.solve(codes, n, c, residual, d, lambda);
        double[][] lhs = PrototypeRidge.normalMatrix(codes, n, c, lambda);
        double[][] rhs = PrototypeRidge.rightHandSide(codes, n, c, residual, d);
        // GᵀG counts built independently from the one-hot matrix
        for (int r = 0; r < 16 * c; r++) {
            for (int s = 0; s < 16 * c; s++) {
                int count = 0;
                for (int i = 0; i < n; i++) {
                    count += hot(codes, n, i, r) && hot(codes, n, i, s) ? 1 : 0;
                }
                assertThat(lhs[r][s]).isEqualTo(count + (r == s ? lambda : 0));
            }
        }
        for (int r = 0; r < 16 * c; r++) {
            for (int j = 0; j < d; j++) {
                double v = 0;
                for (int s = 0; s < 16 * c; s++) {
                    v += lhs[r][s] * delta[s * d + j];
                }
                assertThat(Math.abs(v - rhs[r][j])).isLessThan(1e-6 * (1 + Math.abs(rhs[r][j])) * 50);
            }
        }
    }

    private static boolean hot(byte[] codes, int n, int i, int column) {
        return codes[(column / 16) * n + i] == column % 16;
    }

    @Test
    void quantizedTableDecodeIsWithinTheQuantizationBound() {
        Tensor train = clustered(4, 2000, 24, 6, 1f);
        Tensor b = Tensor.normal(5, 0f, 1f, 24, 3);
        MaddnessModel model = MaddnessModel.fit(train, new MaddnessConfig(6, Aggregation.SUM, true, 1.0));
        QuantizedLut lut = model.lut(b);
        float[] floatLut = model.floatLut(b);
        // codebook-major codes for the float reference; the scan reads the encoder's packed layout
        byte[] codes = model.encoder().newCodes(2000);
        model.encoder().encode(train.data(), 2000, codes, KernelPath.SCALAR);
        byte[] packed = model.encoder().newCodes(2000);
        model.encoder().encodeRows(train.data(), 2000, packed, KernelPath.SCALAR);
        int[] sums = new int[3 * 2000];
        lut.scan(packed, 2000, sums, KernelPath.SCALAR);
        double bound = 6 * 0.5 / lut.scale();
        for (int i = 0; i < 2000; i++) {
            for (int m = 0; m < 3; m++) {
                double exact = 0;
                for (int c = 0; c < 6; c++) {
                    exact += floatLut[(m * 6 + c) * 16 + codes[c * 2000 + i]];
                }
                assertThat(Math.abs(lut.decode(sums[m * 2000 + i]) - exact)).isLessThanOrEqualTo(bound * 1.0001 + 1e-4);
            }
        }
    }

    @Test
    void vectorAndScalarMatmulAgreeBitForBit() {
        org.junit.jupiter.api.Assumptions.assumeTrue(KernelPath.isVectorAvailable());
        Tensor train = clustered(6, 3000, 40, 8, 2f);
        Tensor b = Tensor.normal(7, 0f, 1f, 40, 9);
        MaddnessMatmul mm = MaddnessModel.fit(train, MaddnessConfig.maddness(8)).bind(b);
        int n = 1003;
        float[] a = clustered(8, n, 40, 8, 2f).data();
        float[] outS = new float[n * 9];
        float[] outV = new float[n * 9];
        mm.multiply(a, n, mm.encoder().newCodes(n), new int[9 * n], outS, KernelPath.SCALAR);
        mm.multiply(a, n, mm.encoder().newCodes(n), new int[9 * n], outV, KernelPath.VECTOR);
        assertThat(outV).isEqualTo(outS);
    }

    @Test
    void slicesAreDisjointContiguousAndWiderFirst() {
        assertThat(MaddnessModel.sliceStart(27, 4, 0)).isZero();
        assertThat(MaddnessModel.sliceStart(27, 4, 1)).isEqualTo(7);
        assertThat(MaddnessModel.sliceStart(27, 4, 3)).isEqualTo(21);
        assertThat(MaddnessModel.sliceStart(27, 4, 4)).isEqualTo(27);
        MaddnessModel model = MaddnessModel.fit(clustered(9, 500, 27, 4, 1f), MaddnessConfig.maddness(4));
        int[] dims = model.encoder().splitDims();
        for (int c = 0; c < 4; c++) {
            for (int t = 0; t < 4; t++) {
                assertThat(dims[4 * c + t]).isBetween(MaddnessModel.sliceStart(27, 4, c),
                        MaddnessModel.sliceStart(27, 4, c + 1) - 1);
            }
        }
    }

    @Test
    void floatThresholdsQuantizeToTheEncodersThresholds() {
        MaddnessModel model = MaddnessModel.fit(clustered(11, 2000, 30, 5, 1f), new MaddnessConfig(5, Aggregation.SUM, true, 1.0));
        float[] v = model.floatThresholds();
        byte[] q = model.encoder().thresholds();
        float[] offsets = model.encoder().offsets();
        float[] scales = model.encoder().scales();
        assertThat(v).hasSize(4 * 16 * 5);
        for (int p = 0; p < v.length; p++) {
            int expected = Float.isNaN(v[p]) ? 255 : ScalarKernels.quantize(v[p], offsets[p / 16], scales[p / 16]);
            assertThat(q[p] & 0xFF).as("node %d", p).isEqualTo(expected);
        }
        // the first level has one node: the root's threshold is set, its 15 unused slots are NaN
        for (int c = 0; c < 5; c++) {
            assertThat(v[4 * c * 16]).isNotNaN();
            for (int node = 1; node < 16; node++) {
                assertThat(v[4 * c * 16 + node]).isNaN();
            }
        }
        v[0] = 123f;
        assertThat(model.floatThresholds()[0]).as("a copy").isNotEqualTo(123f);
    }

    @Test
    void withAggregationIsTheFitWithThatAggregation() {
        Tensor train = clustered(12, 1500, 24, 4, 1f);
        Tensor b = Tensor.normal(13, 0f, 1f, 24, 3);
        Tensor test = clustered(14, 300, 24, 4, 1f);
        MaddnessModel averaged = MaddnessModel.fit(train, MaddnessConfig.maddness(4));
        MaddnessModel summed = MaddnessModel.fit(train, MaddnessConfig.maddness(4).withAggregation(Aggregation.SUM));
        MaddnessModel switched = averaged.withAggregation(Aggregation.SUM);
        assertThat(switched.config()).isEqualTo(summed.config());
        assertThat(switched.prototypes()).isEqualTo(summed.prototypes());
        assertThat(switched.bind(b).multiply(test).data()).isEqualTo(summed.bind(b).multiply(test).data());
        assertThat(summed.withAggregation(Aggregation.AVERAGE).bind(b).multiply(test).data())
                .isEqualTo(averaged.bind(b).multiply(test).data());
    }

    @Test
    void restoredModelIsTheSameModel() {
        Tensor train = clustered(15, 1200, 20, 4, 1f);
        Tensor b = Tensor.normal(16, 0f, 1f, 20, 3);
        Tensor test = clustered(17, 200, 20, 4, 1f);
        MaddnessModel model = MaddnessModel.fit(train, MaddnessConfig.maddness(4));
        MaddnessModel restored = MaddnessModel.restore(model.config(), model.encoder(), model.prototypes(),
                model.floatThresholds());
        assertThat(restored.prototypes()).isEqualTo(model.prototypes());
        assertThat(restored.floatThresholds()).isEqualTo(model.floatThresholds());
        assertThat(restored.bind(b).multiply(test).data()).isEqualTo(model.bind(b).multiply(test).data());
        MaddnessConfig config = model.config();
        MaddnessEncoder encoder = model.encoder();
        float[] proto = model.prototypes();
        float[] thresholds = model.floatThresholds();
        assertThatThrownBy(() -> MaddnessModel.restore(config, encoder, new float[proto.length - 1], thresholds))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prototypes")
                .hasMessageContaining(Integer.toString(proto.length));
        assertThatThrownBy(() -> MaddnessModel.restore(config, encoder, proto, new float[thresholds.length + 1]))
                .hasMessageContaining("floatThresholds").hasMessageContaining(Integer.toString(thresholds.length));
        assertThatThrownBy(() -> MaddnessModel.restore(MaddnessConfig.maddness(8), encoder, proto, thresholds))
                .hasMessageContaining("codebooks");
        assertThatThrownBy(() -> MaddnessModel.restore(config, null, proto, thresholds)).hasMessageContaining("encoder");
    }

    @Test
    void badInputGetsClearErrors() {
        Tensor ok = clustered(10, 100, 16, 4, 1f);
        assertThatThrownBy(() -> new MaddnessConfig(6, Aggregation.AVERAGE, true, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("power of two").hasMessageContaining("6");
        assertThatThrownBy(() -> new MaddnessConfig(0, Aggregation.SUM, true, 1)).hasMessageContaining("codebooks");
        assertThatThrownBy(() -> new MaddnessConfig(4, Aggregation.SUM, true, Double.NaN)).hasMessageContaining("ridgeLambda");
        assertThatThrownBy(() -> MaddnessModel.fit(Tensor.zeros(0, 16), MaddnessConfig.maddness(4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("N = 0");
        float[] nan = ok.data().clone();
        nan[37] = Float.NaN;
        assertThatThrownBy(() -> MaddnessModel.fit(Tensor.wrap(nan, 100, 16), MaddnessConfig.maddness(4)))
                .hasMessageContaining("NaN").hasMessageContaining("row 2");
        assertThatThrownBy(() -> MaddnessModel.fit(ok, MaddnessConfig.maddness(32))).hasMessageContaining("D = 16");
        MaddnessModel model = MaddnessModel.fit(ok, MaddnessConfig.maddness(4));
        assertThatThrownBy(() -> model.bind(Tensor.zeros(15, 3))).hasMessageContaining("[16, M >= 1]");
        MaddnessMatmul mm = model.bind(Tensor.zeros(16, 3));
        assertThatThrownBy(() -> mm.multiply(Tensor.zeros(5, 17))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[n, 16]").hasMessageContaining("17");
    }
}
