package org.wisekit.asr.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.wisekit.asr.EncoderConfig;
import org.wisekit.asr.ModuleType;
import org.wisekit.tensor.nd4j.Nd4jThreads;

/**
 * The SameDiff encoder against a plain-Java forward pass written from the definitions (one utterance, double
 * precision, loops): stacking, pre-LN modules with residual scales, GLU, the depthwise convolution as PyTorch's
 * cross-correlation with zero padding, multi-head attention, the block LayerNorm and the output layer.
 */
class ReferenceForwardTest {

    private static final double EPS = 1e-5;   // ND4J's layer_norm epsilon

    @Test
    void theGraphComputesTheConformerAsDefined() {
        EncoderConfig c = EncoderGraphTest.TINY;
        Nd4jThreads.single(() -> {
            ConformerWeights w = ConformerWeights.init(c, new int[] {8}, 11);
            boolean[] keep = {true, true, true, true, false, true, true, true};
            EncoderGraph.Built graph = EncoderGraph.build(w, 1, List.of(new EncoderGraph.Pass(keep,
                    EncoderGraph.Gates.NONE, 8, 1)), false);
            float[] mel = EncoderGraphTest.mel(9, 13).get(0);
            float[] actual = EncoderGraphTest.logits(graph, new Batch(c, 1, List.of(mel), null), Map.of());
            double[][] expected = reference(c, w, keep, mel);
            for (int t = 0; t < expected.length; t++) {
                for (int v = 0; v < c.vocab(); v++) {
                    assertThat((double) actual[t * c.vocab() + v]).as("frame %d label %d", t, v)
                            .isCloseTo(expected[t][v], org.assertj.core.data.Offset.offset(2e-4));
                }
            }
            return null;
        });
    }

    static double[][] reference(EncoderConfig c, ConformerWeights w, boolean[] keep, float[] mel) {
        int bins = c.melBins();
        int frames = mel.length / bins;
        int t4 = (frames + c.stack() - 1) / c.stack();
        double[][] x = new double[t4][c.inputDim()];
        for (int f = 0; f < frames; f++) {
            for (int b = 0; b < bins; b++) {
                x[f / c.stack()][(f % c.stack()) * bins + b] = mel[f * bins + b];
            }
        }
        double[][] h = linear(x, w, "front.");
        for (int i = 0; i < c.modules(); i++) {
            if (keep[i]) {
                String p = ConformerWeights.modulePrefix(i);
                double[][] n = norm(h, w, p + "ln");
                double[][] out = switch (ModuleType.of(i)) {
                    case FEED_FORWARD_1, FEED_FORWARD_2 -> linear(map(linear(n, w, p + "ff1."), v -> v / (1
                            + Math.exp(-v))), w, p + "ff2.");
                    case CONVOLUTION -> convolution(c, w, p, n);
                    case SELF_ATTENTION -> attention(c, w, p, n);
                };
                for (int t = 0; t < t4; t++) {
                    for (int j = 0; j < c.dim(); j++) {
                        h[t][j] += ModuleType.of(i).scale() * out[t][j];
                    }
                }
            }
            if (i % 4 == 3) {
                h = norm(h, w, "blk" + i / 4 + ".ln");
            }
        }
        return linear(h, w, "head8.");
    }

    private static double[][] convolution(EncoderConfig c, ConformerWeights w, String p, double[][] n) {
        double[][] a = linear(n, w, p + "glu.a.");
        double[][] g = linear(n, w, p + "glu.g.");
        int t4 = n.length;
        int d = c.dim();
        INDArray dw = w.get(p + "dw");
        INDArray dwb = w.get(p + "dwb");
        double[][] y = new double[t4][d];
        for (int t = 0; t < t4; t++) {
            for (int j = 0; j < d; j++) {
                double sum = dwb.getDouble(j);
                for (int k = 0; k < c.convKernel(); k++) {
                    int s = t + k - c.convKernel() / 2;
                    if (s >= 0 && s < t4) {
                        sum += dw.getDouble(j, k) * a[s][j] / (1 + Math.exp(-g[s][j]));
                    }
                }
                y[t][j] = sum;
            }
        }
        return linear(map(norm(y, w, p + "ln2"), v -> v / (1 + Math.exp(-v))), w, p + "pw.");
    }

    private static double[][] attention(EncoderConfig c, ConformerWeights w, String p, double[][] n) {
        double[][] qkv = linear(n, w, p + "qkv.");
        int t4 = n.length;
        int d = c.dim();
        int dh = c.headDim();
        double[][] context = new double[t4][d];
        for (int head = 0; head < c.heads(); head++) {
            for (int t = 0; t < t4; t++) {
                double[] score = new double[t4];
                double max = Double.NEGATIVE_INFINITY;
                for (int s = 0; s < t4; s++) {
                    double dot = 0;
                    for (int e = 0; e < dh; e++) {
                        dot += qkv[t][head * dh + e] * qkv[s][d + head * dh + e];
                    }
                    score[s] = dot / Math.sqrt(dh);
                    max = Math.max(max, score[s]);
                }
                double z = 0;
                for (int s = 0; s < t4; s++) {
                    score[s] = Math.exp(score[s] - max);
                    z += score[s];
                }
                for (int s = 0; s < t4; s++) {
                    for (int e = 0; e < dh; e++) {
                        context[t][head * dh + e] += score[s] / z * qkv[s][2 * d + head * dh + e];
                    }
                }
            }
        }
        return linear(context, w, p + "out.");
    }

    private static double[][] linear(double[][] x, ConformerWeights w, String prefix) {
        INDArray m = w.get(prefix + "w");
        INDArray b = w.get(prefix + "b");
        double[][] y = new double[x.length][(int) m.size(1)];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < y[t].length; o++) {
                double sum = b.getDouble(o);
                for (int i = 0; i < x[t].length; i++) {
                    sum += x[t][i] * m.getDouble(i, o);
                }
                y[t][o] = sum;
            }
        }
        return y;
    }

    private static double[][] norm(double[][] x, ConformerWeights w, String prefix) {
        INDArray g = w.get(prefix + ".g");
        INDArray b = w.get(prefix + ".b");
        double[][] y = new double[x.length][x[0].length];
        for (int t = 0; t < x.length; t++) {
            double mean = 0;
            for (double v : x[t]) {
                mean += v / x[t].length;
            }
            double var = 0;
            for (double v : x[t]) {
                var += (v - mean) * (v - mean) / x[t].length;
            }
            for (int j = 0; j < x[t].length; j++) {
                y[t][j] = (x[t][j] - mean) / Math.sqrt(var + EPS) * g.getDouble(j) + b.getDouble(j);
            }
        }
        return y;
    }

    private static double[][] map(double[][] x, java.util.function.DoubleUnaryOperator f) {
        double[][] y = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            y[t] = java.util.Arrays.stream(x[t]).map(f).toArray();
        }
        return y;
    }
}
