package org.wisekit.dfmsd.dl4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.tensor.nd4j.SeededInit;

/**
 * Feature-distillation losses built into a SameDiff graph: FGD, MGD, PKD and the (reconstructed) DFMSD dual
 * feature-masking loss, for one FPN level each.
 *
 * <p><b>Inputs.</b> Features are NCHW: the student's {@code [N, Cs, H, W]} (any graph variable; gradients flow
 * into it), the teacher's {@code [N, C, H, W]} (a placeholder: the teacher is frozen, no gradient reaches it) and
 * the masks, placeholders computed outside the graph with {@code org.wisekit.dfmsd.mask}. The teacher's shape
 * must be known when the graph is built (a placeholder of shape {@code [-1, C, H, W]}): it gives {@code C},
 * {@code H} and {@code W}. The student's channel count {@code Cs} is taken from its shape when SameDiff knows
 * it (placeholders and variables), else it must be passed ({@code studentChannels} overloads: SameDiff does not
 * infer the shapes of op outputs when the graph is built). When {@code Cs != C} the student first goes through
 * a 1x1 convolution {@code f_align} with bias (FGD's and MGD's {@code align}). Spatial sizes must agree (checked
 * when both are known). The graph's data type is the student's ({@code FLOAT} for training, {@code DOUBLE} for
 * gradient checks); the teacher and the masks must have it too.
 *
 * <p><b>Names.</b> Every builder that creates variables puts them under {@code prefix + "."} so that several
 * levels and stages coexist in one graph, draws their start values from {@code init} by name (so they depend
 * only on the seed and the name) and returns their names as the trainable list. "Per sample" sums are divided
 * by the batch size {@code N} (the roots' {@code MSELoss(reduction='sum') / N}), computed as the mean over the
 * batch of per-sample sums. Convolution weights are {@code [kH, kW, Cin, Cout]} (ND4J's layout); start values
 * follow PyTorch's defaults (uniform {@code +-1/sqrt(fan-in)} for weights and biases) unless stated.
 *
 * <p><b>Softmax</b> is written {@code exp(x - max) / sum} (SameDiff's {@code log_softmax} cannot be
 * differentiated in ND4J 1.0.0-M2.1). Graph owners should call {@code Nd4jThreads.withoutArrayReuse(graph)}
 * before running a graph (module tensor-nd4j).
 */
public final class DistillationLosses {

    private DistillationLosses() {
    }

    /**
     * A built loss.
     *
     * @param total     the scalar loss (already weighted)
     * @param trainable the names of the variables the builder created, to be optimised with the student
     */
    public record Loss(SDVariable total, List<String> trainable) {

        /**
         * Copies the list.
         *
         * @throws IllegalArgumentException when an argument is null
         */
        public Loss {
            if (total == null || trainable == null) {
                throw new IllegalArgumentException("total and trainable must not be null");
            }
            trainable = List.copyOf(trainable);
        }
    }

    /**
     * The DFMSD loss and its terms.
     *
     * @param spatial    {@code L_sp = sum((R_sp - T^)^2) / N}, unweighted
     * @param channel    {@code L_ch = sum((R_ch - T^)^2) / N}, unweighted
     * @param logSigmaSp the learnable {@code log sigma_sp} (a scalar variable), or null when
     *                   {@code learnableSigma} is off
     * @param logSigmaCh the learnable {@code log sigma_ch}, or null when {@code learnableSigma} is off
     * @param total      {@code alpha * L_dual}, the loss to add to the detection loss
     * @param trainable  the names of the variables the builder created
     */
    public record DfmsdLoss(SDVariable spatial, SDVariable channel, SDVariable logSigmaSp, SDVariable logSigmaCh,
                            SDVariable total, List<String> trainable) {

        /**
         * Copies the list.
         *
         * @throws IllegalArgumentException when a term, the total or the list is null
         */
        public DfmsdLoss {
            if (spatial == null || channel == null || total == null || trainable == null) {
                throw new IllegalArgumentException("spatial, channel, total and trainable must not be null");
            }
            trainable = List.copyOf(trainable);
        }
    }

    // ------------------------------------------------------------------------------------------------ FGD

    /**
     * FGD's feature loss (Yang et al., CVPR 2022), as {@code yzd-v/FGD}'s {@code FeatureLoss.forward} computes it;
     * the student's channel count is read from its shape (see the class comment).
     *
     * @param sd      the graph
     * @param prefix  name prefix of the created variables and named outputs
     * @param student student features {@code [N, Cs, H, W]}
     * @param teacher teacher features {@code [N, C, H, W]}, a placeholder of known shape
     * @param fg      FGD's foreground mask {@code [N, 1, H, W]} ({@code BoxMaps.fgdForeground})
     * @param bg      FGD's background mask {@code [N, 1, H, W]} ({@code BoxMaps.fgdBackground})
     * @param s       the weights and temperature
     * @param init    start values of the created variables
     * @return the loss and the created variables
     * @throws IllegalArgumentException on mismatched or unknown shapes, a used prefix or a null argument
     * @see #fgd(SameDiff, String, SDVariable, int, SDVariable, SDVariable, SDVariable, FgdSettings, SeededInit)
     */
    public static Loss fgd(SameDiff sd, String prefix, SDVariable student, SDVariable teacher, SDVariable fg,
                           SDVariable bg, FgdSettings s, SeededInit init) {
        return fgd(sd, prefix, student, knownChannels(student), teacher, fg, bg, s, init);
    }

    /**
     * FGD's feature loss. With {@code S = f_align(student)}, {@code T = teacher} and FGD's attention
     * ({@code A_sp = H W softmax(mean_c|x| / tau)} over positions, {@code A_ch = C softmax(mean_ij|x| / tau)} over
     * channels; the teacher's from the placeholder, the student's from {@code S}):
     * <pre>
     *   L_fg     = sum((S - T)^2 * A_sp^T * A_ch^T * fg) / N
     *   L_bg     = sum((S - T)^2 * A_sp^T * A_ch^T * bg) / N
     *   L_mask   = sum|A_ch^S - A_ch^T| / N + sum|A_sp^S - A_sp^T| / N
     *   L_global = sum((GC_s(S) - GC_t(T))^2) / N
     *   L        = alpha L_fg + beta L_bg + gamma L_mask + lambda L_global
     * </pre>
     * FGD multiplies both features by {@code sqrt(A_sp^T) sqrt(A_ch^T) sqrt(M)} before a sum-MSE; the form above
     * is the same value, without square roots in the graph. {@code GC_b(x) = x + W2_b ReLU(LN(W1_b ctx_b(x) +
     * b1_b)) + b2_b} is FGD's GcBlock branch: {@code ctx_b(x) = sum_ij x(., i, j) softmax_ij(conv1x1_b(x))}
     * (the context convolution {@code C -> 1} with bias), {@code W1_b} a 1x1 convolution {@code C -> C/2}, LN a
     * LayerNorm over the {@code C/2} values (eps 1e-5, gain and bias), {@code W2_b} a 1x1 convolution
     * {@code C/2 -> C}; one branch for the student ({@code b = s}) and one for the teacher ({@code b = t}), both
     * trainable as in FGD. Start values as FGD's {@code reset_parameters}: context convolutions Kaiming-normal
     * (fan-in, std {@code sqrt(2 / C)}, bias 0), {@code W2}/{@code b2} zero (so the block starts as the
     * identity), LayerNorm gain 1 and bias 0, {@code W1}/{@code b1} PyTorch's default. The 1x1 convolutions of
     * the context path act on a 1x1 map and are stored as matrices: {@code W1} is {@code [C, C/2]}, {@code W2}
     * {@code [C/2, C]}.
     *
     * <p>Variables ({@code p = prefix}): {@code p.align.w [1,1,Cs,C]}, {@code p.align.b} (only when
     * {@code Cs != C}); for {@code b} in {@code s, t}: {@code p.gc.b.mask.w [1,1,C,1]}, {@code p.gc.b.mask.b [1]},
     * {@code p.gc.b.add1.w [C,C/2]}, {@code p.gc.b.add1.b [C/2]}, {@code p.gc.b.ln.g}, {@code p.gc.b.ln.b}
     * {@code [C/2]}, {@code p.gc.b.add2.w [C/2,C]}, {@code p.gc.b.add2.b [C]}. Named outputs: {@code p.fg},
     * {@code p.bg}, {@code p.mask}, {@code p.global} (unweighted terms) and {@code p.loss}.
     *
     * @param sd              the graph
     * @param prefix          name prefix
     * @param student         student features {@code [N, Cs, H, W]}
     * @param studentChannels {@code Cs}
     * @param teacher         teacher features {@code [N, C, H, W]}, a placeholder of known shape, {@code C >= 2}
     * @param fg              foreground mask {@code [N, 1, H, W]}
     * @param bg              background mask {@code [N, 1, H, W]}
     * @param s               the weights and temperature
     * @param init            start values
     * @return the loss and the created variables
     * @throws IllegalArgumentException on mismatched or unknown shapes, a used prefix or a null argument
     */
    public static Loss fgd(SameDiff sd, String prefix, SDVariable student, int studentChannels, SDVariable teacher,
                           SDVariable fg, SDVariable bg, FgdSettings s, SeededInit init) {
        notNull("s", s);
        Level l = Level.of(sd, prefix, student, studentChannels, teacher, init);
        if (l.c < 2) {
            throw new IllegalArgumentException("teacher channels must be >= 2 for FGD's GcBlock (C/2 channels), got " + l.c);
        }
        l.checkMask("fg", fg, 1, l.h, l.w);
        l.checkMask("bg", bg, 1, l.h, l.w);
        SDVariable x = l.align(student);
        SDVariable t = teacher;
        SDVariable[] attT = attention(sd, t, l.c, l.h, l.w, s.temperature());
        SDVariable[] attS = attention(sd, x, l.c, l.h, l.w, s.temperature());
        SDVariable diff = x.sub(t);
        SDVariable weighted = diff.mul(diff).mul(attT[0]).mul(attT[1]);
        SDVariable fgLoss = perSample(sd, l.name("fg"), weighted.mul(fg));
        SDVariable bgLoss = perSample(sd, l.name("bg"), weighted.mul(bg));
        SDVariable maskLoss = perSample(sd, null, sd.math().abs(attS[1].sub(attT[1])))
                .add(l.name("mask"), perSample(sd, null, sd.math().abs(attS[0].sub(attT[0]))));
        SDVariable gcS = l.gcBlock("gc.s", x);
        SDVariable gcT = l.gcBlock("gc.t", t);
        SDVariable gd = gcS.sub(gcT);
        SDVariable global = perSample(sd, l.name("global"), gd.mul(gd));
        SDVariable total = fgLoss.mul(s.alpha()).add(bgLoss.mul(s.beta())).add(maskLoss.mul(s.gamma()))
                .add(l.name("loss"), global.mul(s.lambda()));
        return new Loss(total, l.trainable);
    }

    // ------------------------------------------------------------------------------------------------ MGD

    /**
     * MGD's feature loss; the student's channel count is read from its shape (see the class comment).
     *
     * @param sd      the graph
     * @param prefix  name prefix
     * @param student student features {@code [N, Cs, H, W]}
     * @param teacher teacher features {@code [N, C, H, W]}, a placeholder of known shape
     * @param mask    MGD's random mask {@code [N, 1, H, W]} ({@code Masks.random}, 0 hides)
     * @param s       the settings ({@code lambda} is used where the mask is drawn)
     * @param init    start values
     * @return the loss and the created variables
     * @throws IllegalArgumentException on mismatched or unknown shapes, a used prefix or a null argument
     * @see #mgd(SameDiff, String, SDVariable, int, SDVariable, SDVariable, MgdSettings, SeededInit)
     */
    public static Loss mgd(SameDiff sd, String prefix, SDVariable student, SDVariable teacher, SDVariable mask,
                           MgdSettings s, SeededInit init) {
        return mgd(sd, prefix, student, knownChannels(student), teacher, mask, s, init);
    }

    /**
     * MGD's feature loss (Yang et al., ECCV 2022), as {@code yzd-v/MGD}'s {@code get_dis_loss}: align, then mask,
     * then generate, {@code L = alpha * sum((G(f_align(S) * M) - T)^2) / N} with
     * {@code G = Conv3x3(C -> C) -> ReLU -> Conv3x3(C -> C)} (with biases, zero padding 1). G and
     * {@code f_align} are training-only.
     *
     * <p>Variables ({@code p = prefix}): {@code p.align.w/b} (when {@code Cs != C}), {@code p.gen.conv1.w
     * [3,3,C,C]}, {@code p.gen.conv1.b [C]}, {@code p.gen.conv2.w}, {@code p.gen.conv2.b}. Named output:
     * {@code p.loss}.
     *
     * @param sd              the graph
     * @param prefix          name prefix
     * @param student         student features {@code [N, Cs, H, W]}
     * @param studentChannels {@code Cs}
     * @param teacher         teacher features {@code [N, C, H, W]}, a placeholder of known shape
     * @param mask            MGD's random mask {@code [N, 1, H, W]}
     * @param s               the settings
     * @param init            start values
     * @return the loss and the created variables
     * @throws IllegalArgumentException on mismatched or unknown shapes, a used prefix or a null argument
     */
    public static Loss mgd(SameDiff sd, String prefix, SDVariable student, int studentChannels, SDVariable teacher,
                           SDVariable mask, MgdSettings s, SeededInit init) {
        notNull("s", s);
        Level l = Level.of(sd, prefix, student, studentChannels, teacher, init);
        l.checkMask("mask", mask, 1, l.h, l.w);
        SDVariable x = l.align(student).mul(mask);
        SDVariable g = l.generator("gen", x);
        SDVariable d = g.sub(teacher);
        SDVariable total = perSample(sd, null, d.mul(d)).mul(l.name("loss"), s.alpha());
        return new Loss(total, l.trainable);
    }

    // ------------------------------------------------------------------------------------------------ PKD

    /**
     * PKD's loss (Cao et al., NeurIPS 2022) between features of equal shape, as mmdet's and mmrazor's
     * {@code pkd_loss}: each feature normalised per channel over (N, H, W) together,
     * {@code x^ = (x - mean) / (std + 1e-6)} with the unbiased standard deviation, then
     * {@code L = weight * mean((S^ - T^)^2) / 2} (the mean over all {@code N C H W} values), which is
     * {@code weight * (1 - r)} averaged over channels for the Pearson correlation {@code r} (up to the
     * {@code (M-1)/M} of the unbiased estimate). No variables are created. (PKD resizes the student bilinearly
     * when the sizes differ; here they must agree.)
     *
     * @param sd      the graph
     * @param student student features {@code [N, C, H, W]}
     * @param teacher teacher features {@code [N, C, H, W]}
     * @param weight  the loss weight, non-negative (PKD's {@code loss_weight})
     * @return the loss (an empty trainable list)
     * @throws IllegalArgumentException on known, differing shapes, a negative weight or a null argument
     */
    public static Loss pkd(SameDiff sd, SDVariable student, SDVariable teacher, double weight) {
        notNull("sd", sd);
        notNull("student", student);
        notNull("teacher", teacher);
        FgdSettings.nonNegative("weight", weight);
        long[] ss = student.getShape();
        long[] ts = teacher.getShape();
        if (ss != null && ts != null) {
            if (ss.length != 4 || ts.length != 4) {
                throw new IllegalArgumentException("student and teacher must be [N, C, H, W], got "
                        + Arrays.toString(ss) + " and " + Arrays.toString(ts));
            }
            for (int d = 1; d < 4; d++) {
                if (ss[d] > 0 && ts[d] > 0 && ss[d] != ts[d]) {
                    throw new IllegalArgumentException("student " + Arrays.toString(ss) + " and teacher "
                            + Arrays.toString(ts) + " differ in dimension " + d);
                }
            }
        }
        sameType("teacher", teacher, student.dataType());
        return new Loss(pkdTerm(sd, null, student, teacher, weight), List.of());
    }

    /**
     * PKD's loss after a 1x1 {@code f_align} convolution of the student when its channel count differs from the
     * teacher's (mmrazor's connectors; PKD itself needs equal shapes). Variables: {@code prefix.align.w/b} when
     * {@code Cs != C}. Named output: {@code prefix.loss}.
     *
     * @param sd              the graph
     * @param prefix          name prefix
     * @param student         student features {@code [N, Cs, H, W]}
     * @param studentChannels {@code Cs}
     * @param teacher         teacher features {@code [N, C, H, W]}, a placeholder of known shape
     * @param weight          the loss weight, non-negative
     * @param init            start values
     * @return the loss and the created variables
     * @throws IllegalArgumentException on mismatched or unknown shapes, a used prefix or a null argument
     */
    public static Loss pkd(SameDiff sd, String prefix, SDVariable student, int studentChannels, SDVariable teacher,
                           double weight, SeededInit init) {
        FgdSettings.nonNegative("weight", weight);
        Level l = Level.of(sd, prefix, student, studentChannels, teacher, init);
        SDVariable x = l.align(student);
        return new Loss(pkdTerm(sd, l.name("loss"), x, teacher, weight), l.trainable);
    }

    private static SDVariable pkdTerm(SameDiff sd, String name, SDVariable s, SDVariable t, double weight) {
        SDVariable d = pkdNorm(sd, s).sub(pkdNorm(sd, t));
        SDVariable mse = d.mul(d).mean();
        return name == null ? mse.mul(weight / 2) : mse.mul(name, weight / 2);
    }

    /** PKD's normalisation: per channel over (N, H, W), {@code (x - mean) / (std_unbiased + 1e-6)}. */
    private static SDVariable pkdNorm(SameDiff sd, SDVariable x) {
        SDVariable centred = x.sub(x.mean(true, 0, 2, 3));
        SDVariable count = sd.onesLike(x).sum(true, 0, 2, 3);
        SDVariable var = centred.mul(centred).sum(true, 0, 2, 3).div(count.sub(1.0));
        return centred.div(sd.math().sqrt(var).add(1e-6));
    }

    // ---------------------------------------------------------------------------------------------- DFMSD

    /**
     * The DFMSD dual feature-masking loss; the student's channel count is read from its shape (see the class
     * comment).
     *
     * @param sd          the graph
     * @param prefix      name prefix
     * @param student     student features {@code [N, Cs, H, W]}
     * @param teacher     teacher features {@code [N, C, H, W]}, a placeholder of known shape
     * @param spatialMask {@code M_sp [N, 1, H, W]}, 0 hides
     * @param channelMask {@code M_ch [N, C, 1, 1]}, 0 hides
     * @param s           the settings
     * @param init        start values
     * @return the loss, its terms and the created variables
     * @throws IllegalArgumentException on mismatched or unknown shapes, a used prefix or a null argument
     * @see #dfmsd(SameDiff, String, SDVariable, int, SDVariable, SDVariable, SDVariable, DfmsdSettings, SeededInit)
     */
    public static DfmsdLoss dfmsd(SameDiff sd, String prefix, SDVariable student, SDVariable teacher,
                                  SDVariable spatialMask, SDVariable channelMask, DfmsdSettings s, SeededInit init) {
        return dfmsd(sd, prefix, student, knownChannels(student), teacher, spatialMask, channelMask, s, init);
    }

    /**
     * The DFMSD dual feature-masking loss of the module's paper note (section 2.3), every DFMSD-specific part
     * reconstructed (see {@link DfmsdSettings}):
     * <pre>
     *   S^ = Norm(f_align(S)),  T^ = Norm(T)          (align on; off: S^ = f_align(S), T^ = T)
     *   R_sp = ECA_sp(G_sp(S^ * M_sp)),  R_ch = ECA_ch(G_ch(S^ * M_ch))      (ECA off: R = G(.))
     *   L_sp = sum((R_sp - T^)^2) / N,  L_ch = sum((R_ch - T^)^2) / N
     *   L_dual = L_sp / (2 sigma_sp^2) + L_ch / (2 sigma_ch^2) + log sigma_sp + log sigma_ch
     *            (learnableSigma off: (L_sp + L_ch) / 2)
     *   total = alpha * L_dual
     * </pre>
     * {@code Norm} standardises per (n, c) over (i, j): {@code (x - mean) / sqrt(var + 1e-6)}, population
     * variance (as {@code org.wisekit.dfmsd.mask.FeatureNorm}). Each {@code G} is MGD's generator
     * ({@code Conv3x3 -> ReLU -> Conv3x3}, {@code C -> C}, biases). {@code ECA(x) = x * sigmoid(conv1d_k(GAP(x)))}
     * with the 1-D convolution across channels ({@code k} weights, no bias, zero padding {@code (k-1)/2},
     * cross-correlation as PyTorch's {@code Conv1d}; start uniform {@code +-1/sqrt(k)}). {@code 1/(2 sigma^2)}
     * is computed as {@code exp(-2 log sigma) / 2}; both {@code log sigma} start at 0.
     *
     * <p>Variables ({@code p = prefix}): {@code p.align.w/b} (when {@code Cs != C}); {@code p.gsp.conv1.w/b},
     * {@code p.gsp.conv2.w/b}, {@code p.gch.conv1.w/b}, {@code p.gch.conv2.w/b} (weights {@code [3,3,C,C]});
     * {@code p.eca.sp.w}, {@code p.eca.ch.w} ({@code [1,k]}, when ECA is on); {@code p.logSigmaSp},
     * {@code p.logSigmaCh} (scalars, when learnable). Named outputs: {@code p.student.norm} and
     * {@code p.teacher.norm} ({@code S^}, {@code T^}), {@code p.spatial}, {@code p.channel}, {@code p.loss}.
     *
     * @param sd              the graph
     * @param prefix          name prefix
     * @param student         student features {@code [N, Cs, H, W]}
     * @param studentChannels {@code Cs}
     * @param teacher         teacher features {@code [N, C, H, W]}, a placeholder of known shape
     * @param spatialMask     {@code M_sp [N, 1, H, W]} ({@code Masks.topSpatial} or {@code Masks.sampledSpatial}
     *                        of the enhanced teacher attention), 0 hides
     * @param channelMask     {@code M_ch [N, C, 1, 1]} ({@code Masks.topChannel} of the teacher's channel
     *                        attention), 0 hides
     * @param s               the settings
     * @param init            start values
     * @return the loss, its terms and the created variables
     * @throws IllegalArgumentException on mismatched or unknown shapes, a used prefix or a null argument
     */
    public static DfmsdLoss dfmsd(SameDiff sd, String prefix, SDVariable student, int studentChannels,
                                  SDVariable teacher, SDVariable spatialMask, SDVariable channelMask, DfmsdSettings s,
                                  SeededInit init) {
        notNull("s", s);
        Level l = Level.of(sd, prefix, student, studentChannels, teacher, init);
        l.checkMask("spatialMask", spatialMask, 1, l.h, l.w);
        l.checkMask("channelMask", channelMask, l.c, 1, 1);
        SDVariable x = l.align(student);
        SDVariable sHat;
        SDVariable tHat;
        if (s.align()) {
            sHat = standardize(sd, l.name("student.norm"), x, DfmsdSettings.NORM_EPS);
            tHat = standardize(sd, l.name("teacher.norm"), teacher, DfmsdSettings.NORM_EPS);
        } else {
            sHat = x.add(l.name("student.norm"), 0.0);
            tHat = teacher.add(l.name("teacher.norm"), 0.0);
        }
        SDVariable rSp = l.generator("gsp", sHat.mul(spatialMask));
        SDVariable rCh = l.generator("gch", sHat.mul(channelMask));
        if (s.eca()) {
            rSp = l.eca("eca.sp", rSp, s.ecaKernel());
            rCh = l.eca("eca.ch", rCh, s.ecaKernel());
        }
        SDVariable dSp = rSp.sub(tHat);
        SDVariable dCh = rCh.sub(tHat);
        SDVariable lSp = perSample(sd, l.name("spatial"), dSp.mul(dSp));
        SDVariable lCh = perSample(sd, l.name("channel"), dCh.mul(dCh));
        SDVariable dual;
        SDVariable logSp = null;
        SDVariable logCh = null;
        if (s.learnableSigma()) {
            logSp = l.var("logSigmaSp", Nd4j.scalar(l.type, 0.0));
            logCh = l.var("logSigmaCh", Nd4j.scalar(l.type, 0.0));
            SDVariable wSp = sd.math().exp(logSp.mul(-2.0)).mul(0.5);
            SDVariable wCh = sd.math().exp(logCh.mul(-2.0)).mul(0.5);
            dual = lSp.mul(wSp).add(lCh.mul(wCh)).add(logSp).add(logCh);
        } else {
            dual = lSp.add(lCh).mul(0.5);
        }
        SDVariable total = dual.mul(l.name("loss"), s.alpha());
        return new DfmsdLoss(lSp, lCh, logSp, logCh, total, l.trainable);
    }

    // -------------------------------------------------------------------------------------------- helpers

    /** FGD's attention of {@code x [N, c, h, w]}: {spatial [N, 1, h, w], channel [N, c, 1, 1]}. */
    static SDVariable[] attention(SameDiff sd, SDVariable x, int c, int h, int w, double temperature) {
        SDVariable a = sd.math().abs(x);
        SDVariable sp = softmax(a.mean(false, 1).reshape(-1, (long) h * w).div(temperature))
                .mul((double) h * w).reshape(-1, 1, h, w);
        SDVariable ch = softmax(a.mean(false, 2, 3).div(temperature)).mul((double) c).reshape(-1, c, 1, 1);
        return new SDVariable[] {sp, ch};
    }

    /** Softmax along dimension 1 of a rank-2 variable, as {@code exp(x - max) / sum}. */
    static SDVariable softmax(SDVariable x) {
        SameDiff sd = x.getSameDiff();
        SDVariable e = sd.math().exp(x.sub(x.max(true, 1)));
        return e.div(e.sum(true, 1));
    }

    /** Per-(n, c) standardisation over (h, w): {@code (x - mean) / sqrt(var + eps)}, population variance. */
    static SDVariable standardize(SameDiff sd, String name, SDVariable x, double eps) {
        SDVariable centred = x.sub(x.mean(true, 2, 3));
        SDVariable var = centred.mul(centred).mean(true, 2, 3);
        return centred.div(name, sd.math().sqrt(var.add(eps)));
    }

    /** {@code sum over (1, 2, 3) then mean over the batch}: a per-sample sum divided by N. */
    private static SDVariable perSample(SameDiff sd, String name, SDVariable x) {
        SDVariable perImage = x.sum(1, 2, 3);
        return name == null ? perImage.mean(0) : perImage.mean(name, false, 0);
    }

    private static int knownChannels(SDVariable student) {
        notNull("student", student);
        long[] shape = student.getShape();
        if (shape == null || shape.length != 4 || shape[1] <= 0) {
            throw new IllegalArgumentException("student's channel count is not known when the graph is built (shape "
                    + Arrays.toString(shape) + "): pass studentChannels");
        }
        return (int) shape[1];
    }

    private static void notNull(String name, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    private static void sameType(String name, SDVariable v, DataType type) {
        if (v.dataType() != type) {
            throw new IllegalArgumentException(name + " has data type " + v.dataType() + ", the student " + type);
        }
    }

    /** Stride-1, zero-padding {@code k/2} NCHW convolution settings (weights {@code [k, k, Cin, Cout]}). */
    static Conv2DConfig convConfig(int k) {
        return Conv2DConfig.builder().kH(k).kW(k).sH(1).sW(1).pH(k / 2).pW(k / 2).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").build();
    }

    /** One level's shapes and the variables a builder creates under its prefix. */
    private static final class Level {
        final SameDiff sd;
        final String prefix;
        final SeededInit init;
        final DataType type;
        final int cs;
        final int c;
        final int h;
        final int w;
        final List<String> trainable = new ArrayList<>();

        private Level(SameDiff sd, String prefix, SeededInit init, DataType type, int cs, int c, int h, int w) {
            this.sd = sd;
            this.prefix = prefix;
            this.init = init;
            this.type = type;
            this.cs = cs;
            this.c = c;
            this.h = h;
            this.w = w;
        }

        static Level of(SameDiff sd, String prefix, SDVariable student, int studentChannels, SDVariable teacher,
                        SeededInit init) {
            notNull("sd", sd);
            notNull("student", student);
            notNull("teacher", teacher);
            notNull("init", init);
            if (prefix == null || prefix.isEmpty()) {
                throw new IllegalArgumentException("prefix must not be empty, got " + (prefix == null ? "null" : "''"));
            }
            if (studentChannels <= 0) {
                throw new IllegalArgumentException("studentChannels must be positive, got " + studentChannels);
            }
            if (sd.hasVariable(prefix + ".loss")) {
                throw new IllegalArgumentException("prefix '" + prefix + "' is already used in this graph");
            }
            DataType type = student.dataType();
            if (!type.isFPType()) {
                throw new IllegalArgumentException("student must have a floating-point type, got " + type);
            }
            sameType("teacher", teacher, type);
            long[] ts = teacher.getShape();
            if (ts == null || ts.length != 4 || ts[1] <= 0 || ts[2] <= 0 || ts[3] <= 0) {
                throw new IllegalArgumentException("teacher must have a known shape [N, C, H, W] (a placeholder), got "
                        + Arrays.toString(ts));
            }
            long[] ss = student.getShape();
            if (ss != null) {
                if (ss.length != 4) {
                    throw new IllegalArgumentException("student must be [N, C, H, W], got " + Arrays.toString(ss));
                }
                if (ss[1] > 0 && ss[1] != studentChannels) {
                    throw new IllegalArgumentException("studentChannels is " + studentChannels + " but the student is "
                            + Arrays.toString(ss));
                }
                if ((ss[2] > 0 && ss[2] != ts[2]) || (ss[3] > 0 && ss[3] != ts[3])) {
                    throw new IllegalArgumentException("student " + Arrays.toString(ss) + " and teacher "
                            + Arrays.toString(ts) + " differ in H or W");
                }
                if (ss[0] > 0 && ts[0] > 0 && ss[0] != ts[0]) {
                    throw new IllegalArgumentException("student " + Arrays.toString(ss) + " and teacher "
                            + Arrays.toString(ts) + " differ in N");
                }
            }
            return new Level(sd, prefix, init, type, studentChannels, (int) ts[1], (int) ts[2], (int) ts[3]);
        }

        String name(String local) {
            return prefix + "." + local;
        }

        void checkMask(String what, SDVariable mask, long d1, long d2, long d3) {
            notNull(what, mask);
            sameType(what, mask, type);
            long[] ms = mask.getShape();
            if (ms == null) {
                return;
            }
            long[] want = {d1, d2, d3};
            if (ms.length != 4 || (ms[1] > 0 && ms[1] != d1) || (ms[2] > 0 && ms[2] != d2) || (ms[3] > 0 && ms[3] != d3)) {
                throw new IllegalArgumentException(what + " must be [N, " + want[0] + ", " + want[1] + ", " + want[2]
                        + "], got " + Arrays.toString(ms));
            }
        }

        SDVariable var(String local, INDArray value) {
            String n = name(local);
            if (sd.hasVariable(n)) {
                throw new IllegalArgumentException("variable '" + n + "' already exists: prefix '" + prefix
                        + "' is already used in this graph");
            }
            trainable.add(n);
            return sd.var(n, value);
        }

        /** A PyTorch-default parameter: uniform in {@code +-1/sqrt(fanIn)}. */
        SDVariable uniform(String local, int fanIn, long... shape) {
            return var(local, init.uniformFanIn(name(local), fanIn, type, shape));
        }

        SDVariable conv(String local, SDVariable x, int cin, int cout, int k) {
            SDVariable wt = uniform(local + ".w", cin * k * k, k, k, cin, cout);
            SDVariable b = uniform(local + ".b", cin * k * k, cout);
            return sd.cnn().conv2d(x, wt, b, convConfig(k));
        }

        /** {@code f_align}: a 1x1 convolution {@code Cs -> C} when the channel counts differ, else the input. */
        SDVariable align(SDVariable student) {
            return cs == c ? student : conv("align", student, cs, c, 1);
        }

        /** MGD's generator {@code Conv3x3 -> ReLU -> Conv3x3} ({@code C -> C}). */
        SDVariable generator(String local, SDVariable x) {
            SDVariable hidden = sd.nn().relu(conv(local + ".conv1", x, c, c, 3), 0);
            return conv(local + ".conv2", hidden, c, c, 3);
        }

        /** ECA gate across channels with {@code k} weights, no bias. */
        SDVariable eca(String local, SDVariable x, int k) {
            SDVariable wt = uniform(local + ".w", k, 1, k);
            SDVariable band = wt.mmul(sd.constant(Nd4j.create(ecaTaps(k, c), new long[] {k, (long) c * c}, 'c')
                    .castTo(type))).reshape(c, c);
            SDVariable gap = x.mean(false, 2, 3);                         // [N, C]
            SDVariable gate = sd.nn().sigmoid(gap.mmul(band)).reshape(-1, c, 1, 1);
            return x.mul(gate);
        }

        /** FGD's GcBlock branch {@code x + channel_add(context(x))}. */
        SDVariable gcBlock(String local, SDVariable x) {
            int half = c / 2;
            SDVariable maskW = var(local + ".mask.w", init.normal(name(local + ".mask.w"), Math.sqrt(2.0 / c), type,
                    1, 1, c, 1));
            SDVariable maskB = var(local + ".mask.b", Nd4j.zeros(type, 1));
            SDVariable logits = sd.cnn().conv2d(x, maskW, maskB, convConfig(1)).reshape(-1, (long) h * w);
            SDVariable p = softmax(logits).reshape(-1, 1, h, w);
            SDVariable context = x.mul(p).sum(2, 3);                     // [N, C]
            SDVariable a1 = context.mmul(uniform(local + ".add1.w", c, c, half)).add(uniform(local + ".add1.b", c, half));
            SDVariable mu = a1.mean(true, 1);
            SDVariable centred = a1.sub(mu);
            SDVariable var = centred.mul(centred).mean(true, 1);
            SDVariable ln = centred.div(sd.math().sqrt(var.add(1e-5)))
                    .mul(var(local + ".ln.g", SeededInit.filled(1.0, type, half)))
                    .add(var(local + ".ln.b", Nd4j.zeros(type, half)));
            SDVariable a2 = sd.nn().relu(ln, 0).mmul(var(local + ".add2.w", Nd4j.zeros(type, half, c)))
                    .add(var(local + ".add2.b", Nd4j.zeros(type, c)));
            return x.add(a2.reshape(-1, c, 1, 1));
        }
    }

    /**
     * The constant that turns ECA's {@code k} weights into a {@code C x C} band matrix {@code B} with
     * {@code z = y B}, {@code z[c] = sum_t w[t] y[c + t - (k-1)/2]}: {@code S[t][c' C + c] = 1} when
     * {@code c' = c + t - (k-1)/2}.
     */
    static double[] ecaTaps(int k, int c) {
        int pad = (k - 1) / 2;
        double[] s = new double[k * c * c];
        for (int t = 0; t < k; t++) {
            for (int col = 0; col < c; col++) {
                int row = col + t - pad;
                if (row >= 0 && row < c) {
                    s[t * c * c + row * c + col] = 1;
                }
            }
        }
        return s;
    }
}
