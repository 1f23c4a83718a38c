package org.wisekit.tensor.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.wisekit.tensor.nd4j.TransformerBlock.Activation;
import org.wisekit.tensor.nd4j.TransformerBlock.Affine;
import org.wisekit.tensor.nd4j.TransformerBlock.Layout;
import org.wisekit.tensor.nd4j.TransformerBlock.Param;
import org.wisekit.tensor.nd4j.TransformerBlock.Qkv;

/** Both configurations in use against a plain-Java pre-LN block in double precision. */
class TransformerBlockTest {

    static final int B = 2;
    static final int T = 3;

    /** Variables drawn per parameter, and the order and fan-ins they were asked for in. */
    static final class Source implements TransformerBlock.Parameters {
        final SameDiff sd;
        final Map<Param, double[][]> values = new EnumMap<>(Param.class);
        final List<String> asked = new ArrayList<>();
        final SeededInit init = new SeededInit(3, SeededInit.Mixing.XOR_PRODUCT);

        Source(SameDiff sd) {
            this.sd = sd;
        }

        @Override
        public SDVariable get(Param param, long[] shape, int fanIn) {
            asked.add(param + "/" + fanIn);
            INDArray a = init.normal(param.suffix(), 0.5, DataType.FLOAT, shape);
            int rows = shape.length == 2 ? (int) shape[0] : 1;
            int cols = (int) shape[shape.length - 1];
            double[][] v = new double[rows][cols];
            float[] flat = a.data().asFloat();
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    v[i][j] = flat[i * cols + j];
                }
            }
            values.put(param, v);
            return sd.var("p." + param.suffix(), a);
        }
    }

    static double[][] input(int d) {
        double[][] x = new double[B * T][d];
        double[] draws = new SeededInit(9, SeededInit.Mixing.SUM).normal("x", 1, B * T * d);
        for (int i = 0; i < B * T; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = (float) draws[i * d + j];
            }
        }
        return x;
    }

    static float[] flat(double[][] x) {
        float[] f = new float[x.length * x[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                f[i * x[0].length + j] = (float) x[i][j];
            }
        }
        return f;
    }

    /** Runs the block on x and returns [B * T, d] rows. */
    static double[][] run(TransformerBlock block, Layout layout, double[][] x, Source[] source, String probs,
                          INDArray[] probsOut) {
        SameDiff sd = SameDiff.create();
        int d = x[0].length;
        long[] shape = layout == Layout.ROWS ? new long[] {B * T, d} : new long[] {B, T, d};
        SDVariable in = sd.placeHolder("x", DataType.FLOAT, layout == Layout.ROWS ? new long[] {-1, d} : new long[] {-1, T, d});
        source[0] = new Source(sd);
        block.apply(sd, in, source[0], probs).rename("y");
        Nd4jThreads.withoutArrayReuse(sd);
        List<String> outs = probs == null ? List.of("y") : List.of("y", probs);
        Map<String, INDArray> result = sd.output(Map.of("x", org.nd4j.linalg.factory.Nd4j.create(flat(x), shape, 'c')),
                outs.toArray(String[]::new));
        if (probs != null) {
            probsOut[0] = result.get(probs);
        }
        float[] y = result.get("y").dup('c').data().asFloat();
        double[][] out = new double[B * T][d];
        for (int i = 0; i < B * T; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = y[i * d + j];
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ reference

    static double[][] reference(double[][] x, Map<Param, double[][]> p, int heads, int headDim, boolean fused,
                                boolean projection, boolean precise) {
        int inner = heads * headDim;
        double[][] n1 = layerNorm(x, p.get(Param.LN1_GAIN)[0], p.get(Param.LN1_BIAS)[0]);
        double[][] q;
        double[][] k;
        double[][] v;
        if (fused) {
            double[][] qkv = affine(n1, p.get(Param.QKV), p.get(Param.QKV_BIAS)[0]);
            q = columns(qkv, 0, inner);
            k = columns(qkv, inner, inner);
            v = columns(qkv, 2 * inner, inner);
        } else {
            q = affine(n1, p.get(Param.QUERY), null);
            k = affine(n1, p.get(Param.KEY), null);
            v = affine(n1, p.get(Param.VALUE), null);
        }
        double[][] context = new double[B * T][inner];
        for (int b = 0; b < B; b++) {
            for (int h = 0; h < heads; h++) {
                for (int t = 0; t < T; t++) {
                    double[] s = new double[T];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int u = 0; u < T; u++) {
                        for (int j = 0; j < headDim; j++) {
                            s[u] += q[b * T + t][h * headDim + j] * k[b * T + u][h * headDim + j];
                        }
                        s[u] /= Math.sqrt(headDim);
                        max = Math.max(max, s[u]);
                    }
                    double sum = 0;
                    for (int u = 0; u < T; u++) {
                        s[u] = Math.exp(s[u] - max);
                        sum += s[u];
                    }
                    for (int u = 0; u < T; u++) {
                        for (int j = 0; j < headDim; j++) {
                            context[b * T + t][h * headDim + j] += s[u] / sum * v[b * T + u][h * headDim + j];
                        }
                    }
                }
            }
        }
        double[][] attended = projection ? affine(context, p.get(Param.OUT_WEIGHT), p.get(Param.OUT_BIAS)[0]) : context;
        double[][] h1 = add(x, attended);
        double[][] hidden = affine(layerNorm(h1, p.get(Param.LN2_GAIN)[0], p.get(Param.LN2_BIAS)[0]),
                p.get(Param.MLP1_WEIGHT), p.get(Param.MLP1_BIAS)[0]);
        for (double[] row : hidden) {
            for (int j = 0; j < row.length; j++) {
                double z = row[j];
                // ND4J 1.0.0-M2.1's precise_gelu is the tanh form without its cubic term
                row[j] = precise ? 0.5 * z * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * z)) : z / (1 + Math.exp(-1.702 * z));
            }
        }
        return add(h1, affine(hidden, p.get(Param.MLP2_WEIGHT), p.get(Param.MLP2_BIAS)[0]));
    }

    static double[][] layerNorm(double[][] x, double[] g, double[] b) {
        double[][] out = new double[x.length][x[0].length];
        for (int i = 0; i < x.length; i++) {
            double mean = java.util.Arrays.stream(x[i]).average().orElseThrow();
            double var = 0;
            for (double v : x[i]) {
                var += (v - mean) * (v - mean) / x[i].length;
            }
            for (int j = 0; j < x[i].length; j++) {
                out[i][j] = (x[i][j] - mean) / Math.sqrt(var + 1e-5) * g[j] + b[j];
            }
        }
        return out;
    }

    static double[][] affine(double[][] x, double[][] w, double[] b) {
        double[][] out = new double[x.length][w[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < w[0].length; j++) {
                double s = b == null ? 0 : b[j];
                for (int k = 0; k < w.length; k++) {
                    s += x[i][k] * w[k][j];
                }
                out[i][j] = s;
            }
        }
        return out;
    }

    static double[][] columns(double[][] x, int from, int count) {
        double[][] out = new double[x.length][count];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], from, out[i], 0, count);
        }
        return out;
    }

    static double[][] add(double[][] a, double[][] b) {
        double[][] out = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[i][j] = a[i][j] + b[i][j];
            }
        }
        return out;
    }

    static void assertClose(double[][] actual, double[][] expected) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[0].length; j++) {
                assertThat(actual[i][j]).as("[%d][%d]", i, j).isCloseTo(expected[i][j],
                        org.assertj.core.api.Assertions.within(2e-4 * (1 + Math.abs(expected[i][j]))));
            }
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    void fusedRowsBlockMatchesTheReferenceAndAsksForParametersInOrder() {
        TransformerBlock block = TransformerBlock.builder(4, T, 2, 2, 6).build();
        double[][] x = input(4);
        Source[] source = new Source[1];
        double[][] y = run(block, Layout.ROWS, x, source, null, null);
        assertClose(y, reference(x, source[0].values, 2, 2, true, true, false));
        assertThat(source[0].asked).containsExactly("LN1_GAIN/0", "LN1_BIAS/0", "QKV/4", "QKV_BIAS/4", "OUT_WEIGHT/4",
                "OUT_BIAS/4", "LN2_GAIN/0", "LN2_BIAS/0", "MLP1_WEIGHT/4", "MLP1_BIAS/4", "MLP2_WEIGHT/6", "MLP2_BIAS/6");
    }

    @Test
    void separateSequenceBlockMatchesTheReferenceAndNamesItsAttention() {
        TransformerBlock block = TransformerBlock.builder(4, T, 2, 3, 5).layout(Layout.SEQUENCES)
                .qkv(Qkv.SEPARATE_NO_BIAS).affine(Affine.MATMUL_ADD).activation(Activation.PRECISE_GELU).build();
        assertThat(block.innerDim()).isEqualTo(6);
        double[][] x = input(4);
        Source[] source = new Source[1];
        INDArray[] probs = new INDArray[1];
        double[][] y = run(block, Layout.SEQUENCES, x, source, "attn.probs", probs);
        assertClose(y, reference(x, source[0].values, 2, 3, false, true, true));
        assertThat(source[0].asked).containsExactly("LN1_GAIN/0", "LN1_BIAS/0", "QUERY/4", "KEY/4", "VALUE/4",
                "OUT_WEIGHT/6", "OUT_BIAS/6", "LN2_GAIN/0", "LN2_BIAS/0", "MLP1_WEIGHT/4", "MLP1_BIAS/4", "MLP2_WEIGHT/5",
                "MLP2_BIAS/5");
        assertThat(probs[0].shape()).containsExactly(B, 2, T, T);
        for (double s : probs[0].sum(3).dup('c').data().asDouble()) {
            assertThat(s).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
        }
    }

    @Test
    void withoutOutputProjectionTheContextIsAddedDirectly() {
        TransformerBlock block = TransformerBlock.builder(4, T, 1, 4, 8).layout(Layout.SEQUENCES)
                .qkv(Qkv.SEPARATE_NO_BIAS).affine(Affine.MATMUL_ADD).outputProjection(false).build();
        double[][] x = input(4);
        Source[] source = new Source[1];
        double[][] y = run(block, Layout.SEQUENCES, x, source, null, null);
        assertClose(y, reference(x, source[0].values, 1, 4, false, false, false));
        assertThat(source[0].values).doesNotContainKeys(Param.OUT_WEIGHT, Param.OUT_BIAS);
    }

    @Test
    void rejectsInconsistentOptions() {
        assertThatThrownBy(() -> TransformerBlock.builder(4, T, 2, 3, 8).outputProjection(false).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 * 3 != 4");
        assertThatThrownBy(() -> TransformerBlock.builder(0, T, 2, 3, 8)).isInstanceOf(IllegalArgumentException.class);
    }
}
