package org.wisekit.ubp.repro;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.wisekit.datasets.Split;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Plots;
import org.wisekit.harness.Profile;
import org.wisekit.harness.Progress;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.RunContext;
import org.wisekit.harness.Stats;
import org.wisekit.harness.Threshold;
import org.wisekit.tensor.nd4j.Nd4jThreads;
import org.wisekit.ubp.Importance;
import org.wisekit.ubp.PruningSchedule;
import org.wisekit.ubp.SelectionMethod;
import org.wisekit.ubp.dl4j.GradualPruning;
import org.wisekit.ubp.dl4j.ImageData;
import org.wisekit.ubp.dl4j.Networks;
import org.wisekit.ubp.dl4j.PrunableNetwork;
import org.wisekit.ubp.dl4j.Training;

/**
 * {@code pruning-ubp/accuracy}: Fashion-MNIST test accuracy after gradual magnitude pruning of an MLP's
 * hidden layers with unstructured, ABP, UBP-greedy and UBP-BED selection (V = 4, the same block budget
 * for ABP and UBP), at 50 to 90 % sparsity over several seeds. The full profile adds the small
 * MobileNetV1 (pruning its pointwise convolutions), which DL4J trains too slowly on 2 cores for the
 * default profile.
 */
public final class AccuracyReproduction implements Reproduction {

    static final int BLOCK = 4;
    private static final List<SelectionMethod> METHODS = List.of(SelectionMethod.UNSTRUCTURED, SelectionMethod.ABP,
            SelectionMethod.GREEDY, SelectionMethod.BED);
    private static final List<SelectionMethod> CNN_METHODS = List.of(SelectionMethod.ABP, SelectionMethod.BED);
    private static final double[] CNN_SPARSITIES = {0.8, 0.9};

    /** Steps of one run: dense training (shared by all runs of a seed), pruning, fine-tuning. */
    private record Protocol(int denseSteps, int pruneSteps, int fineTuneSteps, int interval) {
    }

    @Override
    public String id() {
        return "pruning-ubp/accuracy";
    }

    @Override
    public String title() {
        return "Fashion-MNIST accuracy after gradual pruning: unstructured, ABP, UBP-greedy and UBP-BED at 50-90 % sparsity";
    }

    @Override
    public String paper() {
        return Reporting.CITATION;
    }

    @Override
    public List<Claim> run(RunContext context) {
        int seeds = context.profile().pick(1, 3, 5);
        double[] sparsities = context.profile().pick(new double[] {0.8, 0.9}, new double[] {0.5, 0.7, 0.8, 0.9},
                new double[] {0.5, 0.7, 0.8, 0.9});
        ImageData train = Experiments.fashionMnist(context, Split.TRAIN, context.profile().pick(4000, 60000, 60000));
        ImageData test = Experiments.fashionMnist(context, Split.TEST, context.profile().pick(1000, 10000, 10000));
        Protocol mlp = context.profile().pick(new Protocol(40, 20, 10, 5), new Protocol(600, 240, 120, 40),
                new Protocol(1500, 600, 300, 50));

        double[][][] accuracy = new double[METHODS.size()][sparsities.length][seeds];
        double[] dense = new double[seeds];
        try (Progress.Task task = context.progress().start("gradual pruning (MLP)",
                (long) seeds * sparsities.length * METHODS.size())) {
            for (int seed = 0; seed < seeds; seed++) {
                long runSeed = context.seed() + seed;
                PrunableNetwork trained = Experiments.denseMlp(context, train, runSeed, mlp.denseSteps);
                dense[seed] = trainOnAndScore(trained, mlp, train, test, runSeed);
                for (int s = 0; s < sparsities.length; s++) {
                    for (int m = 0; m < METHODS.size(); m++) {
                        task.status("seed " + runSeed + ", " + Math.round(100 * sparsities[s]) + " %, "
                                + METHODS.get(m).label());
                        accuracy[m][s][seed] = pruneAndScore(trained, METHODS.get(m), sparsities[s], mlp, train, test,
                                runSeed);
                        task.step();
                    }
                }
            }
        }
        report(context, seeds, sparsities, mlp, accuracy, dense);

        List<Claim> claims = new ArrayList<>();
        double[][] gaps = new double[sparsities.length][seeds];
        for (int s = 0; s < sparsities.length; s++) {
            for (int seed = 0; seed < seeds; seed++) {
                gaps[s][seed] = accuracy[METHODS.indexOf(SelectionMethod.BED)][s][seed]
                        - accuracy[METHODS.indexOf(SelectionMethod.ABP)][s][seed];
            }
            int percent = (int) Math.round(100 * sparsities[s]);
            claims.add(Claim.overSeeds("bed-vs-abp-" + percent, "Test accuracy of UBP-BED minus that of ABP is at least 0"
                            + " at " + percent + " % sparsity (MLP, V = 4, same budget; per-seed gaps)",
                    "UBP with BED 'can surpass ABP in accuracy' (no figure)", gaps[s], "points", Threshold.atLeast(0)));
        }
        claims.add(Claim.overSeeds("bed-gap-90", "At 90 % sparsity UBP-BED's test accuracy exceeds ABP's by at least"
                        + " 0.3 points (MLP, V = 4, same budget; per-seed gaps; threshold from the implementation note)",
                "UBP with BED 'can surpass ABP in accuracy' (no figure)", gaps[Reporting.indexOf(sparsities, 0.9)],
                "points", Threshold.atLeast(0.3)));
        claims.add(context.profile() == Profile.FULL
                ? cnnClaim(context, train, test)
                : Claim.notRun("cnn-bed-vs-abp-90", "On the small MobileNetV1, UBP-BED's accuracy is at least ABP's"
                                + " at 90 % sparsity", "UBP with BED 'can surpass ABP in accuracy' (no figure)",
                        "runs at the full profile (--profile full): DL4J trains the depthwise convolutions at about"
                                + " 0.5 s per step on 2 cores, too slow for this profile"));
        return claims;
    }

    /**
     * Gradual pruning from a copy of the dense network, then fine-tuning with the final masks, on one ND4J
     * thread; returns the test accuracy in %.
     */
    private static double pruneAndScore(PrunableNetwork trained, SelectionMethod method, double sparsity, Protocol p,
                                        ImageData train, ImageData test, long seed) {
        PrunableNetwork net = trained.copy();
        GradualPruning pruning = new GradualPruning(net.network(), net.layers(), method.selector(), BLOCK,
                Importance.L1, new PruningSchedule(sparsity, 0, p.pruneSteps, p.interval));
        return Nd4jThreads.single(() -> {
            Training.fit(net.network(), train, p.pruneSteps + p.fineTuneSteps, Experiments.BATCH, seed * 7919 + 1, 0,
                    pruning::afterStep);
            return Training.accuracy(net.network(), test);
        });
    }

    /**
     * The dense baseline with the same number of optimizer steps as a pruned run: continues the dense
     * network for the pruning and fine-tuning steps without masks, on the same minibatch order; returns
     * the test accuracy in %.
     */
    private static double trainOnAndScore(PrunableNetwork trained, Protocol p, ImageData train, ImageData test,
                                          long seed) {
        PrunableNetwork net = trained.copy();
        return Nd4jThreads.single(() -> {
            Training.fit(net.network(), train, p.pruneSteps + p.fineTuneSteps, Experiments.BATCH, seed * 7919 + 1, 0,
                    step -> { });
            return Training.accuracy(net.network(), test);
        });
    }

    /** The small MobileNetV1, one seed: BED against ABP at 80 and 90 % (full profile only). */
    private static Claim cnnClaim(RunContext context, ImageData train, ImageData test) {
        Protocol p = new Protocol(800, 300, 150, 50);
        PrunableNetwork trained = Networks.tinyMobileNet(context.seed(), 8);
        double[][] accuracy = new double[CNN_METHODS.size()][CNN_SPARSITIES.length];
        double dense;
        try (Progress.Task task = context.progress().start("gradual pruning (MobileNet)",
                p.denseSteps + (long) CNN_METHODS.size() * CNN_SPARSITIES.length)) {
            Nd4jThreads.single(() -> {
                Training.fit(trained.network(), train, p.denseSteps, Experiments.BATCH, context.seed(), 0,
                        step -> task.step());
                return null;
            });
            dense = trainOnAndScore(trained, p, train, test, context.seed());
            for (int s = 0; s < CNN_SPARSITIES.length; s++) {
                for (int m = 0; m < CNN_METHODS.size(); m++) {
                    accuracy[m][s] = pruneAndScore(trained, CNN_METHODS.get(m), CNN_SPARSITIES[s], p, train, test,
                            context.seed());
                    task.step();
                }
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (int s = 0; s < CNN_SPARSITIES.length; s++) {
            for (int m = 0; m < CNN_METHODS.size(); m++) {
                rows.add(List.of(Math.round(100 * CNN_SPARSITIES[s]) + " %", CNN_METHODS.get(m).label(),
                        Stats.fixed(accuracy[m][s], 2)));
            }
        }
        context.report().table("Small MobileNetV1 (width 8, pointwise layers pruned, V = 4, seed " + context.seed()
                + "; dense " + Stats.fixed(dense, 2) + " % after as many steps as a pruned run): " + p.denseSteps
                + " dense, " + p.pruneSteps + " pruning and "
                + p.fineTuneSteps + " fine-tuning steps", List.of("sparsity", "method", "test accuracy (%)"), rows);
        return Claim.overSeeds("cnn-bed-vs-abp-90", "On the small MobileNetV1, UBP-BED's accuracy is at least ABP's at"
                        + " 90 % sparsity", "UBP with BED 'can surpass ABP in accuracy' (no figure)",
                new double[] {accuracy[1][1] - accuracy[0][1]}, "points", Threshold.atLeast(0));
    }

    private static void report(RunContext context, int seeds, double[] sparsities, Protocol p, double[][][] accuracy,
                               double[] dense) {
        context.report().paragraph("MLP 784-300-100-10 (ReLU, Adam 1e-3, batch " + Experiments.BATCH + ") on Fashion-MNIST. "
                + "Per seed, one dense network is trained for " + p.denseSteps + " steps; each (method, sparsity) run "
                + "then copies it, prunes fc1 (300 x 784) "
                + "and fc2 (100 x 300) gradually over " + p.pruneSteps + " steps (cubic schedule from 0, blocks "
                + "re-selected every " + p.interval + " steps from |w|, masks re-applied after every optimizer step) "
                + "and fine-tunes " + p.fineTuneSteps + " steps with the final masks. The classifier stays dense. V = "
                + BLOCK + "; ABP and UBP keep the same B blocks per layer, unstructured the same number of weights. "
                + "The dense baseline (mean test accuracy " + Stats.fixed(Stats.mean(dense), 2) + " %) gets the same "
                + (p.denseSteps + p.pruneSteps + p.fineTuneSteps) + " steps: the dense network continues without masks "
                + "for the pruning and fine-tuning steps. "
                + "Seeds " + context.seed() + " to " + (context.seed() + seeds - 1) + ". BED is reconstructed.");
        List<List<String>> rows = new ArrayList<>();
        for (int s = 0; s < sparsities.length; s++) {
            for (int m = 0; m < METHODS.size(); m++) {
                List<String> perSeed = new ArrayList<>();
                for (double a : accuracy[m][s]) {
                    perSeed.add(Stats.fixed(a, 2));
                }
                rows.add(List.of(Math.round(100 * sparsities[s]) + " %", METHODS.get(m).label(),
                        Stats.fixed(Stats.mean(accuracy[m][s]), 2), Stats.fixed(Stats.std(accuracy[m][s]), 2),
                        String.join(", ", perSeed)));
            }
        }
        context.report().table("Test accuracy (%) after pruning and fine-tuning",
                List.of("sparsity", "method", "mean", "std", "per seed"), rows);

        XYChart chart = Plots.xy("Fashion-MNIST MLP, V = 4: accuracy after gradual pruning", "sparsity (%)",
                "test accuracy (%)");
        double[] xs = new double[sparsities.length];
        for (int s = 0; s < sparsities.length; s++) {
            xs[s] = 100 * sparsities[s];
        }
        for (int m = 0; m < METHODS.size(); m++) {
            double[] ys = new double[sparsities.length];
            for (int s = 0; s < sparsities.length; s++) {
                ys[s] = Stats.mean(accuracy[m][s]);
            }
            chart.addSeries(METHODS.get(m).label(), xs, ys).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        }
        double[] denseLine = new double[sparsities.length];
        Arrays.fill(denseLine, Stats.mean(dense));
        chart.addSeries("dense", xs, denseLine).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        context.report().plot("accuracy-vs-sparsity", chart, "Mean test accuracy over seeds against sparsity");
    }
}
