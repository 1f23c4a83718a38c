package org.wisekit.lutmm.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wisekit.datasets.io.AtomicFiles;
import org.wisekit.datasets.io.Npy;
import org.wisekit.harness.Json;
import org.wisekit.harness.Progress;
import org.wisekit.lutmm.ApproximationError;
import org.wisekit.lutmm.MaddnessMatmul;
import org.wisekit.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit lutmm apply --model MODEL --a A.npy --out OUT.npy [--b B.npy] [--force] [--json]}: writes the
 * approximate product of a saved model with the rows of A (float32 {@code .npy}, [N, M]) and, with {@code --b},
 * prints the NMSE against the exact product A·B.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"The approximate product of a saved model (from 'lutmm fit') with new rows A, written as a"
                + " float32 .npy file [N, M].",
                "--a: a 2-D float32/float64 .npy file [N, D]. With --b B.npy [D, M], also prints the NMSE"
                        + " mean((Y - Yhat)^2) / var(Y) against the exact product Y = A B."})
public final class ApplyCommand implements Callable<Integer> {

    @ParentCommand
    LutmmCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model written by 'lutmm fit'.")
    Path model;

    @Option(names = "--a", required = true, paramLabel = "A.npy", description = "Rows to multiply, A [N, D].")
    Path a;

    @Option(names = "--out", required = true, paramLabel = "OUT.npy",
            description = "The approximate product to write (float32 .npy); an existing file only with --force.")
    Path out;

    @Option(names = "--b", paramLabel = "B.npy",
            description = "The exact B [D, M] the model was bound to: prints the NMSE against A B.")
    Path b;

    @Option(names = "--force", description = "Replace an existing --out file.")
    boolean force;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        CliSupport.checkOutput("--out", out, force, model, a, b);
        Progress progress = parent == null ? Progress.SILENT : parent.progress();
        MaddnessMatmul matmul;
        Tensor rows;
        Tensor approx;
        double nmse = Double.NaN;
        try (Progress.Task task = progress.start("lutmm apply", 3)) {
            matmul = CliSupport.loadModel(model);
            int d = matmul.inputs();
            int m = matmul.outputs();
            rows = CliSupport.readMatrix("--a", a);
            if (rows.dim(1) != d) {
                throw new IllegalArgumentException("--a " + a + " has " + rows.dim(1) + " columns but --model " + model
                        + " takes D = " + d);
            }
            CliSupport.checkRows("--a", a, rows);
            Tensor weights = null;
            if (b != null) {
                weights = CliSupport.readMatrix("--b", b);
                if (weights.dim(0) != d || weights.dim(1) != m) {
                    throw new IllegalArgumentException("--b " + b + " is " + CliSupport.shape(weights) + " but --model "
                            + model + " multiplies by B of shape [" + d + ", " + m + "]");
                }
                CliSupport.checkFinite("--b", b, weights);
            }
            task.step();
            approx = matmul.multiply(rows);
            task.step();
            AtomicFiles.write(out, Npy.writeFloat32(approx.data(), rows.dim(0), m));
            if (weights != null) {
                nmse = ApproximationError.nmse(rows.matmul(weights), approx);
            }
            task.step();
        }

        PrintWriter pw = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("out", out.toString());
            o.put("model", model.toString());
            o.put("a", a.toString());
            o.put("rows", rows.dim(0));
            o.put("inputs", matmul.inputs());
            o.put("codebooks", matmul.encoder().codebooks());
            o.put("outputs", matmul.outputs());
            o.put("aggregation", matmul.lut().aggregation().name().toLowerCase(Locale.ROOT));
            o.put("b", b == null ? null : b.toString());
            o.put("nmse", CliSupport.jsonNumber(nmse));
            pw.println(Json.write(o));
        } else {
            pw.printf(Locale.ROOT, "wrote the %d x %d approximate product (D = %d, C = %d) to %s%n", rows.dim(0),
                    matmul.outputs(), matmul.inputs(), matmul.encoder().codebooks(), out);
            if (b != null) {
                pw.printf(Locale.ROOT, "NMSE against the exact product with --b %s: %s%n", b, Double.isNaN(nmse)
                        ? "undefined (the exact product is constant)" : String.format(Locale.ROOT, "%.4g", nmse));
            }
        }
        pw.flush();
        return 0;
    }
}
