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
import org.wisekit.dfmsd.mask.Attention;
import org.wisekit.dfmsd.mask.BoxMaps;
import org.wisekit.dfmsd.mask.Masks;
import org.wisekit.tensor.nd4j.SeededInit;

/**
 * The distillation method of a training stage. {@link #none()} trains the student alone; the others add, at every
 * FPN level, a feature loss between the student and a frozen teacher: {@link Fgd} (Yang et al., CVPR'22),
 * {@link Mgd} (Yang et al., ECCV'22), {@link Pkd} (Cao et al., NeurIPS'22) and {@link Dfmsd} (Zhang et al., arXiv
 * 2407.13147; reconstructed, see {@link DfmsdSettings}). The masks and maps a method needs are computed from the
 * cached teacher features and the ground-truth boxes outside the graph and fed with each batch.
 *
 * <p>Loss weight: the published weights (FGD's and MGD's {@code alpha} for sum-reduced losses on 256-channel COCO
 * maps) do not transfer to small maps with few channels, so every method's loss is multiplied by one factor
 * {@code w = scale * L_det / L_kd} measured on the stage's first batch (the note's rule: the distillation loss about
 * equals the detection loss at step 0); the method's own relative weights (FGD's alpha/beta/gamma/lambda) are kept.
 */
public sealed interface Distillation {

    /** No distillation. */
    static Distillation none() {
        return new None();
    }

    /** The stage's graph term (null for none); package-private plumbing. */
    DistillTerm term(Detector student, TeacherFeatures teacher, int stage, int stages, long seed);

    /** Multiplier on the first-batch balance {@code L_det / L_kd} (1 = equal at step 0). */
    double scale();

    /** No distillation: the detection loss alone. */
    record None() implements Distillation {
        @Override
        public DistillTerm term(Detector student, TeacherFeatures teacher, int stage, int stages, long seed) {
            return null;
        }

        @Override
        public double scale() {
            return 0;
        }
    }

    /**
     * FGD: focal (foreground/background, attention-weighted) and global (GcBlock relation) distillation.
     *
     * @param settings FGD's relative weights and temperature
     * @param scale    multiplier on the step-0 balance
     */
    record Fgd(FgdSettings settings, double scale) implements Distillation {
        /** Validates the fields. */
        public Fgd {
            if (settings == null) {
                throw new IllegalArgumentException("settings must not be null");
            }
            LevelTerm.checkScale(scale);
        }

        @Override
        public DistillTerm term(Detector student, TeacherFeatures teacher, int stage, int stages, long seed) {
            return new LevelTerm(student, teacher, stage, seed) {
                @Override
                SDVariable level(SameDiff sd, int l, SDVariable s, SDVariable t, List<String> trainable) {
                    SDVariable fg = sd.placeHolder("kd.fg" + l, DataType.FLOAT, -1, 1, side(l), side(l));
                    SDVariable bg = sd.placeHolder("kd.bg" + l, DataType.FLOAT, -1, 1, side(l), side(l));
                    DistillationLosses.Loss loss = DistillationLosses.fgd(sd, prefix(l), s, student.fpnChannels(), t,
                            fg, bg, settings, init);
                    trainable.addAll(loss.trainable());
                    return loss.total();
                }

                @Override
                void maps(DetectionSet data, int[] index, int l, Map<String, INDArray> feed, SplittableRandom random) {
                    int h = side(l);
                    float[] fg = new float[index.length * h * h];
                    float[] bg = new float[index.length * h * h];
                    float[] one = new float[h * h];
                    float[] oneBg = new float[h * h];
                    for (int i = 0; i < index.length; i++) {
                        BoxMaps.fgdForeground(data.boxes(index[i]), data.boxCount(index[i]), stride(l), h, h, one);
                        BoxMaps.fgdBackground(one, oneBg);
                        System.arraycopy(one, 0, fg, i * h * h, h * h);
                        System.arraycopy(oneBg, 0, bg, i * h * h, h * h);
                    }
                    feed.put("kd.fg" + l, Nd4j.create(fg, new long[] {index.length, 1, h, h}, 'c'));
                    feed.put("kd.bg" + l, Nd4j.create(bg, new long[] {index.length, 1, h, h}, 'c'));
                }
            };
        }
    }

    /**
     * MGD: random spatial mask, then a generator that must reproduce the teacher's feature.
     *
     * @param settings MGD's weight and masked ratio
     * @param scale    multiplier on the step-0 balance
     */
    record Mgd(MgdSettings settings, double scale) implements Distillation {
        /** Validates the fields. */
        public Mgd {
            if (settings == null) {
                throw new IllegalArgumentException("settings must not be null");
            }
            LevelTerm.checkScale(scale);
        }

        @Override
        public DistillTerm term(Detector student, TeacherFeatures teacher, int stage, int stages, long seed) {
            return new LevelTerm(student, teacher, stage, seed) {
                @Override
                SDVariable level(SameDiff sd, int l, SDVariable s, SDVariable t, List<String> trainable) {
                    SDVariable mask = sd.placeHolder("kd.mask" + l, DataType.FLOAT, -1, 1, side(l), side(l));
                    DistillationLosses.Loss loss = DistillationLosses.mgd(sd, prefix(l), s, student.fpnChannels(), t,
                            mask, settings, init);
                    trainable.addAll(loss.trainable());
                    return loss.total();
                }

                @Override
                void maps(DetectionSet data, int[] index, int l, Map<String, INDArray> feed, SplittableRandom random) {
                    int h = side(l);
                    float[] mask = new float[index.length * h * h];
                    float[] one = new float[h * h];
                    for (int i = 0; i < index.length; i++) {
                        Masks.random(h, h, settings.lambda(), random, one);
                        System.arraycopy(one, 0, mask, i * h * h, h * h);
                    }
                    feed.put("kd.mask" + l, Nd4j.create(mask, new long[] {index.length, 1, h, h}, 'c'));
                }
            };
        }
    }

    /**
     * PKD: MSE between per-channel standardised student and teacher features (Pearson correlation).
     *
     * @param scale multiplier on the step-0 balance
     */
    record Pkd(double scale) implements Distillation {
        /** Validates the fields. */
        public Pkd {
            LevelTerm.checkScale(scale);
        }

        @Override
        public DistillTerm term(Detector student, TeacherFeatures teacher, int stage, int stages, long seed) {
            return new LevelTerm(student, teacher, stage, seed) {
                @Override
                SDVariable level(SameDiff sd, int l, SDVariable s, SDVariable t, List<String> trainable) {
                    DistillationLosses.Loss loss = DistillationLosses.pkd(sd, prefix(l), s, student.fpnChannels(), t,
                            1.0, init);
                    trainable.addAll(loss.trainable());
                    return loss.total();
                }

                @Override
                void maps(DetectionSet data, int[] index, int l, Map<String, INDArray> feed, SplittableRandom random) {
                }
            };
        }
    }

    /**
     * DFMSD's dual feature masking at one stage: teacher-attention spatial and channel masks (the spatial one
     * enhanced inside the boxes by {@code gamma_k} of the stage), generators with ECA, learnable log-sigma weights,
     * per-level standardisation; stage-wise adaptation comes from giving the trainer one stage per teacher.
     *
     * @param settings the switches (see {@link DfmsdSettings})
     * @param scale    multiplier on the step-0 balance
     */
    record Dfmsd(DfmsdSettings settings, double scale) implements Distillation {
        /** Validates the fields. */
        public Dfmsd {
            if (settings == null) {
                throw new IllegalArgumentException("settings must not be null");
            }
            LevelTerm.checkScale(scale);
        }

        @Override
        public DistillTerm term(Detector student, TeacherFeatures teacher, int stage, int stages, long seed) {
            double gamma = settings.gamma(stage + 1, stages);
            return new LevelTerm(student, teacher, stage, seed) {
                @Override
                SDVariable level(SameDiff sd, int l, SDVariable s, SDVariable t, List<String> trainable) {
                    SDVariable sp = sd.placeHolder("kd.sp" + l, DataType.FLOAT, -1, 1, side(l), side(l));
                    SDVariable ch = sd.placeHolder("kd.ch" + l, DataType.FLOAT, -1, teacher.channels(), 1, 1);
                    DistillationLosses.DfmsdLoss loss = DistillationLosses.dfmsd(sd, prefix(l), s,
                            student.fpnChannels(), t, sp, ch, settings, init);
                    trainable.addAll(loss.trainable());
                    return loss.total();
                }

                @Override
                void maps(DetectionSet data, int[] index, int l, Map<String, INDArray> feed, SplittableRandom random) {
                    int h = side(l);
                    int c = teacher.channels();
                    float[] sp = new float[index.length * h * h];
                    float[] ch = new float[index.length * c];
                    float[] feat = new float[c * h * h];
                    float[] att = new float[h * h];
                    float[] inside = new float[h * h];
                    float[] enhanced = new float[h * h];
                    float[] oneSp = new float[h * h];
                    float[] attCh = new float[c];
                    float[] oneCh = new float[c];
                    for (int i = 0; i < index.length; i++) {
                        teacher.copy(l, index[i], feat, 0);
                        Attention.spatial(feat, c, h, h, DfmsdSettings.ATTENTION_TEMPERATURE, att);
                        BoxMaps.inside(data.boxes(index[i]), data.boxCount(index[i]), stride(l), h, h, inside);
                        Masks.enhance(att, inside, gamma, enhanced);
                        if (settings.sampledMask()) {
                            Masks.sampledSpatial(enhanced, h, h, settings.rhoSpatial(), random, oneSp);
                        } else {
                            Masks.topSpatial(enhanced, h, h, settings.rhoSpatial(), oneSp);
                        }
                        Attention.channel(feat, c, h, h, DfmsdSettings.ATTENTION_TEMPERATURE, attCh);
                        Masks.topChannel(attCh, c, settings.rhoChannel(), oneCh);
                        System.arraycopy(oneSp, 0, sp, i * h * h, h * h);
                        System.arraycopy(oneCh, 0, ch, i * c, c);
                    }
                    feed.put("kd.sp" + l, Nd4j.create(sp, new long[] {index.length, 1, h, h}, 'c'));
                    feed.put("kd.ch" + l, Nd4j.create(ch, new long[] {index.length, c, 1, 1}, 'c'));
                }
            };
        }
    }
}
