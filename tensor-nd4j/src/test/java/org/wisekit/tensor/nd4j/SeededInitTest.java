package org.wisekit.tensor.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class SeededInitTest {

    @Test
    void streamsDependOnlyOnSeedAndNameWithEitherMixing() {
        for (SeededInit.Mixing mixing : SeededInit.Mixing.values()) {
            SeededInit a = new SeededInit(42, mixing);
            double[] w = a.normal("block0.attn.wq", 1, 16);
            a.normal("something.else", 1, 100); // drawing other parameters first changes nothing
            assertThat(new SeededInit(42, mixing).normal("block0.attn.wq", 1, 16)).containsExactly(w);
            assertThat(a.normal("block0.attn.wk", 1, 16)).isNotEqualTo(w);
            assertThat(new SeededInit(43, mixing).normal("block0.attn.wq", 1, 16)).isNotEqualTo(w);
        }
    }

    @Test
    void mixingsAreTheFormulasWrittenOut() {
        String name = "img.L0.attn.wqkv";
        long seed = 7;
        SplittableRandom xor = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ (name.hashCode() * 0xC2B2AE3D27D4EB4FL));
        SplittableRandom sum = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + name.hashCode());
        assertThat(new SeededInit(seed, SeededInit.Mixing.XOR_PRODUCT).stream(name).nextLong()).isEqualTo(xor.nextLong());
        assertThat(new SeededInit(seed, SeededInit.Mixing.SUM).stream(name).nextLong()).isEqualTo(sum.nextLong());
        // Box-Muller, one value from two draws, and (2u - 1) bound
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + name.hashCode());
        double expected = 0.02 * Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
        assertThat(new SeededInit(seed, SeededInit.Mixing.SUM).normal(name, 0.02, 1)[0]).isEqualTo(expected);
        SplittableRandom u = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + name.hashCode());
        assertThat(new SeededInit(seed, SeededInit.Mixing.SUM).uniform(name, 0.5, 1)[0])
                .isEqualTo((2 * u.nextDouble() - 1) * 0.5);
    }

    @Test
    void distributionsHaveTheirMomentsAndArraysTheirShape() {
        SeededInit init = new SeededInit(1, SeededInit.Mixing.XOR_PRODUCT);
        double[] n = init.normal("n", 2, 20000);
        double mean = java.util.Arrays.stream(n).average().orElseThrow();
        double var = java.util.Arrays.stream(n).map(x -> (x - mean) * (x - mean)).sum() / (n.length - 1);
        assertThat(mean).isCloseTo(0, within(0.05));
        assertThat(Math.sqrt(var)).isCloseTo(2, within(0.05));
        assertThat(java.util.Arrays.stream(init.uniform("u", 0.25, 1000)).map(Math::abs).max().orElseThrow())
                .isLessThanOrEqualTo(0.25);

        INDArray w = init.uniformFanIn("w", 16, DataType.FLOAT, 16, 4);
        assertThat(w.shape()).containsExactly(16, 4);
        assertThat(w.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(w.amaxNumber().doubleValue()).isLessThanOrEqualTo(0.25);
        assertThat(w.getFloat(1, 2)).isEqualTo((float) init.uniform("w", 0.25, 64)[6]);
        INDArray g = SeededInit.filled(1, DataType.DOUBLE, 3);
        assertThat(g.toDoubleVector()).containsExactly(1, 1, 1);
        assertThat(init.normal("p", 1, DataType.FLOAT, 2, 2).getFloat(1, 0)).isEqualTo((float) init.normal("p", 1, 4)[2]);
    }
}
