package org.wisekit.ubp.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.wisekit.harness.Timing;
import org.wisekit.tensor.Normals;
import org.wisekit.ubp.BlockSelection;
import org.wisekit.ubp.BlockSelector;
import org.wisekit.ubp.Budget;
import org.wisekit.ubp.Importance;
import org.wisekit.ubp.OptimalSelector;
import org.wisekit.ubp.ScoreMatrix;
import org.wisekit.ubp.SelectionMethod;
import org.wisekit.ubp.WeightMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit ubp}: unaligned block pruning tools. {@code wisekit ubp select} selects blocks in a
 * random (N(0,1), seeded) or given weight matrix with one or more methods and prints, for each, the
 * kept-score ratio and the selection time. Bad input throws {@link IllegalArgumentException} with a
 * one-line message naming the parameter.
 */
@Command(name = "ubp", subcommands = UbpCommand.Select.class,
        description = {"Unaligned block-wise pruning (Lee & Shin, arXiv 2407.19644): block selection.",
                "Run 'wisekit ubp select --help' for the options."})
public final class UbpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code wisekit ubp select}. */
    @Command(name = "select",
            description = {"Select V x 1 blocks (or single weights) at a sparsity and print the kept-score ratio and time.",
                    "Weights: N(0,1) from --seed, or --weights FILE (text: a line 'ROWS COLS', then ROWS*COLS numbers, "
                            + "row-major, output channel by input channel; '#' starts a comment line)."})
    public static final class Select implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--rows", paramLabel = "R", description = "Output channels Co (random weights; must match --weights if both).")
        Integer rows;

        @Option(names = "--cols", paramLabel = "C", description = "Input channels Ci (random weights; must match --weights if both).")
        Integer cols;

        @Option(names = "--sparsity", required = true, paramLabel = "S", description = "Fraction of weights to prune, in [0, 1).")
        double sparsity;

        @Option(names = "--block", paramLabel = "V", defaultValue = "4", description = "Block height V (default: ${DEFAULT-VALUE}).")
        int block;

        @Option(names = "--method", paramLabel = "M", defaultValue = "bed",
                description = "abp, dp, greedy, greedy-naive, bed, unstructured, 2:4; a comma-separated list; or all "
                        + "(default: ${DEFAULT-VALUE}).")
        String method;

        @Option(names = "--seed", paramLabel = "X", defaultValue = "42", description = "Seed of the random weights (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--weights", paramLabel = "FILE", description = "Read W from this text file instead of drawing it.")
        Path weights;

        @Option(names = "--importance", paramLabel = "l1|l2", defaultValue = "l1",
                description = "Weight importance: |w| or w^2 (default: ${DEFAULT-VALUE}).")
        String importance;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Override
        public Integer call() {
            if (!(sparsity >= 0 && sparsity < 1)) {
                throw new IllegalArgumentException("--sparsity must be in [0, 1), got " + sparsity);
            }
            if (block < 1) {
                throw new IllegalArgumentException("--block must be >= 1, got " + block);
            }
            List<SelectionMethod> methods = methods();
            Importance scoreBy = Arrays.stream(Importance.values()).filter(i -> i.id().equalsIgnoreCase(importance.trim()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("--importance must be l1 or l2, got '"
                            + importance + "'"));
            WeightMatrix w = matrix();
            ScoreMatrix scores = ScoreMatrix.of(w.values(), w.rows(), w.cols(), scoreBy);
            Budget budget = Budget.forSparsity(w.rows(), w.cols(), block, sparsity);

            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "W: %d x %d (%s), V = %d, sparsity %s, importance %s%n", w.rows(), w.cols(),
                    weights == null ? "N(0,1), seed " + seed : weights.toString(), block, sparsity, scoreBy.id());
            out.printf(Locale.ROOT, "budget: B = %d blocks = %d kept weights of %d%n", budget.blocks(),
                    budget.keptWeights(), (long) w.rows() * w.cols());
            out.printf(Locale.ROOT, "%-18s %12s %12s%n", "method", "kept score", "time (ms)");
            for (SelectionMethod m : methods) {
                String skipped = methods.size() > 1 ? skipReason(m, w, budget) : null;
                if (skipped != null) {
                    out.printf(Locale.ROOT, "%-18s skipped: %s%n", m.label(), skipped);
                    continue;
                }
                BlockSelector selector = m.selector();
                BlockSelection[] result = new BlockSelection[1];
                double seconds = Timing.seconds(() -> result[0] = selector.select(scores, budget));
                out.printf(Locale.ROOT, "%-18s %12.6f %12.3f%n", m.label(), result[0].keptScoreRatio(scores), seconds * 1e3);
            }
            out.flush();
            return 0;
        }

        /** Why a method of a list cannot run on this matrix and budget (null when it can). */
        private static String skipReason(SelectionMethod m, WeightMatrix w, Budget budget) {
            long weights = (long) w.rows() * w.cols();
            if (m == SelectionMethod.OPTIMAL && !new OptimalSelector().isFeasible(w.rows(), w.cols(), budget)) {
                return "needs " + OptimalSelector.cells(w.rows(), w.cols(), budget) + " DP cells";
            }
            if (m == SelectionMethod.NM_2_4 && (budget.keptWeights() * 2 != weights || w.cols() % 4 != 0)) {
                return "2:4 keeps exactly half the weights of a matrix with a multiple of 4 columns";
            }
            return null;
        }

        private List<SelectionMethod> methods() {
            if (method.trim().equalsIgnoreCase("all")) {
                return List.of(SelectionMethod.values());
            }
            List<SelectionMethod> list = new ArrayList<>();
            for (String part : method.split(",")) {
                list.add(Arrays.stream(SelectionMethod.values()).filter(m -> m.id().equalsIgnoreCase(part.trim()))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("--method must be one of "
                                + Arrays.stream(SelectionMethod.values()).map(SelectionMethod::id)
                                        .collect(Collectors.joining(", ")) + " or all, got '" + part.trim() + "'")));
            }
            return list;
        }

        private WeightMatrix matrix() {
            if (weights == null) {
                if (rows == null || cols == null) {
                    throw new IllegalArgumentException("--rows and --cols are required without --weights");
                }
                if (rows < 1) {
                    throw new IllegalArgumentException("--rows must be >= 1, got " + rows);
                }
                if (cols < 1) {
                    throw new IllegalArgumentException("--cols must be >= 1, got " + cols);
                }
                return new WeightMatrix(rows, cols, Normals.floats(seed, Math.multiplyExact(rows, cols)));
            }
            WeightMatrix w = WeightMatrix.read(weights);
            if (rows != null && rows != w.rows()) {
                throw new IllegalArgumentException("--rows " + rows + " does not match the " + w.rows()
                        + " rows of weights file " + weights);
            }
            if (cols != null && cols != w.cols()) {
                throw new IllegalArgumentException("--cols " + cols + " does not match the " + w.cols()
                        + " columns of weights file " + weights);
            }
            return w;
        }
    }
}
