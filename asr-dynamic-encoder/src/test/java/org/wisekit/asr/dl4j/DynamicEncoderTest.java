package org.wisekit.asr.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.asr.audio.SpecAugment;
import org.wisekit.asr.select.Masks;
import org.wisekit.tensor.nd4j.Nd4jThreads;

/** Training on synthetic data, running at each size, saving, loading and exporting one size. */
class DynamicEncoderTest {

    static final int[] SIZES = {4, 6, 8};

    @TempDir
    Path dir;

    static TrainingData synthetic(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<float[]> mel = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        for (int u = 0; u < count; u++) {
            int[] l = new int[1 + r.nextInt(3)];
            int frames = 8 * l.length;
            float[] m = new float[frames * EncoderGraphTest.TINY.melBins()];
            for (int i = 0; i < l.length; i++) {
                l[i] = 1 + r.nextInt(4);
                // a label's frames carry a bump in "its" bin, so that there is something to learn
                for (int f = 8 * i + 2; f < 8 * i + 6; f++) {
                    m[f * 6 + l[i]] = 3;
                }
            }
            for (int i = 0; i < m.length; i++) {
                m[i] += (float) (0.3 * r.nextGaussian());
            }
            mel.add(m);
            labels.add(l);
        }
        return new TrainingData(mel, labels);
    }

    static SupernetTrainer.Settings settings(int steps, long seed) {
        return new SupernetTrainer.Settings(steps, 0.6, 4, 3e-3, 0.01, 0, 0.3, 0.3, 0.3, 5, 2,
                SpecAugment.Settings.defaults(), seed);
    }

    @Test
    void simpleTopKTrainsNestedSubnetsThatRunSkippingThePrunedModules() {
        TrainingData data = synthetic(16, 1);
        SupernetTrainer.Result r = Nd4jThreads.single(() -> SupernetTrainer.trainSupernet(EncoderGraphTest.TINY, SIZES,
                SupernetTrainer.Method.SIMPLE_TOP_K, settings(12, 3), data, null));
        DynamicEncoder model = r.model();
        assertThat(r.losses()).hasSize(12);
        assertThat(java.util.Arrays.stream(r.losses()).allMatch(l -> l > 0 && Double.isFinite(l))).isTrue();
        assertThat(r.events()).anyMatch(e -> e.contains("k = 6")).anyMatch(e -> e.contains("stage 2"));
        // stage 1 of 12 updates at 60 %: N = floor(7 * 2 / 4) = 3 updates per k, steps 0..6
        assertThat(r.scores().length).isEqualTo(7);
        boolean[][] masks = new boolean[SIZES.length][];
        for (int i = 0; i < SIZES.length; i++) {
            masks[i] = model.mask(SIZES[i]);
            assertThat(Masks.count(masks[i])).isEqualTo(SIZES[i]);
            assertThat(model.modulesRun(SIZES[i])).isEqualTo(SIZES[i]);
        }
        assertThat(Masks.nested(masks)).isTrue();
        assertThat(masks[0]).isEqualTo(Masks.fromScores(model.scores(), SIZES)[0]);
        assertThat(model.parameters(4)).isLessThan(model.parameters(8));
        assertThatThrownBy(() -> model.mask(5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size 5 was not trained");
    }

    @Test
    void theSameSeedGivesTheSameTrainingAndIterativeZeroOutZeroesItsTargets() {
        TrainingData data = synthetic(16, 2);
        SupernetTrainer.Result a = Nd4jThreads.single(() -> SupernetTrainer.trainSupernet(EncoderGraphTest.TINY, SIZES,
                SupernetTrainer.Method.ITERATIVE_ZERO_OUT, settings(12, 5), data, null));
        SupernetTrainer.Result b = Nd4jThreads.single(() -> SupernetTrainer.trainSupernet(EncoderGraphTest.TINY, SIZES,
                SupernetTrainer.Method.ITERATIVE_ZERO_OUT, settings(12, 5), data, null));
        assertThat(a.losses()).containsExactly(b.losses());
        assertThat(a.model().scores()).containsExactly(b.model().scores());
        assertThat(a.events()).anyMatch(e -> e.contains("set to -5.0"));
    }

    @Test
    void savedModelsAndExportedSubnetsGiveTheSameTranscriptions() {
        TrainingData data = synthetic(16, 3);
        Nd4jThreads.single(() -> {
            DynamicEncoder model = SupernetTrainer.trainFixedMasks(EncoderGraphTest.TINY, SIZES,
                    Masks.firstK(8, SIZES), "first-k", settings(6, 4), data, null).model();
            Path file = dir.resolve("model.safetensors");
            model.save(file);
            DynamicEncoder loaded = DynamicEncoder.load(file);
            List<float[]> mel = data.mel().subList(0, 5);
            for (int k : SIZES) {
                List<float[]> before = model.logits(mel, k);
                List<float[]> after = loaded.logits(mel, k);
                for (int u = 0; u < mel.size(); u++) {
                    assertThat(after.get(u)).containsExactly(before.get(u));
                }
            }
            Path sub = dir.resolve("six.safetensors");
            model.exportSubnet(6, sub);
            DynamicEncoder six = DynamicEncoder.load(sub);
            assertThat(six.sizes()).containsExactly(6);
            assertThat(six.parameters(6)).isEqualTo(model.parameters(6));
            assertThat(six.weights().arrays().keySet()).noneMatch(n -> n.startsWith("m6.") || n.startsWith("head8."));
            List<float[]> full = model.logits(mel, 6);
            List<float[]> exported = six.logits(mel, 6);
            for (int u = 0; u < mel.size(); u++) {
                assertThat(exported.get(u)).containsExactly(full.get(u));
            }
            assertThat(six.transcribe(mel, 6)).hasSize(5);
            assertThatThrownBy(() -> six.transcribe(mel, 8)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("size 8 was not trained");
            return null;
        });
    }

    @Test
    void badInputIsRejectedWithItsValue() {
        TrainingData data = synthetic(8, 4);
        assertThatThrownBy(() -> SupernetTrainer.trainSupernet(EncoderGraphTest.TINY, new int[] {6, 4, 8},
                SupernetTrainer.Method.SIMPLE_TOP_K, settings(10, 1), data, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[6, 4, 8]");
        assertThatThrownBy(() -> SupernetTrainer.trainSupernet(EncoderGraphTest.TINY, new int[] {4, 20},
                SupernetTrainer.Method.SIMPLE_TOP_K, settings(10, 1), data, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[4, 20]");
        assertThatThrownBy(() -> SupernetTrainer.trainIndividual(EncoderGraphTest.TINY, 6, settings(10, 1), data,
                null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 6");
        assertThatThrownBy(() -> SupernetTrainer.trainFixedMasks(EncoderGraphTest.TINY, SIZES, new boolean[][] {
                {true, true, true, true, false, false, false, false}, {false, false, true, true, true, true, true,
                        true}, {true, true, true, true, true, true, true, true}}, "x", settings(10, 1), data, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nested");
        Nd4jThreads.single(() -> {
            DynamicEncoder model = SupernetTrainer.trainIndividual(EncoderGraphTest.TINY, 8, settings(2, 1), data,
                    null).model();
            assertThatThrownBy(() -> model.logits(List.of(new float[5]), 8))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 feature values");
            return null;
        });
    }
}
