package org.wisekit.lutmm.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wisekit.harness.Json;
import org.wisekit.harness.Progress;
import org.wisekit.lutmm.Aggregation;
import org.wisekit.lutmm.ApproximationError;
import org.wisekit.lutmm.MaddnessConfig;
import org.wisekit.lutmm.MaddnessFile;
import org.wisekit.lutmm.MaddnessMatmul;
import org.wisekit.lutmm.MaddnessModel;
import org.wisekit.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit lutmm fit --a TRAIN.npy --b B.npy --codebooks C --out MODEL [--aggregation average|sum]
 * [--no-ridge] [--lambda 1.0] [--force] [--json]}: fits {@link MaddnessModel#fit} on the training rows, binds B,
 * prints D, C, M, the fit time and the NMSE on the training rows, and saves the bound product with the model's
 * prototypes ({@link MaddnessFile}).
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Fit MADDNESS (hash trees, 8-bit thresholds, ridge prototypes) on training rows, bind a fixed B"
                + " (8-bit tables) and save the model.",
                "--a and --b: 2-D float32/float64 .npy files, A [N, D] and B [D, M]. Prints D, C, M, the fit time and"
                        + " the NMSE mean((Y - Yhat)^2) / var(Y) on the training rows.",
                "The model file (safetensors) also holds the float prototypes."})
public final class FitCommand implements Callable<Integer> {

    @ParentCommand
    LutmmCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--a", required = true, paramLabel = "TRAIN.npy", description = "Training rows A [N, D].")
    Path a;

    @Option(names = "--b", required = true, paramLabel = "B.npy", description = "The fixed matrix B [D, M].")
    Path b;

    @Option(names = "--codebooks", required = true, paramLabel = "C",
            description = "Codebooks, 1.." + MaddnessConfig.MAX_CODEBOOKS + " and at most D; a power of two with"
                    + " --aggregation average.")
    int codebooks;

    @Option(names = "--out", required = true, paramLabel = "MODEL",
            description = "Model file to write (safetensors); an existing file only with --force.")
    Path out;

    @Option(names = "--aggregation", defaultValue = "average", paramLabel = "average|sum",
            description = "How the C table bytes are combined: average (MADDNESS's default, rounding-up averages) or"
                    + " sum (exact) (default: ${DEFAULT-VALUE}).")
    String aggregation;

    @Option(names = "--no-ridge", description = "Keep the bucket-mean prototypes (MADDNESS-PQ) instead of refining"
            + " them by ridge regression.")
    boolean noRidge;

    @Option(names = "--lambda", defaultValue = "1.0", paramLabel = "L",
            description = "Ridge penalty, > 0 (default: ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--force", description = "Replace an existing --out file.")
    boolean force;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        MaddnessConfig config = config();
        CliSupport.checkOutput("--out", out, force, a, b);
        Progress progress = parent == null ? Progress.SILENT : parent.progress();
        Tensor train;
        Tensor weights;
        MaddnessModel model;
        MaddnessMatmul matmul;
        double fitSeconds;
        double nmse;
        try (Progress.Task task = progress.start("lutmm fit", 4)) {
            train = CliSupport.readMatrix("--a", a);
            weights = CliSupport.readMatrix("--b", b);
            int d = train.dim(1);
            if (codebooks > d) {
                throw new IllegalArgumentException("--codebooks " + codebooks + " is larger than D = " + d
                        + " (the columns of --a " + a + "); each codebook needs an input column");
            }
            if (weights.dim(0) != d) {
                throw new IllegalArgumentException("--b " + b + " is " + CliSupport.shape(weights) + " but --a " + a
                        + " has D = " + d + " columns; B must be [" + d + ", M]");
            }
            if (weights.dim(1) == 0) {
                throw new IllegalArgumentException("--b " + b + " has 0 columns");
            }
            CliSupport.checkFinite("--b", b, weights);
            task.step();
            long start = System.nanoTime();
            try {
                model = MaddnessModel.fit(train, config);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--a " + a + ": " + e.getMessage(), e);
            }
            fitSeconds = (System.nanoTime() - start) / 1e9;
            task.step();
            matmul = model.bind(weights);
            nmse = ApproximationError.nmse(train.matmul(weights), matmul.multiply(train));
            task.step();
            MaddnessFile.save(out, matmul, model);
            task.step();
        }

        PrintWriter pw = spec.commandLine().getOut();
        String agg = matmul.lut().aggregation().name().toLowerCase(Locale.ROOT);
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("out", out.toString());
            o.put("a", a.toString());
            o.put("b", b.toString());
            o.put("rows", train.dim(0));
            o.put("inputs", matmul.inputs());
            o.put("codebooks", codebooks);
            o.put("outputs", matmul.outputs());
            o.put("aggregation", agg);
            o.put("ridge", config.optimizePrototypes());
            o.put("lambda", config.optimizePrototypes() ? config.ridgeLambda() : null);
            o.put("fitSeconds", fitSeconds);
            o.put("trainNmse", CliSupport.jsonNumber(nmse));
            pw.println(Json.write(o));
        } else {
            pw.printf(Locale.ROOT, "MADDNESS D = %d, C = %d, M = %d (%s, %s) fitted on %d rows in %.2f s; training"
                    + " NMSE %s -> %s%n", matmul.inputs(), codebooks, matmul.outputs(), agg,
                    config.optimizePrototypes() ? "ridge lambda " + config.ridgeLambda() : "no ridge", train.dim(0),
                    fitSeconds, Double.isNaN(nmse) ? "undefined (the exact product is constant)"
                            : String.format(Locale.ROOT, "%.4g", nmse), out);
        }
        pw.flush();
        return 0;
    }

    /** The configuration from the options, each bad value named. */
    private MaddnessConfig config() {
        if (codebooks < 1 || codebooks > MaddnessConfig.MAX_CODEBOOKS) {
            throw new IllegalArgumentException("--codebooks must be in [1, " + MaddnessConfig.MAX_CODEBOOKS + "], got "
                    + codebooks);
        }
        Aggregation agg = switch (aggregation.toLowerCase(Locale.ROOT)) {
            case "average" -> Aggregation.AVERAGE;
            case "sum" -> Aggregation.SUM;
            default -> throw new IllegalArgumentException("--aggregation must be average or sum, got '" + aggregation
                    + "'");
        };
        if (agg == Aggregation.AVERAGE && Integer.bitCount(codebooks) != 1) {
            throw new IllegalArgumentException("--codebooks " + codebooks + " is not a power of two, which"
                    + " --aggregation average needs (or use --aggregation sum)");
        }
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("--lambda must be positive and finite, got " + lambda);
        }
        return new MaddnessConfig(codebooks, agg, !noRidge, lambda);
    }
}
