package org.wisekit.vitdw.repro;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.wisekit.datasets.Datasets;
import org.wisekit.datasets.LabeledImages;
import org.wisekit.datasets.Split;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Plots;
import org.wisekit.harness.Progress;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.RunContext;
import org.wisekit.harness.Stats;
import org.wisekit.harness.Verdict;
import org.wisekit.tensor.nd4j.Nd4jThreads;
import org.wisekit.vitdw.DwShortcut;
import org.wisekit.vitdw.ImageSet;
import org.wisekit.vitdw.Recipe;
import org.wisekit.vitdw.Trainer;
import org.wisekit.vitdw.ViTConfig;
import org.wisekit.vitdw.ViTModel;

/**
 * {@code vit-dwconv/small-data}: a micro-ViT with and without depth-wise convolution shortcuts trained
 * from scratch on stratified Fashion-MNIST subsets (and a CIFAR-10 subset) with one recipe for every arm;
 * test accuracy, convergence, parameter and step-time overhead, and the two (reconstructed) variants.
 */
public final class SmallDataReproduction implements Reproduction {

    static final String CITATION = "Tianxiao Zhang, Wenju Xu, Bo Luo, Guanghui Wang: Depth-Wise Convolutions in Vision"
            + " Transformers for Efficient Training on Small Datasets, arXiv 2407.19394 (2024)";
    /** Fashion-MNIST micro-ViT: patch 7 (4 x 4 grid), D = 48, 4 blocks, 3 heads of 16, MLP 96. */
    static final ViTConfig FASHION = new ViTConfig(28, 28, 1, 7, 48, 4, 3, 16, 96, 10);
    /** CIFAR-10 micro-ViT: patch 8 (4 x 4 grid), otherwise the same. */
    static final ViTConfig CIFAR = new ViTConfig(32, 32, 3, 8, 48, 4, 3, 16, 96, 10);

    /** Sizes and seeds of one profile; {@code largeSize} 0 means the 20k arm is not run. */
    private record Plan(int[] sizes, int headline, int headlineSeeds, int otherSeeds, int smallSize, int largeSize,
                        int epochs, int warmup, int validationPerClass, int testImages, int variantSeeds,
                        int cifarTrainPerClass, int cifarTestPerClass) {
    }

    /** One trained arm. */
    private record Run(double testAccuracy, double[] validation, double stepMillis) {
    }

    @Override
    public String id() {
        return "vit-dwconv/small-data";
    }

    @Override
    public String title() {
        return "Depth-wise convolution shortcuts in a micro-ViT trained from scratch on Fashion-MNIST subsets and CIFAR-10";
    }

    @Override
    public String paper() {
        return CITATION;
    }

    @Override
    public List<Claim> run(RunContext context) {
        Plan plan = context.profile().pick(
                new Plan(new int[] {128, 256}, 256, 2, 1, 128, 256, 2, 1, 10, 200, 1, 16, 10),
                new Plan(new int[] {2000, 5000}, 5000, 3, 1, 2000, 20000, 5, 1, 100, 10000, 1, 150, 200),
                new Plan(new int[] {1000, 2000, 5000, 20000}, 5000, 3, 3, 2000, 20000, 10, 2, 100, 10000, 3, 1000, 1000));
        Recipe recipe = Recipe.standard(plan.epochs, plan.warmup);
        Datasets datasets = context.data();
        ImageSet fashionTrain = images(datasets.fashionMnist(Split.TRAIN));
        ImageSet fashionTest = images(datasets.fashionMnist(Split.TEST));
        fashionTest = fashionTest.select(range(Math.min(plan.testImages, fashionTest.size()))); // the first n
        int[][] split = fashionTrain.stratifiedSplit(plan.validationPerClass, context.seed());
        ImageSet validation = fashionTrain.select(split[0]);
        int[] pool = split[1];

        List<DwShortcut> arms = List.of(DwShortcut.none(), DwShortcut.perBlock());
        List<DwShortcut> variants = List.of(DwShortcut.bypass(2), DwShortcut.parallel(3, 5));
        int[] sizes = plan.largeSize > 0 ? append(plan.sizes, plan.largeSize) : plan.sizes;
        sizes = java.util.Arrays.stream(sizes).distinct().sorted().toArray();
        long total = 0;
        for (int size : sizes) {
            total += (long) arms.size() * seedsFor(plan, size);
        }
        total += (long) variants.size() * plan.variantSeeds + arms.size();

        // results.get(label).get(size) = runs over seeds
        Map<String, Map<Integer, List<Run>>> results = new LinkedHashMap<>();
        Run[] cifar = new Run[arms.size()];
        try (Progress.Task task = context.progress().start("training micro-ViTs", total)) {
            for (int size : sizes) {
                ImageSet train = fashionTrain.select(ImageSet.stratifiedPrefix(pool, size));
                for (int s = 0; s < seedsFor(plan, size); s++) {
                    List<DwShortcut> here = new ArrayList<>(arms);
                    if (size == plan.headline && s < plan.variantSeeds) {
                        here.addAll(variants);
                    }
                    for (DwShortcut arm : here) {
                        task.status(arm.label() + ", " + size + " images, seed " + (context.seed() + s));
                        Run run = train(FASHION, arm, train, validation, fashionTest, recipe, context.seed() + s);
                        results.computeIfAbsent(arm.label(), k -> new LinkedHashMap<>())
                                .computeIfAbsent(size, k -> new ArrayList<>()).add(run);
                        task.step();
                    }
                }
            }
            ImageSet cifarAll = images(datasets.cifar10TrainSubset(plan.cifarTrainPerClass + 20));
            int[][] cifarSplit = cifarAll.stratifiedSplit(20, context.seed());
            ImageSet cifarTest = images(datasets.cifar10Test(plan.cifarTestPerClass));
            for (int a = 0; a < arms.size(); a++) {
                task.status(arms.get(a).label() + ", CIFAR-10");
                cifar[a] = train(CIFAR, arms.get(a), cifarAll.select(cifarSplit[1]), cifarAll.select(cifarSplit[0]),
                        cifarTest, recipe, context.seed());
                task.step();
            }
        }
        report(context, plan, recipe, sizes, results, cifar);
        return claims(context, plan, results, cifar);
    }

    private static int seedsFor(Plan plan, int size) {
        return size == plan.headline ? plan.headlineSeeds : plan.otherSeeds;
    }

    private static Run train(ViTConfig config, DwShortcut arm, ImageSet train, ImageSet validation, ImageSet test,
                             Recipe recipe, long seed) {
        return Nd4jThreads.single(() -> {
            ViTModel model = ViTModel.create(config, arm, seed);
            Trainer.Result result = Trainer.train(model, train, validation, recipe, seed, epoch -> { });
            return new Run(Trainer.accuracy(model, test), result.validationAccuracy(), result.meanStepMillis());
        });
    }

    // ------------------------------------------------------------------ claims

    private static List<Claim> claims(RunContext context, Plan plan, Map<String, Map<Integer, List<Run>>> results,
                                      Run[] cifar) {
        String vit = DwShortcut.none().label();
        String dw = DwShortcut.perBlock().label();
        String bypass = DwShortcut.bypass(2).label();
        String parallel = DwShortcut.parallel(3, 5).label();
        List<Claim> claims = new ArrayList<>();

        double[] gains = gains(results.get(dw).get(plan.headline), results.get(vit).get(plan.headline));
        double meanGain = Stats.mean(gains);
        long positive = java.util.Arrays.stream(gains).filter(g -> g > 0).count();
        boolean holds = meanGain >= 1.5 && positive == gains.length;
        claims.add(new Claim("dw-gain-" + kilo(plan.headline), "DW-ViT's test accuracy exceeds ViT's by >= 1.5 points on"
                + " the " + plan.headline + "-image Fashion-MNIST subset (mean over " + gains.length + " seeds), with a"
                + " positive gain for every seed", "'large gains, especially on small datasets' (CIFAR/Tiny-ImageNet;"
                + " tables not available here)", meanGain, "points", ">= 1.5 and every seed > 0",
                holds ? Verdict.REPRODUCED : Verdict.NOT_REPRODUCED, "per-seed gains " + joined(gains, 2)
                + " (std " + Stats.fixed(Stats.std(gains), 2) + ")"));

        if (plan.largeSize > 0) {
            double small = Stats.mean(gains(results.get(dw).get(plan.smallSize), results.get(vit).get(plan.smallSize)));
            double large = Stats.mean(gains(results.get(dw).get(plan.largeSize), results.get(vit).get(plan.largeSize)));
            claims.add(Claim.atLeast("gain-small-vs-large", "The DW gain on " + plan.smallSize + " images is at least"
                    + " the gain on " + plan.largeSize + " images", "gains are larger on smaller datasets (qualitative)",
                    small - large, "points", 0).withNote("gain " + Stats.fixed(small, 2) + " on " + plan.smallSize + ", "
                    + Stats.fixed(large, 2) + " on " + plan.largeSize + " (" + plan.otherSeeds + " seed(s))"));
        } else {
            claims.add(Claim.outOfScope("gain-small-vs-large", "The DW gain on 2k images is at least the gain on 20k"
                    + " images", "gains are larger on smaller datasets (qualitative)", "the 20k arm runs only with"
                    + " --profile full: on 2 shared cores it alone would take longer than the default profile's budget;"
                    + " the default profile's accuracy-vs-size table covers 2k and 5k"));
        }

        long dwParams = DwShortcut.perBlock().parameters(FASHION);
        long expected = 12L * FASHION.width() * FASHION.depth();
        long vitParams = ViTModel.create(FASHION, DwShortcut.none(), 0).parameterCount();
        long dwTotal = ViTModel.create(FASHION, DwShortcut.perBlock(), 0).parameterCount();
        double overhead = 100.0 * (dwTotal - vitParams) / vitParams;
        boolean exact = dwTotal - vitParams == expected && dwParams == expected;
        claims.add(new Claim("dw-parameter-overhead", "The DW modules add exactly 12*D*L parameters, under 3 % of the"
                + " ViT", "'negligible extra parameters' (12*D per block, 0.5 % of ViT-Tiny)", overhead, "%",
                "added = 12*D*L exactly and < 3", exact && overhead < 3 ? Verdict.REPRODUCED : Verdict.NOT_REPRODUCED,
                (dwTotal - vitParams) + " added (12*48*4 = " + expected + ") to " + vitParams));

        double[] vitCurve = meanCurve(results.get(vit).get(plan.headline));
        double[] dwCurve = meanCurve(results.get(dw).get(plan.headline));
        double target = vitCurve[vitCurve.length - 1];
        int reached = -1;
        for (int e = 0; e < dwCurve.length && reached < 0; e++) {
            if (dwCurve[e] >= target) {
                reached = e + 1;
            }
        }
        double fraction = reached < 0 ? Double.NaN : (double) reached / dwCurve.length;
        claims.add(Claim.atMost("faster-convergence", "DW-ViT reaches ViT's final validation accuracy within <= 60 % of"
                        + " the epochs (" + plan.headline + " images, mean validation curves)", "'faster convergence'",
                fraction, "of epochs", 0.6).withNote(reached < 0 ? "never reached " + Stats.fixed(target, 2) + " %"
                : "reached " + Stats.fixed(target, 2) + " % at epoch " + reached + " of " + dwCurve.length));

        int seeds = plan.variantSeeds;
        double perBlockAcc = Stats.mean(testAccuracies(results.get(dw).get(plan.headline).subList(0, seeds)));
        double bypassAcc = Stats.mean(testAccuracies(results.get(bypass).get(plan.headline)));
        double parallelAcc = Stats.mean(testAccuracies(results.get(parallel).get(plan.headline)));
        long bypassParams = DwShortcut.bypass(2).parameters(FASHION);
        double loss = perBlockAcc - bypassAcc;
        claims.add(new Claim("bypass-2", "One DW module bypassing 2 blocks uses half the DW parameters and loses <= 1"
                + " point against per-block modules (" + seeds + " seed(s), reconstructed variant)",
                "parameter savings with comparable accuracy (figures only)", loss, "points",
                "params = per-block / 2 and loss <= 1", 2 * bypassParams == dwParams && loss <= 1 ? Verdict.REPRODUCED
                : Verdict.NOT_REPRODUCED, bypassParams + " vs " + dwParams + " DW parameters; " + Stats.fixed(bypassAcc, 2)
                + " vs " + Stats.fixed(perBlockAcc, 2) + " %"));
        claims.add(Claim.atLeast("parallel-3-5", "Parallel DW modules with kernels 3 and 5 reach >= per-block - 0.5"
                        + " points (" + seeds + " seed(s), reconstructed variant)", "parallel kernels help (figures only)",
                parallelAcc - perBlockAcc, "points", -0.5).withNote(Stats.fixed(parallelAcc, 2) + " vs "
                + Stats.fixed(perBlockAcc, 2) + " %; " + DwShortcut.parallel(3, 5).parameters(FASHION) + " DW parameters"));

        double cifarGain = cifar[1].testAccuracy - cifar[0].testAccuracy;
        claims.add(new Claim("cifar10-gain", "DW-ViT beats ViT on the CIFAR-10 subset (same direction as Fashion-MNIST;"
                + " one seed)", "gains on CIFAR-10 (table not available here)", cifarGain, "points", "> 0",
                cifarGain > 0 ? Verdict.REPRODUCED : Verdict.NOT_REPRODUCED, Stats.fixed(cifar[1].testAccuracy, 2) + " vs "
                + Stats.fixed(cifar[0].testAccuracy, 2) + " % (" + 10 * plan.cifarTrainPerClass + " training images)"));

        double vitStep = Stats.mean(stepMillis(results.get(vit).get(plan.headline)));
        double dwStep = Stats.mean(stepMillis(results.get(dw).get(plan.headline)));
        claims.add(Claim.atMost("step-time-overhead", "A DW-ViT training step takes <= 10 % longer than a ViT step"
                        + " (SameDiff, one thread, batch 64)", "'minimal overhead'", 100 * (dwStep / vitStep - 1), "%", 10)
                .withNote(Stats.fixed(dwStep, 1) + " vs " + Stats.fixed(vitStep, 1) + " ms per step, same run"));
        claims.add(Claim.outOfScope("coco-detection", "DW-Swin improves box and mask AP on COCO", "not available here",
                "needs COCO and a Swin detector: far beyond 2 CPU cores"));
        return claims;
    }

    // ------------------------------------------------------------------ report

    private static void report(RunContext context, Plan plan, Recipe recipe, int[] sizes,
                               Map<String, Map<Integer, List<Run>>> results, Run[] cifar) {
        context.report().paragraph("Micro-ViT for 28x28 Fashion-MNIST: patch 7 (4x4 grid of tokens), D = "
                + FASHION.width() + ", " + FASHION.depth() + " pre-norm blocks, " + FASHION.heads() + " heads of "
                + FASHION.headDim() + ", MLP " + FASHION.mlpDim() + ", cls token, learned positions ("
                + ViTModel.create(FASHION, DwShortcut.none(), 0).parameterCount() + " parameters). DW modules as in the"
                + " official code (GELU -> BatchNorm -> 3x3 depth-wise conv on the patch grid of a block's input, added"
                + " to the block's output, zero for the cls token). Variants (reconstructed): one module bypassing 2"
                + " blocks, and parallel modules with kernels 3 and 5 on every block. Recipe for every arm: AdamW (lr "
                + recipe.lr() + ", weight decay " + recipe.weightDecay() + "), " + recipe.warmupEpochs() + " warm-up"
                + " epoch(s) then cosine, " + recipe.epochs() + " epochs, batch " + recipe.batch() + ", label smoothing "
                + recipe.labelSmoothing() + ", random shift +-" + recipe.shift() + " px, gradient clip " + recipe.clip()
                + ". Each seed fixes the initial weights (shared parts identical across arms), the batch order and"
                + " the shifts. Training subsets are nested stratified prefixes of the training split; validation is "
                + 10 * plan.validationPerClass + " held-out training images; test is " + plan.testImages
                + " Fashion-MNIST test images. The paper trains ViT-Tiny on 224-px upscaled images for 300 epochs with"
                + " RandAugment, mixup and cutmix; this is a CPU-scale protocol.");
        List<List<String>> rows = new ArrayList<>();
        XYChart bySize = Plots.xy("Fashion-MNIST test accuracy vs training-set size", "training images",
                "test accuracy (%)");
        for (Map.Entry<String, Map<Integer, List<Run>>> arm : results.entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int size : sizes) {
                List<Run> runs = arm.getValue().get(size);
                if (runs == null) {
                    continue;
                }
                double[] acc = testAccuracies(runs);
                rows.add(List.of(String.valueOf(size), arm.getKey(), Stats.fixed(Stats.mean(acc), 2),
                        Stats.fixed(Stats.std(acc), 2), joined(acc, 2), Stats.fixed(Stats.mean(stepMillis(runs)), 1)));
                xs.add((double) size);
                ys.add(Stats.mean(acc));
            }
            if (xs.size() > 1) {
                bySize.addSeries(arm.getKey(), xs, ys).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            }
        }
        context.report().table("Fashion-MNIST test accuracy (%) by training-set size and arm",
                List.of("images", "arm", "mean", "std", "per seed", "ms per step"), rows);
        context.report().plot("accuracy-vs-size", bySize, "Mean test accuracy over seeds against training-set size");

        XYChart curves = Plots.xy("Validation accuracy per epoch (" + plan.headline + " images)", "epoch",
                "validation accuracy (%)");
        for (Map.Entry<String, Map<Integer, List<Run>>> arm : results.entrySet()) {
            double[] curve = meanCurve(arm.getValue().get(plan.headline));
            double[] epochs = new double[curve.length];
            for (int e = 0; e < curve.length; e++) {
                epochs[e] = e + 1;
            }
            curves.addSeries(arm.getKey(), epochs, curve).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        }
        context.report().plot("validation-curves", curves, "Mean validation accuracy after each epoch");
        context.report().table("CIFAR-10 (" + 10 * plan.cifarTrainPerClass + " training images, "
                        + 10 * plan.cifarTestPerClass + " test images, patch 8, one seed)",
                List.of("arm", "test accuracy (%)", "ms per step"),
                List.of(List.of(DwShortcut.none().label(), Stats.fixed(cifar[0].testAccuracy, 2),
                                Stats.fixed(cifar[0].stepMillis, 1)),
                        List.of(DwShortcut.perBlock().label(), Stats.fixed(cifar[1].testAccuracy, 2),
                                Stats.fixed(cifar[1].stepMillis, 1))));
    }

    // ------------------------------------------------------------------ helpers

    private static double[] gains(List<Run> dw, List<Run> vit) {
        double[] g = new double[vit.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = dw.get(i).testAccuracy - vit.get(i).testAccuracy;
        }
        return g;
    }

    private static double[] testAccuracies(List<Run> runs) {
        return runs.stream().mapToDouble(Run::testAccuracy).toArray();
    }

    private static double[] stepMillis(List<Run> runs) {
        return runs.stream().mapToDouble(Run::stepMillis).toArray();
    }

    private static double[] meanCurve(List<Run> runs) {
        double[] curve = new double[runs.get(0).validation.length];
        for (Run r : runs) {
            for (int e = 0; e < curve.length; e++) {
                curve[e] += r.validation[e] / runs.size();
            }
        }
        return curve;
    }

    /** The values with {@code decimals} decimals, comma-separated. */
    private static String joined(double[] values, int decimals) {
        List<String> parts = new ArrayList<>();
        for (double v : values) {
            parts.add(Stats.fixed(v, decimals));
        }
        return String.join(", ", parts);
    }

    private static String kilo(int size) {
        return size % 1000 == 0 ? size / 1000 + "k" : String.valueOf(size);
    }

    /** Grey [n, H, W] or colour [n, H, W, C] images from a dataset loader. */
    static ImageSet images(LabeledImages images) {
        int[] shape = images.images().shape();
        int channels = shape.length == 4 ? shape[3] : 1;
        return new ImageSet(images.images().data(), images.labels(), shape[1], shape[2], channels,
                images.classNames().size());
    }

    private static int[] range(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    private static int[] append(int[] values, int value) {
        int[] out = java.util.Arrays.copyOf(values, values.length + 1);
        out[values.length] = value;
        return out;
    }
}
