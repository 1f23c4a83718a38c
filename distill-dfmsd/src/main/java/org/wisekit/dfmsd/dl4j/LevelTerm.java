package org.wisekit.dfmsd.dl4j;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.dfmsd.data.DetectionSet;
import org.wisekit.tensor.nd4j.SeededInit;

/** What every distillation method shares: teacher placeholders per level, the sum over levels, the loss weight. */
abstract class LevelTerm implements DistillTerm {
    final int stage;
    final Detector student;
    final TeacherFeatures teacher;
    final SeededInit init;

    LevelTerm(Detector student, TeacherFeatures teacher, int stage, long seed) {
        this.stage = stage;
        this.student = student;
        this.teacher = teacher;
        this.init = new SeededInit(seed, SeededInit.Mixing.XOR_PRODUCT);
    }

    /**
     * Name prefix of the method's variables at level {@code l}: unique per stage, because a later stage's modules
     * are new (and may have other shapes: the teacher's channel count differs) while the optimiser keeps its state
     * by name.
     */
    String prefix(int l) {
        return "kd.s" + stage + ".l" + l;
    }

    int side(int l) {
        return teacher.side(l);
    }

    int stride(int l) {
        return Detector.STRIDES[l];
    }

    abstract SDVariable level(SameDiff sd, int l, SDVariable s, SDVariable t, List<String> trainable);

    abstract void maps(DetectionSet data, int[] index, int l, Map<String, INDArray> feed, SplittableRandom random);

    @Override
    public SDVariable build(SameDiff sd, SDVariable[] studentFeatures, List<String> trainable) {
        SDVariable total = null;
        for (int l = 0; l < studentFeatures.length; l++) {
            SDVariable t = sd.placeHolder("kd.teacher" + l, DataType.FLOAT, -1, teacher.channels(), side(l), side(l));
            SDVariable term = level(sd, l, studentFeatures[l], t, trainable);
            total = total == null ? term : total.add(term);
        }
        return total.mul(sd.placeHolder(DistillTerm.WEIGHT, DataType.FLOAT));
    }

    @Override
    public void feed(DetectionSet data, int[] index, Map<String, INDArray> feed, SplittableRandom random) {
        for (int l = 0; l < teacher.levelCount(); l++) {
            int size = teacher.channels() * side(l) * side(l);
            float[] values = new float[index.length * size];
            for (int i = 0; i < index.length; i++) {
                teacher.copy(l, index[i], values, i * size);
            }
            feed.put("kd.teacher" + l, Nd4j.create(values, new long[] {index.length, teacher.channels(), side(l),
                    side(l)}, 'c'));
            maps(data, index, l, feed, random);
        }
    }

    static void checkScale(double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
        }
    }
}
