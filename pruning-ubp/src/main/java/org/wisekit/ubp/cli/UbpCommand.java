package org.wisekit.ubp.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.wisekit.datasets.io.AtomicFiles;
import org.wisekit.harness.Json;
import org.wisekit.harness.Progress;
import org.wisekit.harness.Timing;
import org.wisekit.tensor.Normals;
import org.wisekit.ubp.BlockSelection;
import org.wisekit.ubp.BlockSelector;
import org.wisekit.ubp.Budget;
import org.wisekit.ubp.Importance;
import org.wisekit.ubp.OptimalSelector;
import org.wisekit.ubp.ScoreMatrix;
import org.wisekit.ubp.SelectionMethod;
import org.wisekit.ubp.SparseKernel;
import org.wisekit.ubp.SparseMatrix;
import org.wisekit.ubp.WeightMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit ubp}: unaligned block pruning tools. {@code wisekit ubp select} selects blocks in a
 * random (N(0,1), seeded) or given weight matrix (text, .npy, or one tensor of a safetensors file) with one
 * or more methods and prints, for each, the kept-score ratio and the selection time; with one method it can
 * write the pruned weights ({@code --out}, the input's format), the 0/1 mask ({@code --mask}) and the packed
 * matrix the kernels load ({@code --packed}, {@link SparseMatrix#write}). Nothing is written that is not
 * named. Bad input throws {@link IllegalArgumentException} with a one-line message naming the parameter.
 */
@Command(name = "ubp", subcommands = UbpCommand.Select.class, mixinStandardHelpOptions = true,
        description = {"Unaligned block-wise pruning (Lee & Shin, arXiv 2407.19644): block selection.",
                "Run 'wisekit ubp select --help' for the options."})
public final class UbpCommand implements Callable<Integer> {

    final Progress progress;

    @Spec
    CommandSpec spec;

    /** A command that reports no progress. */
    public UbpCommand() {
        this(Progress.SILENT);
    }

    /** A command that reports the selections and writes on {@code progress}. */
    public UbpCommand(Progress progress) {
        this.progress = progress;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code wisekit ubp select}. */
    @Command(name = "select", mixinStandardHelpOptions = true,
            description = {"Select V x 1 blocks (or single weights) at a sparsity and print the kept-score ratio and time;"
                    + " with one --method, write the pruned weights (--out), the mask (--mask) and the packed matrix"
                    + " (--packed).",
                    "Weights: N(0,1) from --seed, or --weights FILE: a .safetensors file (--tensor NAME; F16, BF16, F32,"
                            + " F64; rank 2 (out, in), or a convolution (O, I, kh, kw) taken as O x (I kh kw)), a 2-D"
                            + " .npy (float32/float64, rows = output channels), or text (a line 'ROWS COLS', then"
                            + " ROWS*COLS numbers, row-major, output channel by input channel; '#' starts a comment line)."})
    public static final class Select implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @ParentCommand
        UbpCommand parent;

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

        @Option(names = "--weights", paramLabel = "FILE", description = "Read W from this file (.safetensors, .npy or text) instead of drawing it.")
        Path weights;

        @Option(names = "--tensor", paramLabel = "NAME", description = "The tensor of a .safetensors --weights file "
                + "(optional when the file holds one tensor).")
        String tensor;

        @Option(names = "--importance", paramLabel = "l1|l2", defaultValue = "l1",
                description = "Weight importance: |w| or w^2 (default: ${DEFAULT-VALUE}).")
        String importance;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the pruned weights here, in the format of "
                + "--weights (safetensors: every other tensor copied unchanged).")
        Path out;

        @Option(names = "--mask", paramLabel = "FILE", description = "Write the 0/1 mask here (npy uint8, a safetensors U8 "
                + "tensor of the same name and shape, or text).")
        Path mask;

        @Option(names = "--packed", paramLabel = "FILE", description = "Write the packed sparse matrix here (the UBPM "
                + "format that SparseMatrix.read loads).")
        Path packed;

        @Option(names = "--kernel", paramLabel = "K", defaultValue = "auto",
                description = "Kernel format of --packed: csr, abp, ubp-sliding, ubp-wros, or auto (abp for --method abp, "
                        + "csr for unstructured and 2:4, else ubp-wros; default: ${DEFAULT-VALUE}).")
        String kernel;

        @Option(names = "--json", description = "Print the selection summary as one JSON object.")
        boolean json;

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
            checkOutputs(methods);
            SparseKernel packKernel = packed == null ? null : kernel(methods.get(0));
            WeightsFile file = load();
            WeightMatrix w = file.matrix;
            if (out != null) {
                file.outputFormat("--out", out);
            }
            if (mask != null) {
                file.outputFormat("--mask", mask);
            }
            ScoreMatrix scores = ScoreMatrix.of(w.values(), w.rows(), w.cols(), scoreBy);
            Budget budget = Budget.forSparsity(w.rows(), w.cols(), block, sparsity);
            long total = (long) w.rows() * w.cols();

            Progress progress = parent == null ? Progress.SILENT : parent.progress;
            int writes = (out == null ? 0 : 1) + (mask == null ? 0 : 1) + (packed == null ? 0 : 1);
            List<Map<String, Object>> results = new ArrayList<>();
            BlockSelection chosen = null;
            Map<String, Object> files = new LinkedHashMap<>();
            try (Progress.Task task = progress.start("ubp select", methods.size() + writes)) {
                for (SelectionMethod m : methods) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("method", m.id());
                    r.put("label", m.label());
                    String skipped = methods.size() > 1 ? skipReason(m, w, budget) : null;
                    r.put("skipped", skipped);
                    if (skipped == null) {
                        task.status(m.label());
                        BlockSelector selector = m.selector();
                        BlockSelection[] result = new BlockSelection[1];
                        double seconds = Timing.seconds(() -> result[0] = selector.select(scores, budget));
                        BlockSelection s = result[0];
                        chosen = s;
                        r.put("keptScoreRatio", s.keptScoreRatio(scores));
                        r.put("keptScore", s.keptScore(scores));
                        r.put("blocks", s.count());
                        r.put("blockSize", s.blockSize());
                        r.put("keptWeights", s.keptWeights());
                        r.put("nonzeros", nonzeros(w.values(), s));
                        r.put("density", (double) s.keptWeights() / total);
                        r.put("seconds", seconds);
                    } else {
                        for (String k : List.of("keptScoreRatio", "keptScore", "blocks", "blockSize", "keptWeights",
                                "nonzeros", "density", "seconds")) {
                            r.put(k, null);
                        }
                    }
                    results.add(r);
                    task.step();
                }
                boolean[] keep = chosen == null ? null : chosen.mask();
                if (out != null) {
                    task.status("writing " + out);
                    file.writePruned(out, keep);
                    files.put("out", out.toString());
                    task.step();
                }
                if (mask != null) {
                    task.status("writing " + mask);
                    file.writeMask(mask, keep);
                    files.put("mask", mask.toString());
                    task.step();
                }
                if (packed != null) {
                    task.status("writing " + packed);
                    SparseMatrix m;
                    try {
                        m = SparseMatrix.pack(w.values(), chosen, packKernel);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--kernel " + packKernel.id() + ": " + e.getMessage());
                    }
                    AtomicFiles.write(packed, m.toBytes());
                    files.put("packed", packed.toString());
                    task.step();
                }
            }

            PrintWriter stdout = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("weights", file.path == null ? null : file.path.toString());
                summary.put("format", file.format.id());
                summary.put("tensor", file.tensorName);
                summary.put("dtype", file.dtype);
                summary.put("shape", file.shape);
                summary.put("rows", w.rows());
                summary.put("cols", w.cols());
                summary.put("seed", file.format == WeightsFile.Format.RANDOM ? seed : null);
                summary.put("blockSize", block);
                summary.put("sparsity", sparsity);
                summary.put("targetDensity", java.math.BigDecimal.ONE.subtract(java.math.BigDecimal.valueOf(sparsity)).doubleValue());
                summary.put("importance", scoreBy.id());
                summary.put("budgetBlocks", budget.blocks());
                summary.put("budgetKeptWeights", budget.keptWeights());
                summary.put("weightsTotal", total);
                summary.put("results", results);
                summary.put("packedKernel", packKernel == null ? null : packKernel.id());
                summary.put("files", files);
                stdout.println(Json.write(summary));
                stdout.flush();
                return 0;
            }
            stdout.printf(Locale.ROOT, "W: %d x %d (%s), V = %d, sparsity %s, importance %s%n", w.rows(), w.cols(),
                    file.describe(seed), block, sparsity, scoreBy.id());
            stdout.printf(Locale.ROOT, "budget: B = %d blocks = %d kept weights of %d%n", budget.blocks(),
                    budget.keptWeights(), total);
            stdout.printf(Locale.ROOT, "%-18s %12s %12s%n", "method", "kept score", "time (ms)");
            for (Map<String, Object> r : results) {
                if (r.get("skipped") != null) {
                    stdout.printf(Locale.ROOT, "%-18s skipped: %s%n", r.get("label"), r.get("skipped"));
                } else {
                    stdout.printf(Locale.ROOT, "%-18s %12.6f %12.3f%n", r.get("label"), (double) r.get("keptScoreRatio"),
                            (double) r.get("seconds") * 1e3);
                }
            }
            if (out != null) {
                stdout.printf(Locale.ROOT, "pruned weights: %s%n", out);
            }
            if (mask != null) {
                stdout.printf(Locale.ROOT, "mask: %s%n", mask);
            }
            if (packed != null) {
                stdout.printf(Locale.ROOT, "packed (%s): %s%n", packKernel.id(), packed);
            }
            stdout.flush();
            return 0;
        }

        /** Outputs need exactly one method, and distinct files. */
        private void checkOutputs(List<SelectionMethod> methods) {
            List<Path> named = new ArrayList<>();
            for (Path p : new Path[] {out, mask, packed}) {
                if (p != null) {
                    Path abs = p.toAbsolutePath().normalize();
                    if (named.contains(abs)) {
                        throw new IllegalArgumentException("--out, --mask and --packed must name different files, got "
                                + p + " twice");
                    }
                    named.add(abs);
                }
            }
            if (!named.isEmpty() && methods.size() != 1) {
                throw new IllegalArgumentException("--out, --mask and --packed need exactly one --method, got '" + method
                        + "'");
            }
        }

        /** The kernel format of --packed. */
        private SparseKernel kernel(SelectionMethod m) {
            String k = kernel.trim().toLowerCase(Locale.ROOT);
            if (k.equals("auto")) {
                return m == SelectionMethod.ABP ? SparseKernel.ABP
                        : m.isBlockwise() ? SparseKernel.UBP_WROS : SparseKernel.CSR;
            }
            return Arrays.stream(SparseKernel.values()).filter(s -> s.id().equals(k)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--kernel must be one of auto, "
                            + Arrays.stream(SparseKernel.values()).map(SparseKernel::id).collect(Collectors.joining(", "))
                            + ", got '" + kernel + "'"));
        }

        /** The kept weights that are not exactly zero. */
        private static long nonzeros(float[] w, BlockSelection s) {
            boolean[] keep = s.mask();
            long n = 0;
            for (int i = 0; i < w.length; i++) {
                n += keep[i] && w[i] != 0 ? 1 : 0;
            }
            return n;
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

        private WeightsFile load() {
            if (weights == null) {
                if (tensor != null) {
                    throw new IllegalArgumentException("--tensor " + tensor + " needs --weights");
                }
                if (rows == null || cols == null) {
                    throw new IllegalArgumentException("--rows and --cols are required without --weights");
                }
                if (rows < 1) {
                    throw new IllegalArgumentException("--rows must be >= 1, got " + rows);
                }
                if (cols < 1) {
                    throw new IllegalArgumentException("--cols must be >= 1, got " + cols);
                }
                return WeightsFile.random(new WeightMatrix(rows, cols, Normals.floats(seed, Math.multiplyExact(rows, cols))));
            }
            WeightsFile file = WeightsFile.read(weights, tensor);
            WeightMatrix w = file.matrix;
            if (rows != null && rows != w.rows()) {
                throw new IllegalArgumentException("--rows " + rows + " does not match the " + w.rows()
                        + " rows of weights file " + weights);
            }
            if (cols != null && cols != w.cols()) {
                throw new IllegalArgumentException("--cols " + cols + " does not match the " + w.cols()
                        + " columns of weights file " + weights);
            }
            return file;
        }
    }
}
