package org.wisekit.eeg.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.tensor.nd4j.Nd4jThreads;

/** Layer plans against the DL4J networks built from them, and the operation counts by hand. */
class ArchitectureTest {

    @Test
    void lightCnnStatsMatchDl4jLayerByLayer() {
        assertStatsMatchNetwork(LightCnn.of(1, 16, 24, 3));
        assertStatsMatchNetwork(LightCnn.of(2, 9, 17, 2).withWidths(3, 5).withKernel(5).withDropout(0.3));
    }

    @Test
    void eegNetStatsMatchDl4jLayerByLayer() {
        assertStatsMatchNetwork(EegNetLike.of(8, 100, 2));
        assertStatsMatchNetwork(EegNetLike.of(5, 70, 4).withFilters(3, 3, 6).withKernels(9, 5).withDropout(0));
    }

    @Test
    void defaultSizesHaveTheCountedParameters() {
        ModelStats light = LightCnn.of(1, LightCnn.DEFAULT_HEIGHT, LightCnn.DEFAULT_WIDTH, 2).stats();
        // convs 1*9*16 + 16*9*32 + 32*9*64, three batch norms 4*(16+32+64), dense 64*2+2
        assertEquals(144 + 4608 + 18432 + 448 + 130, light.parameters());
        assertEquals(144 + 4608 + 18432 + 224 + 130, light.trainableParameters());
        ModelStats eegNet = EegNetLike.of(64, 656, 2).stats();
        // temporal 4*64, bn 16, depthwise 8*64, bn 32, separable 8*16 + 8*8, bn 32, dense (8*20)*2+2
        assertEquals(256 + 16 + 512 + 32 + 192 + 32 + 322, eegNet.parameters());
        assertEquals(LightCnn.of(1, 64, 128, 2).network(1, 1e-3).numParams(), light.parameters());
        assertEquals(EegNetLike.of(64, 656, 2).network(1, 1e-3).numParams(), eegNet.parameters());
    }

    @Test
    void multiplyAddsOfConvolutionLayersByHand() {
        List<ModelStats.Layer> light = LightCnn.of(1, 64, 128, 2).stats().layers();
        assertEquals(ModelStats.Kind.CONVOLUTION, light.get(0).kind());
        assertEquals(64L * 128 * 16 * 1 * 3 * 3, light.get(0).multiplyAdds());       // 1,179,648
        assertEquals(32L * 64 * 32 * 16 * 3 * 3, light.get(4).multiplyAdds());       // after one 2x2 pool
        assertEquals(16L * 32 * 64 * 32 * 3 * 3, light.get(8).multiplyAdds());
        assertEquals(2L * 64 * 32 * 64, light.get(1).elementOps());                 // batch norm: 2 per element
        assertEquals(64L * 2, light.get(light.size() - 1).multiplyAdds());

        List<ModelStats.Layer> eegNet = EegNetLike.of(64, 656, 2).stats().layers();
        assertEquals(64L * 656 * 4 * 1 * 64, eegNet.get(0).multiplyAdds());           // temporal 1 x 64, same padding
        assertEquals(ModelStats.Kind.DEPTHWISE, eegNet.get(2).kind());
        assertEquals(656L * 8 * 64, eegNet.get(2).multiplyAdds());                    // 64 x 1 spatial filter, D = 2
        assertEquals(List.of(8, 1, 656), eegNet.get(2).outputShape());
        ModelStats.Layer separable = eegNet.get(7);
        assertEquals(ModelStats.Kind.SEPARABLE, separable.kind());
        assertEquals(164L * 8 * 16 + 164L * 8 * 8, separable.multiplyAdds());         // after pooling by 4
        assertEquals(List.of(2), eegNet.get(eegNet.size() - 1).outputShape());
        assertEquals(8L * 20 * 2, eegNet.get(eegNet.size() - 1).multiplyAdds());       // 656 / 4 / 8 = 20
    }

    @Test
    void maxNormConstraintsHoldAfterSteps() {
        EegNetLike tiny = EegNetLike.of(4, 32, 2).withFilters(2, 2, 4).withKernels(4, 3).withPools(2, 2).withDropout(0);
        double[] constrained = largestNorms(tiny);
        assertTrue(constrained[0] <= 1 + 1e-5, "spatial filter norm " + constrained[0]);
        assertTrue(constrained[1] <= 0.25 + 1e-5, "dense column norm " + constrained[1]);
        double[] free = largestNorms(tiny.withMaxNorm(false));
        assertTrue(free[0] > 1 && free[1] > 0.25, "the steps must push unconstrained norms over the limits");
    }

    @Test
    void badArchitecturesAreNamed() {
        assertMessage("kernel", () -> LightCnn.of(1, 64, 128, 2).withKernel(4));
        assertMessage("height", () -> LightCnn.of(1, 7, 128, 2));
        assertMessage("classes", () -> LightCnn.of(1, 64, 128, 1));
        assertMessage("widths", () -> LightCnn.of(1, 64, 128, 2).withWidths());
        assertMessage("dropout", () -> LightCnn.of(1, 64, 128, 2).withDropout(1));
        assertMessage("samples", () -> EegNetLike.of(64, 31, 2));
        assertMessage("f1", () -> EegNetLike.of(64, 656, 2).withFilters(0, 2, 8));
        assertMessage("batchNormDecay", () -> EegNetLike.of(64, 656, 2).withBatchNormDecay(1));
        assertMessage("learningRate", () -> EegNetLike.of(64, 656, 2).configuration(1, -1));
    }

    static void assertMessage(String name, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(name), e.getMessage() + " should name " + name);
    }

    /** Largest spatial-filter L2 norm and largest dense-column L2 norm after 30 big Adam steps. */
    private static double[] largestNorms(EegNetLike architecture) {
        return Nd4jThreads.single(() -> {
            MultiLayerNetwork net = architecture.network(3, 0.5);
            SplittableRandom r = new SplittableRandom(5);
            INDArray x = Nd4j.create(randoms(r, 8 * 4 * 32), new long[] {8, 1, 4, 32}, 'c').castTo(DataType.FLOAT);
            INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 2);
            for (int i = 0; i < 8; i++) {
                y.putScalar(i, i % 2, 1);
            }
            for (int step = 0; step < 30; step++) {
                net.fit(x, y);
            }
            INDArray spatial = net.getLayer(2).getParam("W");        // [kh, kw, nIn, D]
            INDArray dense = net.getLayer(net.getnLayers() - 1).getParam("W");   // [nIn, nOut]
            return new double[] {spatial.norm2(0, 1).maxNumber().doubleValue(), dense.norm2(0).maxNumber().doubleValue()};
        });
    }

    static double[] randoms(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * r.nextDouble() - 1;
        }
        return v;
    }

    private static void assertStatsMatchNetwork(Architecture architecture) {
        ModelStats stats = architecture.stats();
        MultiLayerNetwork net = architecture.network(7, 1e-3);
        assertEquals(net.getnLayers(), stats.layers().size());
        assertEquals(net.numParams(), stats.parameters());
        int[] in = architecture.inputShape();
        INDArray x = Nd4j.create(randoms(new SplittableRandom(1), 2 * in[0] * in[1] * in[2]),
                new long[] {2, in[0], in[1], in[2]}, 'c').castTo(DataType.FLOAT);
        List<INDArray> activations = net.feedForward(x, false);
        for (int i = 0; i < net.getnLayers(); i++) {
            ModelStats.Layer layer = stats.layers().get(i);
            assertEquals(net.getLayer(i).numParams(), layer.parameters(), layer.name());
            assertEquals(layer.name(), net.getLayer(i).conf().getLayer().getLayerName());
            long[] shape = activations.get(i + 1).shape();
            long[] expected = new long[layer.outputShape().size() + 1];
            expected[0] = 2;
            for (int d = 0; d < layer.outputShape().size(); d++) {
                expected[d + 1] = layer.outputShape().get(d);
            }
            assertArrayEquals(expected, shape, layer.name());
        }
    }
}
