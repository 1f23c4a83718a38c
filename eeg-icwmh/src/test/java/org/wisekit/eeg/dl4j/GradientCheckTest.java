package org.wisekit.eeg.dl4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.wisekit.tensor.nd4j.Nd4jThreads;

/**
 * DL4J's numerical gradient check on tiny versions of both networks, in double precision, without dropout and with
 * no updater, as DL4J's own tests run it. Batch normalisation's running mean and log-std are not trained by
 * backpropagation and are left out of the check.
 */
class GradientCheckTest {

    private static DataType previous;

    @BeforeAll
    static void doublePrecision() {
        previous = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restore() {
        Nd4j.setDefaultDataTypes(previous, previous);
    }

    @Test
    void tinyLightCnnPassesGradientCheck() {
        LightCnn tiny = LightCnn.of(2, 8, 12, 3).withWidths(2, 3).withDropout(0.5);
        assertTrue(check(tiny, 5), "LightCnn gradients");
    }

    @Test
    void tinyEegNetPassesGradientCheck() {
        EegNetLike tiny = EegNetLike.of(3, 32, 2).withFilters(2, 2, 3).withKernels(4, 3).withPools(2, 3);
        assertTrue(check(tiny, 6), "EegNetLike gradients");
    }

    private static boolean check(Architecture architecture, int batch) {
        return Nd4jThreads.single(() -> {
            MultiLayerNetwork net = new MultiLayerNetwork(Plans.configuration(Plans.of(architecture), 11,
                    new Plans.Build(new NoOp(), DataType.DOUBLE, false)));
            net.init();
            int[] in = architecture.inputShape();
            SplittableRandom r = new SplittableRandom(2);
            INDArray x = Nd4j.create(ArchitectureTest.randoms(r, batch * in[0] * in[1] * in[2]),
                    new long[] {batch, in[0], in[1], in[2]}, 'c');
            INDArray y = Nd4j.zeros(DataType.DOUBLE, batch, architecture.classes());
            for (int i = 0; i < batch; i++) {
                y.putScalar(i, i % architecture.classes(), 1);
            }
            Set<String> runningStatistics = net.paramTable().keySet().stream()
                    .filter(k -> k.endsWith("_mean") || k.endsWith("_var") || k.endsWith("_log10stdev"))
                    .collect(Collectors.toSet());
            assertTrue(!runningStatistics.isEmpty(), "batch normalisation statistics are named as expected");
            return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9).excludeParams(runningStatistics));
        });
    }
}
