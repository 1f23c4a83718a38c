package org.wisekit.lwquant.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wisekit.datasets.Datasets;
import org.wisekit.harness.Json;
import org.wisekit.harness.Progress;
import org.wisekit.lwquant.Calibration;
import org.wisekit.lwquant.Checkpoints;
import org.wisekit.lwquant.LayerImportance;
import org.wisekit.lwquant.Ordering;
import org.wisekit.lwquant.QuantizedLlama;
import org.wisekit.lwquant.TextCorpus;
import org.wisekit.lwquant.gguf.GgmlType;
import org.wisekit.lwquant.gguf.GgufLlama;
import org.wisekit.lwquant.llama.Linear;
import org.wisekit.lwquant.llama.LlamaModel;
import org.wisekit.lwquant.quant.GgmlQuantizer;
import org.wisekit.lwquant.quant.GptqQuantizer;
import org.wisekit.lwquant.quant.Quantizer;
import org.wisekit.lwquant.quant.RtnQuantizer;
import org.wisekit.lwquant.repro.DecoderModels;
import org.wisekit.text.Tokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code wisekit lwquant}: per-block importance scores and variable layer-wise quantization of a llama checkpoint. */
@Command(name = "lwquant", description = "Variable layer-wise quantization of llama-style checkpoints (LIM / ZD).",
        mixinStandardHelpOptions = true, subcommands = {LwquantCommand.Scores.class, LwquantCommand.Quantize.class})
public final class LwquantCommand {

    final Progress progress;

    /** A command whose long steps report to {@code progress}. */
    public LwquantCommand(Progress progress) {
        this.progress = progress;
    }

    /** A command that reports no progress. */
    public LwquantCommand() {
        this(Progress.SILENT);
    }

    /** Model and calibration options shared by the subcommands. */
    static final class Inputs {
        @Option(names = "--model", required = true, description = "llama-style checkpoint: float safetensors (config.json"
                + " beside it, or the config in __metadata__), an lwquant-1 file or a GGUF file written by quantize")
        Path model;

        @Option(names = "--tokenizer", description = "Hugging Face tokenizer.json for --text and the default calibration"
                + " (default: tokenizer.json beside --model; raw UTF-8 bytes only for a 256-token vocabulary)")
        Path tokenizer;

        @Option(names = "--tokens", description = "calibration token ids, whitespace-separated")
        Path tokens;

        @Option(names = "--text", description = "calibration text (UTF-8), tokenised with the checkpoint's tokenizer")
        Path text;

        @Option(names = "--windows", defaultValue = "32", description = "calibration windows (default: ${DEFAULT-VALUE})")
        int windows;

        /** Filled by {@link #calibration}: what tokenised the calibration input. */
        String tokenizerKind = "none";
        int calibrationTokens;

        LlamaModel load() {
            if (!Files.isRegularFile(model)) {
                throw new IllegalArgumentException("--model: no such file " + model);
            }
            return Checkpoints.load(model);
        }

        List<int[]> calibration(LlamaModel m) {
            if (windows < 1) {
                throw new IllegalArgumentException("--windows must be >= 1, got " + windows);
            }
            if (tokens != null && text != null) {
                throw new IllegalArgumentException("--tokens and --text: give one of them");
            }
            int vocab = m.config().vocabSize();
            int[] ids;
            try {
                if (tokens != null) {
                    ids = Arrays.stream(Files.readString(tokens).trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
                    tokenizerKind = "token ids";
                } else {
                    Tokenizer t = Checkpoints.tokenizer(model, tokenizer, vocab);
                    if (t == null) {
                        throw new IllegalArgumentException((text != null ? "--text: " : "default calibration text: ")
                                + Checkpoints.notByteLevel(vocab));
                    }
                    tokenizerKind = t.kind();
                    if (text != null) {
                        ids = t.encode(Files.readString(text, StandardCharsets.UTF_8));
                    } else {
                        int[] bytes = DecoderModels.corpus(Datasets.fromEnvironment(), DecoderModels.COLLECTIONS).calibration();
                        if (vocab == TextCorpus.VOCAB && tokenizer == null && t.kind().equals("UTF-8 bytes")) {
                            ids = bytes;
                        } else {
                            byte[] b = new byte[bytes.length];
                            for (int i = 0; i < b.length; i++) {
                                b[i] = (byte) bytes[i];
                            }
                            ids = t.encode(new String(b, StandardCharsets.UTF_8));
                        }
                    }
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read calibration input: " + e.getMessage());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--tokens: not a list of integers (" + e.getMessage() + ")");
            }
            for (int id : ids) {
                if (id < 0 || id >= vocab) {
                    throw new IllegalArgumentException("calibration token " + id + " outside the vocabulary of " + vocab);
                }
            }
            calibrationTokens = ids.length;
            List<int[]> w = TextCorpus.windows(ids, Math.min(m.config().maxContext(), 128), windows);
            if (w.isEmpty()) {
                throw new IllegalArgumentException("calibration input is shorter than one window ("
                        + Math.min(m.config().maxContext(), 128) + " tokens), got " + ids.length + " tokens");
            }
            return w;
        }
    }

    static double[] lim(Progress progress, LlamaModel m, List<int[]> calib) {
        try (Progress.Task t = progress.start("LIM: forward passes", calib.size())) {
            return LayerImportance.lim(m, calib, i -> t.step());
        }
    }

    @Command(name = "scores", mixinStandardHelpOptions = true,
            description = "Per-block LIM, BI and ZD of a checkpoint (float, lwquant-1 or GGUF): CSV, or JSON with --json.")
    static final class Scores implements Callable<Integer> {
        @Mixin
        Inputs inputs;

        @Option(names = "--json", description = "print one JSON object instead of CSV")
        boolean json;

        @ParentCommand
        LwquantCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Progress progress = parent == null ? Progress.SILENT : parent.progress;
            LlamaModel m = inputs.load();
            List<int[]> calib = inputs.calibration(m);
            double[] lim = lim(progress, m, calib);
            double[] zd = LayerImportance.zd(m, LayerImportance.ZdVariant.POOLED);
            double[] zdAbs = LayerImportance.zd(m, LayerImportance.ZdVariant.POOLED_ABS);
            double[] zdMatrix = LayerImportance.zd(m, LayerImportance.ZdVariant.PER_MATRIX);
            int[] limRank = rank(Ordering.byScore("LIM", lim, true));
            int[] zdRank = rank(Ordering.byScore("ZD", zd, false));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                List<Map<String, Object>> blocks = new ArrayList<>();
                for (int l = 0; l < lim.length; l++) {
                    Map<String, Object> b = new LinkedHashMap<>();
                    b.put("block", l);
                    b.put("lim", lim[l]);
                    b.put("bi", 1 + lim[l]);
                    b.put("zd", zd[l]);
                    b.put("zd_abs", zdAbs[l]);
                    b.put("zd_per_matrix", zdMatrix[l]);
                    b.put("lim_rank", limRank[l]);
                    b.put("zd_rank", zdRank[l]);
                    blocks.add(b);
                }
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("model", inputs.model.toString());
                r.put("format", Checkpoints.kind(inputs.model).name().toLowerCase(Locale.ROOT));
                r.put("tokenizer", inputs.tokenizerKind);
                r.put("calibration_tokens", inputs.calibrationTokens);
                r.put("windows", calib.size());
                r.put("blocks", blocks);
                out.println(Json.write(r));
            } else {
                out.println("block,lim,bi,zd,zd_abs,zd_per_matrix,lim_rank,zd_rank");
                for (int l = 0; l < lim.length; l++) {
                    out.printf(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.6f,%d,%d%n", l, lim[l], 1 + lim[l], zd[l], zdAbs[l],
                            zdMatrix[l], limRank[l], zdRank[l]);
                }
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
            description = "Quantize the blocks, the least important fraction at --lo bits and the rest at --hi bits;"
                    + " write lwquant-1 or GGUF (--format, or an --out ending in .gguf).")
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

        @Option(names = "--quantizer", description = "lwquant-1: rtn, gptq (default), q4_0 (4 bits) or q8_0 (8 bits);"
                + " GGUF: ggml's Q8_0 / Q4_0 by block (see --format)")
        String quantizer;

        @Option(names = "--format", description = "lwquant (lwquant-1 safetensors) or gguf (default: gguf when --out"
                + " ends in .gguf); GGUF stores the blocks at --hi bits as Q8_0 and those at --lo bits as Q4_0 when"
                + " both widths would map to the same ggml type (8 -> Q8_0, 2..4 -> Q4_0)")
        String format;

        @Option(names = "--group", defaultValue = "32", description = "group size for rtn and gptq (default: ${DEFAULT-VALUE})")
        int group;

        @Option(names = "--asymmetric", description = "asymmetric grids with a zero point per group")
        boolean asymmetric;

        @Option(names = "--act-order", description = "GPTQ: quantize columns by decreasing Hessian diagonal")
        boolean actOrder;

        @Option(names = "--seed", defaultValue = "1", description = "seed of --order random")
        long seed;

        @Option(names = "--out", required = true, description = "output file (lwquant-1 safetensors or GGUF)")
        Path out;

        @Option(names = "--json", description = "print one JSON object instead of the summary")
        boolean json;

        @ParentCommand
        LwquantCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Progress progress = parent == null ? Progress.SILENT : parent.progress;
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
            String fmt = format != null ? format : out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gguf")
                    ? "gguf" : "lwquant";
            if (!fmt.equals("gguf") && !fmt.equals("lwquant")) {
                throw new IllegalArgumentException("--format: unknown '" + format + "' (lwquant, gguf)");
            }
            boolean gguf = fmt.equals("gguf");
            Quantizer q = null;
            if (gguf) {
                if (quantizer != null && !quantizer.equals("q4_0") && !quantizer.equals("q8_0")) {
                    throw new IllegalArgumentException("--quantizer " + quantizer + " cannot be written to GGUF (its"
                            + " blocks are ggml's Q8_0 / Q4_0); use --format lwquant");
                }
            } else {
                String name = quantizer == null ? "gptq" : quantizer;
                q = switch (name) {
                    case "rtn" -> new RtnQuantizer(group, !asymmetric);
                    case "gptq" -> new GptqQuantizer(group, !asymmetric, 128, 0.01, actOrder);
                    case "q4_0" -> new GgmlQuantizer(GgmlQuantizer.Type.Q4_0);
                    case "q8_0" -> new GgmlQuantizer(GgmlQuantizer.Type.Q8_0);
                    default -> throw new IllegalArgumentException("--quantizer: unknown '" + name
                            + "' (rtn, gptq, q4_0, q8_0)");
                };
                q.checkBits(hi);
                if (fraction > 0) {
                    q.checkBits(lo);
                }
            }
            if (!List.of("lim", "reverse-lim", "zd", "llama.cpp", "random").contains(order)) {
                throw new IllegalArgumentException("--order: unknown '" + order + "' (lim, zd, reverse-lim, llama.cpp, random)");
            }
            LlamaModel m = inputs.load();
            boolean usesHessian = q != null && q.usesHessian();
            boolean needsCalibration = usesHessian || order.equals("lim") || order.equals("reverse-lim");
            List<int[]> calib = needsCalibration ? inputs.calibration(m) : List.of();
            int layers = m.config().layers();
            Ordering o = switch (order) {
                case "lim" -> Ordering.byScore("LIM", lim(progress, m, calib), true);
                case "reverse-lim" -> Ordering.byScore("LIM", lim(progress, m, calib), true).reversed();
                case "zd" -> Ordering.byScore("ZD", LayerImportance.zd(m, LayerImportance.ZdVariant.POOLED), false);
                case "llama.cpp" -> Ordering.llamaCpp(layers);
                default -> Ordering.random(layers, seed);
            };
            int[] bits = o.allocate(fraction, hi, lo);
            List<Integer> low = new ArrayList<>();
            for (int l = 0; l < layers; l++) {
                if (bits[l] == lo && fraction > 0) {
                    low.add(l);
                }
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("out", out.toString());
            r.put("format", gguf ? "gguf" : QuantizedLlama.FORMAT);
            r.put("order", o.name());
            r.put("bits_per_block", Arrays.stream(bits).boxed().toList());
            r.put("low_blocks", low);
            double bitsPerWeight;
            long bytes;
            if (gguf) {
                GgmlType[] types = GgufLlama.types(bits, hi, lo);
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("lwquant.bits", Arrays.stream(bits).boxed().toList());
                extra.put("lwquant.order", o.name());
                org.wisekit.lwquant.gguf.Gguf.Contents contents;
                try (Progress.Task t = progress.start("GGUF: quantizing and writing", 2)) {
                    contents = GgufLlama.toGguf(m, types, extra);
                    t.step();
                    org.wisekit.lwquant.gguf.Gguf.write(out, contents.metadata(), new ArrayList<>(contents.tensors().values()));
                    t.step();
                }
                long weights = 0;
                bytes = 0;
                int f16 = 0;
                for (int l = 0; l < layers; l++) {
                    for (Linear lin : Linear.values()) {
                        org.wisekit.lwquant.gguf.Gguf.Tensor t = contents.tensors().get(GgufLlama.ggufName(lin.tensorName(l)));
                        weights += t.elements();
                        bytes += t.data().length;
                        f16 += t.type() != types[l] ? 1 : 0;
                    }
                }
                bitsPerWeight = 8.0 * bytes / weights;
                r.put("f16_fallback_matrices", f16);
                r.put("quantizer", "ggml");
                r.put("ggml_types", Arrays.stream(types).map(GgmlType::name).toList());
            } else {
                Calibration c = null;
                if (usesHessian) {
                    try (Progress.Task t = progress.start("GPTQ: calibration statistics", calib.size())) {
                        c = Calibration.of(m, calib, i -> t.step());
                    }
                }
                QuantizedLlama ql;
                try (Progress.Task t = progress.start("quantizing (" + q.name() + ")", (long) layers * Linear.values().length)) {
                    ql = QuantizedLlama.quantize(m, bits, q, c, (l, lin) -> {
                        t.step();
                        t.status("block " + (l + 1) + "/" + layers + " " + lin.hfName);
                    });
                }
                ql.write(out);
                bitsPerWeight = ql.averageBits();
                bytes = ql.quantizedBytes();
                r.put("quantizer", q.name());
            }
            r.put("block_matrix_bytes", bytes);
            r.put("bits_per_weight", bitsPerWeight);
            long size;
            try {
                size = Files.size(out);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot stat " + out + ": " + e.getMessage());
            }
            r.put("file_bytes", size);
            PrintWriter w = spec.commandLine().getOut();
            if (json) {
                w.println(Json.write(r));
            } else {
                w.printf(Locale.ROOT, "order %s; blocks at %d bits: %s; others at %d bits%n", o.name(), lo, low, hi);
                w.printf(Locale.ROOT, "block matrices: %,d bytes, %.4f bits per weight (scales included); quantizer %s%n",
                        bytes, bitsPerWeight, r.get("quantizer"));
                if (gguf) {
                    w.printf(Locale.ROOT, "ggml types per block: %s%s%n", r.get("ggml_types"),
                            (int) r.get("f16_fallback_matrices") > 0 ? "; " + r.get("f16_fallback_matrices")
                                    + " matrices with rows not a multiple of 32 values stored as F16" : "");
                }
                w.printf(Locale.ROOT, "wrote %s (%s, %,d bytes)%n", out, r.get("format"), size);
            }
            w.flush();
            return 0;
        }
    }
}
