package org.wisekit.lutmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wisekit.lutmm.amu.DenseLayer;
import org.wisekit.lutmm.amu.FloatMlp;
import org.wisekit.lutmm.amu.Int8Mlp;
import org.wisekit.lutmm.amu.StackedLutNetwork;
import org.wisekit.tensor.Tensor;

/** The fused (integer-threshold) pipeline equals the unfused one bit for bit; the reference networks agree. */
@Tag("kernels")
class StackedLutNetworkTest {

    static FloatMlp randomMlp(long seed, int... sizes) {
        List<DenseLayer> layers = new java.util.ArrayList<>();
        for (int l = 0; l + 1 < sizes.length; l++) {
            Tensor w = Tensor.normal(seed + l, 0f, (float) Math.sqrt(2.0 / sizes[l]), sizes[l], sizes[l + 1]);
            float[] b = Tensor.normal(seed + 100 + l, 0f, 0.3f, sizes[l + 1]).data();
            layers.add(new DenseLayer(w, b, l + 2 < sizes.length));
        }
        return new FloatMlp(layers);
    }

    @Test
    void fusedPipelineEqualsUnfusedBitForBit() {
        FloatMlp mlp = randomMlp(1, 24, 20, 16, 5);
        Tensor train = MaddnessModelTest.clustered(2, 1500, 24, 6, 1f);
        StackedLutNetwork net = StackedLutNetwork.fit(mlp, train, new int[]{6, 4, 4}, 1.0);
        Tensor test = MaddnessModelTest.clustered(3, 333, 24, 6, 1f);
        for (KernelPath path : paths()) {
            StackedLutNetwork.Forward unfused = net.forward(test.data(), 333, KernelPath.SCALAR);
            StackedLutNetwork.Forward fused = net.forwardFused(test.data(), 333, path);
            for (int l = 0; l < 3; l++) {
                assertThat(fused.codes().get(l)).as("layer %d codes, %s", l, path).isEqualTo(unfused.codes().get(l));
            }
            assertThat(fused.logits()).isEqualTo(unfused.logits());
        }
        assertThat(net.computedOutputs(0)).isLessThanOrEqualTo(16);
        assertThat(net.computedOutputs(2)).isEqualTo(5);
    }

    @Test
    void stackedNetworkTracksTheFloatNetworkOnStructuredInputs() {
        FloatMlp mlp = randomMlp(4, 16, 12, 4);
        Tensor train = MaddnessModelTest.clustered(5, 3000, 16, 4, 0.05f);
        StackedLutNetwork net = StackedLutNetwork.fit(mlp, train, new int[]{4, 4}, 1.0);
        float[] exact = mlp.forward(train.data(), 3000);
        float[] approx = net.forward(train.data(), 3000, KernelPath.defaultPath()).logits();
        assertThat(ApproximationError.nmse(Tensor.wrap(exact, 3000, 4), Tensor.wrap(approx, 3000, 4))).isLessThan(0.05);
    }

    @Test
    void int8NetworkIsCloseToTheFloatNetwork() {
        FloatMlp mlp = randomMlp(6, 40, 30, 6);
        Tensor x = Tensor.normal(7, 0f, 1f, 200, 40);
        float[] exact = mlp.forward(x.data(), 200);
        for (KernelPath path : paths()) {
            float[] q = new Int8Mlp(mlp, x, path).forward(x.data(), 200);
            assertThat(ApproximationError.nmse(Tensor.wrap(exact, 200, 6), Tensor.wrap(q, 200, 6))).isLessThan(1e-3);
        }
    }

    @Test
    void badNetworkInputIsRejected() {
        FloatMlp mlp = randomMlp(8, 8, 4);
        assertThatThrownBy(() -> StackedLutNetwork.fit(mlp, Tensor.zeros(10, 9), new int[]{2}, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[n, 8]");
        assertThatThrownBy(() -> StackedLutNetwork.fit(mlp, Tensor.zeros(10, 8), new int[]{2, 2}, 1.0))
                .hasMessageContaining("one codebook count per layer");
        assertThatThrownBy(() -> new DenseLayer(Tensor.zeros(3, 2), new float[3], true)).hasMessageContaining("bias");
    }

    static List<KernelPath> paths() {
        return KernelPath.isVectorAvailable() ? List.of(KernelPath.SCALAR, KernelPath.VECTOR) : List.of(KernelPath.SCALAR);
    }
}
