package org.wisekit.bench.vitdw;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.wisekit.vitdw.DepthwiseConv2d;
import org.wisekit.vitdw.ViTModel;

/**
 * The DW module's k x k depth-wise convolution (NHWC, stride 1, padding k/2) at the model's shapes:
 * {@code model} = the Fashion-MNIST micro-ViT (B 64, 4 x 4 grid, D 48), {@code p4} = patch 4 on 28 px
 * (B 64, 7 x 7, D 48), {@code tiny} = ViT-Tiny's 14 x 14 grid at D 192 (B 16). Forward and backward
 * (input, weight and bias gradients) of: the plain-Java kernel ({@code java*}), ND4J's
 * {@code depthwise_conv2d} op in a SameDiff graph ({@code nd4jOp*}, the baseline), and the per-channel
 * matrix form the model trains with ({@code matrix*}, also a SameDiff graph). The graph variants include
 * SameDiff's per-call overhead, as in training.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DwConvBenchmark {

    @Param({"model", "p4", "tiny"})
    String shape;

    @Param("3")
    int kernel;

    @Param("1")
    int threads;

    DepthwiseConv2d conv;
    float[] in;
    float[] w;
    float[] bias;
    float[] out;
    float[] gradOut;
    float[] gradIn;
    float[] gradW;
    float[] gradB;
    SameDiff opGraph;
    SameDiff matrixGraph;

    @Setup
    public void setUp() {
        int[] s = switch (shape) {
            case "model" -> new int[] {64, 4, 4, 48};
            case "p4" -> new int[] {64, 7, 7, 48};
            case "tiny" -> new int[] {16, 14, 14, 192};
            default -> throw new IllegalArgumentException("unknown shape " + shape);
        };
        conv = new DepthwiseConv2d(s[0], s[1], s[2], s[3], kernel);
        SplittableRandom rng = new SplittableRandom(42);
        in = random(rng, conv.activationSize());
        w = random(rng, conv.weightSize());
        bias = random(rng, s[3]);
        gradOut = random(rng, conv.activationSize());
        out = new float[conv.activationSize()];
        gradIn = new float[conv.activationSize()];
        gradW = new float[conv.weightSize()];
        gradB = new float[s[3]];
        opGraph = graph(s, false);
        matrixGraph = graph(s, true);
    }

    /**
     * out = conv(grid); loss = sum(out * upstream), so the gradients (input, weights, bias) are the backward
     * pass of upstream. The grid is a variable so that its gradient is computed, as in training.
     */
    private SameDiff graph(int[] s, boolean matrix) {
        SameDiff sd = SameDiff.create();
        SDVariable grid = sd.var("grid", Nd4j.create(in, new long[] {s[0], s[1], s[2], s[3]}, 'c'));
        SDVariable upstream = sd.constant("upstream", Nd4j.create(gradOut, new long[] {s[0], s[1], s[2], s[3]}, 'c'));
        SDVariable weights = sd.var("w", Nd4j.create(w, new long[] {kernel, kernel, s[3], 1}, 'c'));
        SDVariable b = sd.var("b", Nd4j.create(bias, new long[] {s[3]}, 'c'));
        SDVariable y = matrix
                ? ViTModel.tokensToGrid(ViTModel.depthwiseConv(sd, ViTModel.gridToTokens(grid, s[1] * s[2], s[3]),
                        weights, b, kernel, s[1], s[2], DataType.FLOAT), s[1], s[2], s[3])
                : ViTModel.nd4jDepthwiseConv(sd, grid, weights, b, kernel);
        y.rename("out");
        y.mul(upstream).sum().rename("loss");
        sd.setLossVariables("loss");
        return sd;
    }

    private static float[] random(SplittableRandom rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return v;
    }

    @Benchmark
    public float[] javaForward() {
        conv.forward(in, w, bias, out);
        return out;
    }

    @Benchmark
    public float[] javaBackward() {
        conv.backward(in, w, gradOut, gradIn, gradW, gradB);
        return gradW;
    }

    @Benchmark
    public INDArray nd4jOpForward() {
        return opGraph.output(Map.of(), "out").get("out");
    }

    @Benchmark
    public Map<String, INDArray> nd4jOpBackward() {
        return opGraph.calculateGradients(Map.of(), "grid", "w", "b");
    }

    @Benchmark
    public INDArray matrixForward() {
        return matrixGraph.output(Map.of(), "out").get("out");
    }

    @Benchmark
    public Map<String, INDArray> matrixBackward() {
        return matrixGraph.calculateGradients(Map.of(), "grid", "w", "b");
    }
}
