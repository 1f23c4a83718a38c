package org.wisekit.dfmsd.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.wisekit.datasets.LabeledImages;
import org.wisekit.dfmsd.data.CanvasSettings;
import org.wisekit.dfmsd.data.Canvases;
import org.wisekit.dfmsd.data.DetectionSet;
import org.wisekit.dfmsd.eval.Detection;
import org.wisekit.tensor.Tensor;
import org.wisekit.tensor.nd4j.Nd4jThreads;

/**
 * The trainer on tiny synthetic canvases: frozen teachers, evaluation-mode features, every distiller trains,
 * determinism, save/load, and the errors for mismatched teachers.
 */
class DetectorTrainerTest {

    private static DetectionSet train;

    @BeforeAll
    static void data() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 40;
        float[] pixels = new float[n * 28 * 28];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int y = 6; y < 22; y++) {
                for (int x = 6 + 2 * labels[i]; x < 22 - labels[i]; x++) {
                    pixels[i * 784 + y * 28 + x] = (float) (0.5 + 0.5 * r.nextDouble());
                }
            }
        }
        LabeledImages items = new LabeledImages(Tensor.wrap(pixels, n, 28, 28), labels, List.of("a", "b", "c"));
        int[] pool = new int[n];
        for (int i = 0; i < n; i++) {
            pool[i] = i;
        }
        train = Canvases.generate(items, pool, 16, CanvasSettings.defaults(32), 3);
    }

    private static FcosLite student(long seed) {
        return new FcosLite(3, 1, 32, 1, 8, seed);
    }

    private static TrainSettings recipe() {
        return new TrainSettings(1, 8, 1e-3, 1e-4, 10, 2);
    }

    private static Map<String, float[]> snapshot(Detector d) {
        Map<String, float[]> out = new HashMap<>();
        d.params().parameters.forEach((k, v) -> out.put(k, v.dup().data().asFloat()));
        d.params().running.forEach((k, v) -> out.put(k, v.dup().data().asFloat()));
        return out;
    }

    @Test
    void teacherWeightsAreBitIdenticalAfterADistillationEpochOfEveryMethod() {
        Nd4jThreads.single(() -> {
            CenterNetDetector teacher = new CenterNetDetector(3, 1, 32, 1, 8, 9);
            DetectorTrainer.train(teacher, train, recipe(), 1, null);
            Map<String, float[]> before = snapshot(teacher);
            TeacherFeatures features = DetectorTrainer.features(teacher, train);
            for (Distillation method : List.of(new Distillation.Fgd(FgdSettings.defaults(), 1),
                    new Distillation.Mgd(MgdSettings.defaults(), 1), new Distillation.Pkd(1),
                    new Distillation.Dfmsd(DfmsdSettings.defaults(1), 1))) {
                DetectorTrainer.Result r = DetectorTrainer.distill(student(2), train,
                        List.of(new DetectorTrainer.Stage(method, features, 1)), recipe(), 4, null);
                assertThat(r.distillationLoss().get(0)[0]).as(method.toString()).isPositive();
                assertThat(r.weights().get(0)).as(method.toString()).isPositive();
            }
            Map<String, float[]> after = snapshot(teacher);
            assertThat(after.keySet()).isEqualTo(before.keySet());
            before.forEach((k, v) -> assertThat(after.get(k)).as(k).containsExactly(v));
            // evaluation mode: the same features again, and an image's features do not depend on its batch
            TeacherFeatures again = DetectorTrainer.features(teacher, train);
            assertThat(again.level(0)).containsExactly(features.level(0));
            TeacherFeatures alone = DetectorTrainer.features(teacher, train.subset(3, 4));
            int size = features.channels() * features.side(1) * features.side(1);
            for (int i = 0; i < size; i++) {
                assertThat(alone.level(1)[i]).isCloseTo(features.level(1)[3 * size + i],
                        org.assertj.core.api.Assertions.within(1e-4f));
            }
            return null;
        });
    }

    @Test
    void dfmsdStagesMoveFromABridgeTeacherToATeacherOfAnotherWidth() {
        Nd4jThreads.single(() -> {
            FcosLite bridge = new FcosLite(3, 1, 32, 2, 12, 5);
            CenterNetDetector hetero = new CenterNetDetector(3, 1, 32, 1, 8, 6);
            DetectorTrainer.train(bridge, train, recipe(), 1, null);
            DetectorTrainer.train(hetero, train, recipe(), 1, null);
            Distillation dfmsd = new Distillation.Dfmsd(DfmsdSettings.defaults(1), 1);
            DetectorTrainer.Result r = DetectorTrainer.distill(student(2), train, List.of(
                    new DetectorTrainer.Stage(dfmsd, DetectorTrainer.features(bridge, train), 1),
                    new DetectorTrainer.Stage(dfmsd, DetectorTrainer.features(hetero, train), 1)), recipe(), 4, null);
            assertThat(r.detectionLoss()).hasSize(2);
            assertThat(r.weights()).hasSize(2).allSatisfy(w -> assertThat(w).isPositive());
            assertThat(r.steps()).isEqualTo(4);
            return null;
        });
    }

    @Test
    void trainingIsDeterministicForASeedAndLowersTheLoss() {
        Nd4jThreads.single(() -> {
            TrainSettings three = recipe().withEpochs(3);
            DetectorTrainer.Result a = DetectorTrainer.train(student(7), train, three, 11, null);
            DetectorTrainer.Result b = DetectorTrainer.train(student(7), train, three, 11, null);
            assertThat(a.detectionLoss().get(0)).containsExactly(b.detectionLoss().get(0));
            double[] loss = a.detectionLoss().get(0);
            assertThat(loss[2]).isLessThan(loss[0]);
            return null;
        });
    }

    @Test
    void savedWeightsPredictTheSameDetections(@TempDir Path dir) {
        Nd4jThreads.single(() -> {
            FcosLite d = student(3);
            DetectorTrainer.train(d, train, recipe(), 1, null);
            Path file = dir.resolve("student.safetensors");
            DetectorTrainer.save(d, file);
            FcosLite loaded = student(99);
            DetectorTrainer.load(loaded, file);
            List<Detection> x = DetectorTrainer.predict(d, train);
            List<Detection> y = DetectorTrainer.predict(loaded, train);
            assertThat(y).isEqualTo(x);
            assertThatThrownBy(() -> DetectorTrainer.load(new CenterNetDetector(3, 1, 32, 1, 8, 1), file))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds 'FCOS-lite");
            return null;
        });
    }

    @Test
    void mismatchedTeachersAndInputsAreRejected() {
        TeacherFeatures oneLevel = new TeacherFeatures("t", 8, new int[] {8}, new float[][] {new float[16 * 8 * 64]}, 16);
        assertThatThrownBy(() -> DetectorTrainer.distill(student(1), train, List.of(new DetectorTrainer.Stage(
                new Distillation.Pkd(1), oneLevel, 1)), recipe(), 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 FPN levels but the student has 2");
        assertThatThrownBy(() -> new DetectorTrainer.Stage(new Distillation.Pkd(1), null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a teacher");
        assertThatThrownBy(() -> new Distillation.Mgd(MgdSettings.defaults(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale");
        FcosLite colour = new FcosLite(3, 3, 32, 1, 8, 1);
        assertThatThrownBy(() -> DetectorTrainer.train(colour, train, recipe(), 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1-channel 32 px");
        assertThatThrownBy(() -> new FcosLite(3, 1, 30, 1, 8, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("canvas");
    }
}
