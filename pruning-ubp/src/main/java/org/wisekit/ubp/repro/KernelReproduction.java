package org.wisekit.ubp.repro;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Plots;
import org.wisekit.harness.Progress;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.RunContext;
import org.wisekit.harness.Stats;
import org.wisekit.harness.Timing;
import org.wisekit.tensor.Gemm;
import org.wisekit.tensor.Normals;
import org.wisekit.tensor.nd4j.Nd4jThreads;
import org.wisekit.ubp.AlignedSelector;
import org.wisekit.ubp.BedSelector;
import org.wisekit.ubp.BlockSelection;
import org.wisekit.ubp.Budget;
import org.wisekit.ubp.Importance;
import org.wisekit.ubp.KernelPath;
import org.wisekit.ubp.PointwiseShape;
import org.wisekit.ubp.ScoreMatrix;
import org.wisekit.ubp.SparseKernel;
import org.wisekit.ubp.SparseMatrix;
import org.wisekit.ubp.UnstructuredSelector;

/**
 * {@code pruning-ubp/kernel}: single-thread latency of the UBP kernels (sliding window and WROS) against
 * ABP, CSR, the project's dense GEMM and ND4J sgemm, on MobileNetV1's pointwise shapes, with V = 4 and
 * the same block budget for ABP and UBP. Random N(0,1) weights and inputs; an in-process timing (warm-up,
 * interleaved rounds, median), not JMH: the JMH suite is {@code wisekit bench ubp}.
 */
public final class KernelReproduction implements Reproduction {

    static final int BLOCK = 4;
    static final double HEADLINE_SPARSITY = 0.8;
    /** UBP counts as "close to ABP" on a shape when its time is at most this multiple of ABP's. */
    static final double CLOSE_TO_ABP = 1.15;

    private static final String[] KERNELS = {"dense GEMM", "ND4J sgemm", "CSR", "ABP", "UBP-sliding", "UBP-WROS"};
    private static final int DENSE = 0;
    private static final int ND4J = 1;
    private static final int CSR = 2;
    private static final int ABP = 3;
    private static final int SLIDING = 4;
    private static final int WROS = 5;

    @Override
    public String id() {
        return "pruning-ubp/kernel";
    }

    @Override
    public String title() {
        return "UBP kernels (sliding window, WROS) vs ABP, CSR and dense GEMM on MobileNetV1 1x1 shapes, one thread";
    }

    @Override
    public String paper() {
        return Reporting.CITATION;
    }

    @Override
    public List<Claim> run(RunContext context) {
        List<PointwiseShape> shapes = context.profile().pick(
                List.of(PointwiseShape.MOBILENET_V1.get(0), PointwiseShape.MOBILENET_V1.get(4),
                        PointwiseShape.MOBILENET_V1.get(8)),
                PointwiseShape.MOBILENET_V1, PointwiseShape.MOBILENET_V1);
        double[] sparsities = context.profile().pick(new double[] {HEADLINE_SPARSITY},
                new double[] {0.5, 0.7, HEADLINE_SPARSITY, 0.9}, new double[] {0.5, 0.7, HEADLINE_SPARSITY, 0.9});
        int repeats = context.profile().pick(3, 21, 41);
        double sampleSeconds = context.profile().pick(0.0005, 0.004, 0.02);
        double warmupSeconds = context.profile().pick(0.01, 0.1, 0.2);

        // seconds[sparsity][shape][kernel]
        double[][][] seconds = new double[sparsities.length][shapes.size()][];
        try (Progress.Task task = context.progress().start("kernel timing", (long) shapes.size() * sparsities.length)) {
            Nd4jThreads.single(() -> {
                // Discarded rounds on the smallest and largest matrices first, so that no kernel is timed
                // while the JIT still compiles (or recompiles) it.
                for (PointwiseShape warm : List.of(shapes.get(0), shapes.get(shapes.size() - 1))) {
                    timeKernels(warm, Normals.floats(0, warm.outputs() * warm.inputs()),
                            Normals.floats(1, warm.inputs() * warm.pixels()), sparsities[0], 3, sampleSeconds,
                            5 * warmupSeconds);
                }
                for (int i = 0; i < shapes.size(); i++) {
                    PointwiseShape shape = shapes.get(i);
                    float[] w = Normals.floats(context.seed() + 2L * i, shape.outputs() * shape.inputs());
                    float[] x = Normals.floats(context.seed() + 2L * i + 1, shape.inputs() * shape.pixels());
                    for (int s = 0; s < sparsities.length; s++) {
                        task.status(shape.label() + " at " + Math.round(sparsities[s] * 100) + " %");
                        seconds[s][i] = timeKernels(shape, w, x, sparsities[s], repeats, sampleSeconds, warmupSeconds);
                        task.step();
                    }
                }
                return null;
            });
        }
        report(context, shapes, sparsities, seconds, repeats);
        return claims(shapes, seconds[Reporting.indexOf(sparsities, HEADLINE_SPARSITY)]);
    }

    /** Packs one shape at one sparsity, checks every kernel's output, and times all six in the same run. */
    private static double[] timeKernels(PointwiseShape shape, float[] w, float[] x, double sparsity, int repeats,
                                        double sampleSeconds, double warmupSeconds) {
        int co = shape.outputs();
        int ci = shape.inputs();
        int p = shape.pixels();
        ScoreMatrix scores = ScoreMatrix.of(w, co, ci, Importance.L1);
        Budget budget = Budget.forSparsity(co, ci, BLOCK, sparsity);
        BlockSelection aligned = new AlignedSelector().select(scores, budget);
        BlockSelection unaligned = new BedSelector().select(scores, budget);
        BlockSelection unstructured = new UnstructuredSelector().select(scores, budget);
        SparseMatrix csr = SparseMatrix.pack(w, unstructured, SparseKernel.CSR);
        SparseMatrix abp = SparseMatrix.pack(w, aligned, SparseKernel.ABP);
        SparseMatrix sliding = SparseMatrix.pack(w, unaligned, SparseKernel.UBP_SLIDING);
        SparseMatrix wros = SparseMatrix.pack(w, unaligned, SparseKernel.UBP_WROS);
        INDArray nw = Nd4j.create(w, new long[] {co, ci}, 'c');
        INDArray nx = Nd4j.create(x, new long[] {ci, p}, 'c');
        INDArray ny = Nd4j.create(new float[co * p], new long[] {co, p}, 'c');
        float[][] y = new float[KERNELS.length][co * p];

        checkAgainstDense(abp, w, aligned, x, p);
        checkAgainstDense(wros, w, unaligned, x, p);
        checkAgainstDense(sliding, w, unaligned, x, p);
        checkAgainstDense(csr, w, unstructured, x, p);

        Runnable[] work = new Runnable[KERNELS.length];
        work[DENSE] = () -> Gemm.multiply(w, x, y[DENSE], co, ci, p, Gemm.Path.VECTOR, 1);
        work[ND4J] = () -> Nd4j.gemm(nw, nx, ny, false, false, 1.0, 0.0);
        work[CSR] = () -> csr.multiply(x, p, y[CSR], KernelPath.VECTOR);
        work[ABP] = () -> abp.multiply(x, p, y[ABP], KernelPath.VECTOR);
        work[SLIDING] = () -> sliding.multiply(x, p, y[SLIDING], KernelPath.VECTOR);
        work[WROS] = () -> wros.multiply(x, p, y[WROS], KernelPath.VECTOR);
        return Timing.interleavedMedians(work, repeats, sampleSeconds, warmupSeconds);
    }

    /** Guards the timing: a kernel that computes something else must not be timed. */
    private static void checkAgainstDense(SparseMatrix m, float[] w, BlockSelection selection, float[] x, int p) {
        float[] masked = w.clone();
        selection.applyTo(masked);
        float[] expected = new float[m.rows() * p];
        Gemm.multiply(masked, x, expected, m.rows(), m.cols(), p, Gemm.Path.VECTOR, 1);
        float[] actual = m.multiply(x, p);
        double error = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            error += (double) (actual[i] - expected[i]) * (actual[i] - expected[i]);
            norm += (double) expected[i] * expected[i];
        }
        if (!(error <= 1e-8 * norm)) {
            throw new IllegalStateException(m.kernel().label() + " disagrees with the dense product: relative squared error "
                    + error / norm);
        }
    }

    private static void report(RunContext context, List<PointwiseShape> shapes, double[] sparsities,
                               double[][][] seconds, int repeats) {
        context.report().paragraph("Y = W X for each MobileNetV1 pointwise shape (P pixels, Co x Ci weights), W random "
                + "N(0,1) (seed " + context.seed() + "), V = " + BLOCK + ". ABP keeps the best aligned blocks, UBP the BED "
                + "selection, CSR the unstructured top weights, all at the same budget (B V weights). Single thread "
                + "(ND4J/OpenBLAS limited to one thread from code; OPENBLAS_CORETYPE="
                + System.getenv().getOrDefault("OPENBLAS_CORETYPE", "unset") + "). Each kernel's output is checked "
                + "against the dense product of its masked weights before timing; packing is not timed. Times are the "
                + "median of " + repeats + " interleaved samples after warm-up (in-process, not JMH; see `wisekit bench ubp`).");
        for (int s = 0; s < sparsities.length; s++) {
            List<String> header = new ArrayList<>(List.of("shape"));
            for (String k : KERNELS) {
                header.add(k + " (ms)");
            }
            header.addAll(List.of("WROS / ABP", "sliding / ABP", "dense / ABP", "dense / WROS", "ND4J / WROS"));
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < shapes.size(); i++) {
                double[] t = seconds[s][i];
                List<String> row = new ArrayList<>(List.of(shapes.get(i).label()));
                for (double v : t) {
                    row.add(Stats.fixed(v * 1e3, 3));
                }
                row.add(Stats.fixed(t[WROS] / t[ABP], 3));
                row.add(Stats.fixed(t[SLIDING] / t[ABP], 3));
                row.add(Stats.fixed(t[DENSE] / t[ABP], 2));
                row.add(Stats.fixed(t[DENSE] / t[WROS], 2));
                row.add(Stats.fixed(t[ND4J] / t[WROS], 2));
                rows.add(row);
            }
            context.report().table("Latency at " + Math.round(sparsities[s] * 100) + " % sparsity, V = " + BLOCK
                    + " (ratios above 1 in the last three columns: the sparse kernel is faster)", header, rows);
        }
        double[][] headline = seconds[Reporting.indexOf(sparsities, HEADLINE_SPARSITY)];
        List<String> losses = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            if (headline[i][WROS] >= headline[i][ND4J]) {
                losses.add(shapes.get(i).label());
            }
        }
        context.report().paragraph(losses.isEmpty()
                ? "At 80 % sparsity UBP-WROS is faster than ND4J sgemm on every shape."
                : "At 80 % sparsity UBP-WROS is not faster than ND4J's dense sgemm on " + losses.size() + " of "
                        + shapes.size() + " shapes: " + String.join(", ", losses) + ".");

        CategoryChart bars = Plots.bars("Latency at 80 % sparsity, V = 4, one thread", "shape", "ms");
        List<String> names = shapes.stream().map(PointwiseShape::name).toList();
        for (int k = 0; k < KERNELS.length; k++) {
            List<Double> ms = new ArrayList<>();
            for (double[] t : headline) {
                ms.add(t[k] * 1e3);
            }
            bars.addSeries(KERNELS[k], names, ms);
        }
        context.report().plot("latency-80", bars, "Kernel latency per MobileNetV1 pointwise shape at 80 % sparsity");

        XYChart speedup = Plots.xy("Speed-up over the own dense GEMM (geometric mean over shapes)", "sparsity (%)",
                "dense time / kernel time");
        double[] xs = new double[sparsities.length];
        for (int s = 0; s < sparsities.length; s++) {
            xs[s] = sparsities[s] * 100;
        }
        for (int k = ND4J; k < KERNELS.length; k++) {
            double[] ys = new double[sparsities.length];
            for (int s = 0; s < sparsities.length; s++) {
                double logSum = 0;
                for (double[] t : seconds[s]) {
                    logSum += Math.log(t[DENSE] / t[k]);
                }
                ys[s] = Math.exp(logSum / shapes.size());
            }
            speedup.addSeries(KERNELS[k], xs, ys);
        }
        context.report().plot("speedup-vs-sparsity", speedup, "Speed-up over the dense GEMM against sparsity");
    }

    private static List<Claim> claims(List<PointwiseShape> shapes, double[][] t) {
        int n = shapes.size();
        int wrosClose = 0;
        int slidingClose = 0;
        int abpBeatsDense = 0;
        int wrosBeatsDense = 0;
        int abpBeatsNd4j = 0;
        int wrosBeatsNd4j = 0;
        for (double[] s : t) {
            wrosClose += s[WROS] <= CLOSE_TO_ABP * s[ABP] ? 1 : 0;
            slidingClose += s[SLIDING] <= CLOSE_TO_ABP * s[ABP] ? 1 : 0;
            abpBeatsDense += s[ABP] < s[DENSE] ? 1 : 0;
            wrosBeatsDense += s[WROS] < s[DENSE] ? 1 : 0;
            abpBeatsNd4j += s[ABP] < s[ND4J] ? 1 : 0;
            wrosBeatsNd4j += s[WROS] < s[ND4J] ? 1 : 0;
        }
        int needed = (int) Math.ceil(7.0 * n / 9);
        String unit = "of " + n + " shapes";
        return List.of(
                Claim.atLeast("wros-close-to-abp", "At 80 % sparsity the UBP-WROS kernel takes at most 1.15x the ABP"
                                + " kernel's time on at least 7 of 9 MobileNetV1 pointwise shapes",
                        "WROS 'brings UBP kernel performance close to ABP' (no figure)", wrosClose, unit, needed),
                Claim.atLeast("sliding-close-to-abp", "At 80 % sparsity the sliding-window UBP kernel (U-XNNPACK) takes at"
                                + " most 1.15x the ABP kernel's time on at least 7 of 9 shapes",
                        "not stated", slidingClose, unit, needed),
                Claim.counted("abp-faster-than-dense", "At 80 % sparsity the ABP kernel is faster than the own dense GEMM",
                        "not stated", abpBeatsDense, n, (n + 1) / 2),
                Claim.counted("ubp-faster-than-dense", "At 80 % sparsity the UBP-WROS kernel is faster than the own dense GEMM",
                        "not stated", wrosBeatsDense, n, (n + 1) / 2),
                Claim.counted("abp-faster-than-nd4j", "At 80 % sparsity the ABP kernel is faster than ND4J's dense sgemm"
                                + " (OpenBLAS, one thread)", "not stated", abpBeatsNd4j, n, (n + 1) / 2),
                Claim.counted("ubp-faster-than-nd4j", "At 80 % sparsity the UBP-WROS kernel is faster than ND4J's dense"
                                + " sgemm (OpenBLAS, one thread)", "not stated", wrosBeatsNd4j, n, (n + 1) / 2));
    }
}
