package org.wisekit.asr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wisekit.asr.dl4j.DynamicEncoder;
import org.wisekit.harness.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit asr export --model MODEL --size 8 --out FILE}: writes the subnet of one trained size
 * ({@link DynamicEncoder#exportSubnet}): only its kept modules, its own output layer and the shared front end and
 * block norms; the file is a model of that one size for {@code transcribe}. Prints the size, the kept modules and
 * the parameters of the export against the full model (its largest size).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write the subnet of one trained size (only its kept modules and its output layer) as a model"
                + " of that size.",
                "Prints the kept modules and the parameters of the export vs the full model."})
public final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL",
            description = "A model written by 'asr train' (or 'asr export').")
    Path model;

    @Option(names = "--size", required = true, paramLabel = "K", description = "Encoder size (modules), a trained one.")
    int size;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The subnet model file to write.")
    Path out;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        CliSupport.checkOutputFile("--out", out);
        if (out.toAbsolutePath().normalize().equals(model.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--out " + out + " is the --model file; name another file");
        }
        DynamicEncoder full = CliSupport.loadModel(model);
        CliSupport.checkSize(full, model, size);
        DynamicEncoder exported = CliSupport.nd4j(() -> {
            full.exportSubnet(size, out);
            return DynamicEncoder.load(out);
        });
        int[] sizes = full.sizes();
        int fullSize = sizes[sizes.length - 1];
        boolean[] mask = exported.mask(size);
        List<Integer> kept = CliSupport.kept(mask);
        long exportParameters = exported.parameters(size);
        long fullParameters = full.parameters(fullSize);

        PrintWriter pw = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("model", model.toString());
            o.put("out", out.toString());
            o.put("size", size);
            o.put("keptModules", kept);
            o.put("keptModuleTypes", CliSupport.keptTypes(mask));
            o.put("exportParameters", exportParameters);
            o.put("fullSize", fullSize);
            o.put("fullParameters", fullParameters);
            o.put("modelSizes", sizes);
            pw.println(Json.write(o));
        } else {
            pw.printf(Locale.ROOT, "size %d of %s (sizes %s) -> %s%n", size, model, CliSupport.join(sizes), out);
            pw.printf(Locale.ROOT, "kept modules %s (%s)%n", kept, String.join(" ", CliSupport.keptTypes(mask)));
            pw.printf(Locale.ROOT, "parameters: %d in the export vs %d in the full model (size %d), %.1f %%%n",
                    exportParameters, fullParameters, fullSize, 100.0 * exportParameters / fullParameters);
        }
        pw.flush();
        return 0;
    }
}
