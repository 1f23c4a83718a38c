package org.wisekit.lwquant.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.wisekit.datasets.Datasets;
import org.wisekit.lwquant.Calibration;
import org.wisekit.lwquant.LayerImportance;
import org.wisekit.lwquant.Ordering;
import org.wisekit.lwquant.QuantizedLlama;
import org.wisekit.lwquant.TextCorpus;
import org.wisekit.lwquant.llama.LlamaCheckpoint;
import org.wisekit.lwquant.llama.LlamaModel;
import org.wisekit.lwquant.quant.GgmlQuantizer;
import org.wisekit.lwquant.quant.GptqQuantizer;
import org.wisekit.lwquant.quant.Quantizer;
import org.wisekit.lwquant.quant.RtnQuantizer;
import org.wisekit.lwquant.repro.DecoderModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wisekit lwquant}: per-block importance scores and variable layer-wise quantization of a llama checkpoint. */
@Command(name = "lwquant", description = "Variable layer-wise quantization of llama-style checkpoints (LIM / ZD).",
        mixinStandardHelpOptions = true, subcommands = {LwquantCommand.Scores.class, LwquantCommand.Quantize.class})
public final class LwquantCommand {

    /** Model and calibration options shared by the subcommands. */
    static final class Inputs {
        @Option(names = "--model", required = true, description = "llama-style safetensors checkpoint (config.json beside it,"
                + " or the config in __metadata__)")
        Path model;

        @Option(names = "--tokens", description = "calibration token ids, whitespace-separated (default: the fortunes"
                + " calibration split as bytes, for byte-level models)")
        Path tokens;

        @Option(names = "--text", description = "calibration text read as UTF-8 bytes (byte-level models)")
        Path text;

        @Option(names = "--windows", defaultValue = "32", description = "calibration windows (default: ${DEFAULT-VALUE})")
        int windows;

        LlamaModel load() {
            if (!Files.isRegularFile(model)) {
                throw new IllegalArgumentException("--model: no such file " + model);
            }
            return LlamaCheckpoint.load(model);
        }

        List<int[]> calibration(LlamaModel m) {
            if (windows < 1) {
                throw new IllegalArgumentException("--windows must be >= 1, got " + windows);
            }
            int[] ids;
            try {
                if (tokens != null) {
                    ids = Arrays.stream(Files.readString(tokens).trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
                } else if (text != null) {
                    ids = TextCorpus.bytes(List.of(Files.readString(text)));
                } else {
                    ids = DecoderModels.corpus(Datasets.fromEnvironment(), DecoderModels.COLLECTIONS).calibration();
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read calibration input: " + e.getMessage());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--tokens: not a list of integers (" + e.getMessage() + ")");
            }
            for (int id : ids) {
                if (id < 0 || id >= m.config().vocabSize()) {
                    throw new IllegalArgumentException("calibration token " + id + " outside the vocabulary of "
                            + m.config().vocabSize());
                }
            }
            List<int[]> w = TextCorpus.windows(ids, Math.min(m.config().maxContext(), 128), windows);
            if (w.isEmpty()) {
                throw new IllegalArgumentException("calibration input is shorter than one window");
            }
            return w;
        }
    }

    @Command(name = "scores", mixinStandardHelpOptions = true, description = "Per-block LIM, BI and ZD table (CSV).")
    static final class Scores implements Callable<Integer> {
        @Mixin
        Inputs inputs;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            LlamaModel m = inputs.load();
            double[] lim = LayerImportance.lim(m, inputs.calibration(m));
            double[] zd = LayerImportance.zd(m, LayerImportance.ZdVariant.POOLED);
            double[] zdAbs = LayerImportance.zd(m, LayerImportance.ZdVariant.POOLED_ABS);
            double[] zdMatrix = LayerImportance.zd(m, LayerImportance.ZdVariant.PER_MATRIX);
            int[] limRank = rank(Ordering.byScore("LIM", lim, true));
            int[] zdRank = rank(Ordering.byScore("ZD", zd, false));
            PrintWriter out = spec.commandLine().getOut();
            out.println("block,lim,bi,zd,zd_abs,zd_per_matrix,lim_rank,zd_rank");
            for (int l = 0; l < lim.length; l++) {
                out.printf(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.6f,%d,%d%n", l, lim[l], 1 + lim[l], zd[l], zdAbs[l],
                        zdMatrix[l], limRank[l], zdRank[l]);
            }
            out.flush();
            return 0;
        }

        /** rank[l] = position of block l from the least important (0). */
        private static int[] rank(Ordering o) {
            int[] r = new int[o.layers()];
            for (int i = 0; i < r.length; i++) {
                r[o.leastImportantFirst()[i]] = i;
            }
            return r;
        }
    }

    @Command(name = "quantize", mixinStandardHelpOptions = true,
            description = "Quantize the blocks, the least important fraction at --lo bits and the rest at --hi bits.")
    static final class Quantize implements Callable<Integer> {
        @Mixin
        Inputs inputs;

        @Option(names = "--hi", defaultValue = "4", description = "bits of the important blocks (2, 3, 4, 8)")
        int hi;

        @Option(names = "--lo", defaultValue = "2", description = "bits of the least important blocks (2, 3, 4, 8)")
        int lo;

        @Option(names = "--fraction", required = true, description = "fraction of blocks at --lo bits, in [0, 1]")
        double fraction;

        @Option(names = "--order", defaultValue = "lim", description = "lim, zd, reverse-lim, llama.cpp or random")
        String order;

        @Option(names = "--quantizer", defaultValue = "gptq", description = "rtn, gptq, q4_0 (4 bits) or q8_0 (8 bits)")
        String quantizer;

        @Option(names = "--group", defaultValue = "32", description = "group size for rtn and gptq (default: ${DEFAULT-VALUE})")
        int group;

        @Option(names = "--asymmetric", description = "asymmetric grids with a zero point per group")
        boolean asymmetric;

        @Option(names = "--act-order", description = "GPTQ: quantize columns by decreasing Hessian diagonal")
        boolean actOrder;

        @Option(names = "--seed", defaultValue = "1", description = "seed of --order random")
        long seed;

        @Option(names = "--out", required = true, description = "output file (lwquant-1 safetensors)")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("--fraction must be in [0, 1], got " + fraction);
            }
            for (int b : new int[] {hi, lo}) {
                if (!QuantizedLlama.SUPPORTED_BITS.contains(b)) {
                    throw new IllegalArgumentException("bits " + b + " not supported; use 2, 3, 4 or 8");
                }
            }
            if (group < 1) {
                throw new IllegalArgumentException("--group must be >= 1, got " + group);
            }
            Quantizer q = switch (quantizer) {
                case "rtn" -> new RtnQuantizer(group, !asymmetric);
                case "gptq" -> new GptqQuantizer(group, !asymmetric, 128, 0.01, actOrder);
                case "q4_0" -> new GgmlQuantizer(GgmlQuantizer.Type.Q4_0);
                case "q8_0" -> new GgmlQuantizer(GgmlQuantizer.Type.Q8_0);
                default -> throw new IllegalArgumentException("--quantizer: unknown '" + quantizer
                        + "' (rtn, gptq, q4_0, q8_0)");
            };
            q.checkBits(hi);
            if (fraction > 0) {
                q.checkBits(lo);
            }
            LlamaModel m = inputs.load();
            boolean needsCalibration = q.usesHessian() || order.equals("lim") || order.equals("reverse-lim");
            List<int[]> calib = needsCalibration ? inputs.calibration(m) : List.of();
            int layers = m.config().layers();
            Ordering o = switch (order) {
                case "lim" -> Ordering.byScore("LIM", LayerImportance.lim(m, calib), true);
                case "reverse-lim" -> Ordering.byScore("LIM", LayerImportance.lim(m, calib), true).reversed();
                case "zd" -> Ordering.byScore("ZD", LayerImportance.zd(m, LayerImportance.ZdVariant.POOLED), false);
                case "llama.cpp" -> Ordering.llamaCpp(layers);
                case "random" -> Ordering.random(layers, seed);
                default -> throw new IllegalArgumentException("--order: unknown '" + order
                        + "' (lim, zd, reverse-lim, llama.cpp, random)");
            };
            int[] bits = o.allocate(fraction, hi, lo);
            QuantizedLlama ql = QuantizedLlama.quantize(m, bits, q, q.usesHessian() ? Calibration.of(m, calib) : null);
            ql.write(out);
            List<Integer> low = new ArrayList<>();
            for (int l = 0; l < layers; l++) {
                if (bits[l] == lo && fraction > 0) {
                    low.add(l);
                }
            }
            PrintWriter w = spec.commandLine().getOut();
            w.printf(Locale.ROOT, "order %s; blocks at %d bits: %s; others at %d bits%n", o.name(), lo, low, hi);
            w.printf(Locale.ROOT, "block matrices: %,d bytes, %.4f bits per weight (scales included); quantizer %s%n",
                    ql.quantizedBytes(), ql.averageBits(), q.name());
            try {
                w.printf(Locale.ROOT, "wrote %s (%,d bytes)%n", out, Files.size(out));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot stat " + out + ": " + e.getMessage());
            }
            w.flush();
            return 0;
        }
    }
}
