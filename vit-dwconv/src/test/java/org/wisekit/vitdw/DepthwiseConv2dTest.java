package org.wisekit.vitdw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The plain-Java kernel against a brute-force loop, and both graph forms of the convolution against it. */
class DepthwiseConv2dTest {

    /** out[b, y, x, c] = bias[c] + sum over taps inside the image, written as plainly as possible. */
    static float[] bruteForce(DepthwiseConv2d s, float[] in, float[] w, float[] bias) {
        float[] out = new float[s.activationSize()];
        int p = s.kernel() / 2;
        for (int b = 0; b < s.batch(); b++) {
            for (int y = 0; y < s.height(); y++) {
                for (int x = 0; x < s.width(); x++) {
                    for (int c = 0; c < s.channels(); c++) {
                        double sum = bias[c];
                        for (int i = 0; i < s.kernel(); i++) {
                            for (int j = 0; j < s.kernel(); j++) {
                                int iy = y + i - p;
                                int ix = x + j - p;
                                if (iy >= 0 && iy < s.height() && ix >= 0 && ix < s.width()) {
                                    sum += in[idx(s, b, iy, ix, c)] * w[(i * s.kernel() + j) * s.channels() + c];
                                }
                            }
                        }
                        out[idx(s, b, y, x, c)] = (float) sum;
                    }
                }
            }
        }
        return out;
    }

    static int idx(DepthwiseConv2d s, int b, int y, int x, int c) {
        return ((b * s.height() + y) * s.width() + x) * s.channels() + c;
    }

    static float[] random(SplittableRandom rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return v;
    }

    @ParameterizedTest
    @CsvSource({"2,5,5,3,3", "1,4,6,5,3", "3,7,4,4,5", "2,6,6,3,7", "1,3,2,2,7", "1,1,1,1,1"})
    void forwardEqualsBruteForce(int batch, int height, int width, int channels, int kernel) {
        DepthwiseConv2d conv = new DepthwiseConv2d(batch, height, width, channels, kernel);
        SplittableRandom rng = new SplittableRandom(kernel * 31L + height);
        float[] in = random(rng, conv.activationSize());
        float[] w = random(rng, conv.weightSize());
        float[] bias = random(rng, channels);
        float[] out = new float[conv.activationSize()];
        conv.forward(in, w, bias, out);
        float[] expected = bruteForce(conv, in, w, bias);
        for (int i = 0; i < out.length; i++) {
            assertThat(out[i]).as("element %d", i).isCloseTo(expected[i], within(1e-5f));
        }
    }

    @ParameterizedTest
    @CsvSource({"2,5,5,3,3", "1,4,6,5,3", "2,6,5,4,5", "1,7,7,2,7"})
    void backwardEqualsBruteForceAdjoints(int batch, int height, int width, int channels, int kernel) {
        DepthwiseConv2d conv = new DepthwiseConv2d(batch, height, width, channels, kernel);
        SplittableRandom rng = new SplittableRandom(7);
        float[] in = random(rng, conv.activationSize());
        float[] w = random(rng, conv.weightSize());
        float[] gOut = random(rng, conv.activationSize());
        float[] gIn = new float[in.length];
        float[] gW = new float[w.length];
        float[] gB = new float[channels];
        conv.backward(in, w, gOut, gIn, gW, gB);
        // the loss <gOut, conv(in)> is linear in in, in w and in the bias: its gradient with respect to one
        // coordinate is the loss of the unit vector through the brute-force convolution
        float[] zeroBias = new float[channels];
        for (int i = 0; i < in.length; i += 3) {
            float[] unit = new float[in.length];
            unit[i] = 1;
            assertThat(gIn[i]).isCloseTo(dot(gOut, bruteForce(conv, unit, w, zeroBias)), within(1e-4f));
        }
        for (int i = 0; i < w.length; i++) {
            float[] unit = new float[w.length];
            unit[i] = 1;
            assertThat(gW[i]).isCloseTo(dot(gOut, bruteForce(conv, in, unit, zeroBias)), within(1e-4f));
        }
        float[] zeroIn = new float[in.length];
        float[] zeroW = new float[w.length];
        for (int c = 0; c < channels; c++) {
            float[] unit = new float[channels];
            unit[c] = 1;
            assertThat(gB[c]).isCloseTo(dot(gOut, bruteForce(conv, zeroIn, zeroW, unit)), within(1e-4f));
        }
    }

    static float dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return (float) s;
    }

    @ParameterizedTest
    @CsvSource({"2,4,4,3,3", "2,3,5,4,3", "1,4,6,3,5", "2,7,7,2,7"})
    void graphFormsEqualTheJavaKernel(int batch, int height, int width, int channels, int kernel) {
        DepthwiseConv2d conv = new DepthwiseConv2d(batch, height, width, channels, kernel);
        SplittableRandom rng = new SplittableRandom(3);
        float[] in = random(rng, conv.activationSize());
        float[] w = random(rng, conv.weightSize());
        float[] bias = random(rng, channels);
        float[] expected = new float[conv.activationSize()];
        conv.forward(in, w, bias, expected);

        SameDiff sd = SameDiff.create();
        SDVariable grid = sd.placeHolder("grid", DataType.FLOAT, -1, height, width, channels);
        SDVariable weights = sd.var("w", Nd4j.create(w, new long[] {kernel, kernel, channels, 1}, 'c'));
        SDVariable b = sd.var("b", Nd4j.create(bias, new long[] {channels}, 'c'));
        SDVariable tokens = ViTModel.gridToTokens(grid, height * width, channels);
        ViTModel.tokensToGrid(ViTModel.depthwiseConv(sd, tokens, weights, b, kernel, height, width, DataType.FLOAT),
                height, width, channels).rename("matrix");
        ViTModel.nd4jDepthwiseConv(sd, grid, weights, b, kernel).rename("op");
        Map<String, INDArray> out = sd.output(Map.of("grid", Nd4j.create(in, new long[] {batch, height, width, channels},
                'c')), "matrix", "op");
        float[] matrix = out.get("matrix").dup('c').data().asFloat();
        float[] op = out.get("op").dup('c').data().asFloat();
        for (int i = 0; i < expected.length; i++) {
            assertThat(matrix[i]).as("matrix form, element %d", i).isCloseTo(expected[i], within(1e-5f));
            assertThat(op[i]).as("ND4J op, element %d", i).isCloseTo(expected[i], within(1e-5f));
        }
    }

    @ParameterizedTest
    @CsvSource({"2,4,4,3,3", "2,3,5,4,3", "1,4,6,3,5"})
    void graphGradientsEqualTheJavaBackward(int batch, int height, int width, int channels, int kernel) {
        DepthwiseConv2d conv = new DepthwiseConv2d(batch, height, width, channels, kernel);
        SplittableRandom rng = new SplittableRandom(5);
        float[] in = random(rng, conv.activationSize());
        float[] w = random(rng, conv.weightSize());
        float[] bias = random(rng, channels);
        float[] upstream = random(rng, conv.activationSize());
        float[] gIn = new float[in.length];
        float[] gW = new float[w.length];
        float[] gB = new float[channels];
        conv.backward(in, w, upstream, gIn, gW, gB);

        long[] shape = {batch, height, width, channels};
        for (boolean matrix : new boolean[] {true, false}) {
            SameDiff sd = SameDiff.create();
            SDVariable grid = sd.var("grid", Nd4j.create(in, shape, 'c'));
            SDVariable weights = sd.var("w", Nd4j.create(w, new long[] {kernel, kernel, channels, 1}, 'c'));
            SDVariable b = sd.var("b", Nd4j.create(bias, new long[] {channels}, 'c'));
            SDVariable out = matrix
                    ? ViTModel.tokensToGrid(ViTModel.depthwiseConv(sd, ViTModel.gridToTokens(grid, height * width,
                            channels), weights, b, kernel, height, width, DataType.FLOAT), height, width, channels)
                    : ViTModel.nd4jDepthwiseConv(sd, grid, weights, b, kernel);
            out.mul(sd.constant(Nd4j.create(upstream, shape, 'c'))).sum().rename("loss");
            sd.setLossVariables("loss");
            Map<String, INDArray> grads = sd.calculateGradients(Map.of(), "grid", "w", "b");
            assertClose(grads.get("grid"), gIn, matrix);
            assertClose(grads.get("w"), gW, matrix);
            assertClose(grads.get("b"), gB, matrix);
        }
    }

    private static void assertClose(INDArray actual, float[] expected, boolean matrix) {
        float[] a = actual.dup('c').data().asFloat();
        for (int i = 0; i < expected.length; i++) {
            assertThat(a[i]).as((matrix ? "matrix form" : "ND4J op") + ", element %d", i)
                    .isCloseTo(expected[i], within(1e-4f));
        }
    }

    @Test
    void rejectsEvenKernelsAndWrongLengths() {
        assertThatThrownBy(() -> new DepthwiseConv2d(1, 4, 4, 2, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kernel must be odd");
        DepthwiseConv2d conv = new DepthwiseConv2d(1, 4, 4, 2, 3);
        assertThatThrownBy(() -> conv.forward(new float[31], new float[18], new float[2], new float[32]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in must have length 32");
    }
}
