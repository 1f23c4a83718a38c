package org.wisekit.asr.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.wisekit.asr.EncoderConfig;
import org.wisekit.asr.audio.Features;
import org.wisekit.asr.ctc.DigitErrorRate;
import org.wisekit.asr.data.ConnectedDigits;
import org.wisekit.asr.dl4j.DynamicEncoder;
import org.wisekit.asr.dl4j.SupernetTrainer;
import org.wisekit.asr.dl4j.TrainingData;
import org.wisekit.asr.select.Masks;
import org.wisekit.datasets.Fsdd;
import org.wisekit.datasets.FsddRecording;
import org.wisekit.datasets.MalformedDataException;
import org.wisekit.harness.Json;
import org.wisekit.harness.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit asr train --sizes 4,8,12,16 --method topk|izo --wav-dir DIR --out MODEL}: builds connected-digit
 * utterances from an FSDD-style folder ({@code {digit}_{speaker}_{take}.wav}, 8 kHz 16-bit PCM mono; training
 * utterances from takes 5-49, test utterances from takes 0-4, {@link ConnectedDigits}), trains the Conformer-CTC
 * supernet ({@link EncoderConfig#lite()}, width {@code --dim}) with Simple-Top-k or Iterative-Zero-Out
 * ({@link SupernetTrainer}, the note's settings: 60 % of the updates learn the module scores, batch 16, two modules
 * removed per stage-1 round), saves the model to {@code --out} and prints per size the test digit error rate, the
 * kept modules and the parameters.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a dynamic-size Conformer-CTC supernet on connected digits built from FSDD-style WAV files"
                + " and save it.",
                "DIR holds {digit}_{speaker}_{take}.wav (8 kHz, 16-bit PCM mono): takes 5-49 build the training"
                        + " utterances, takes 0-4 the test utterances.",
                "Prints per size the test digit error rate (DER), the kept modules (0-15; four per block: ff1, conv,"
                        + " mhsa, ff2) and the parameters."})
public final class TrainCommand implements Callable<Integer> {

    private static final int MAX_DIM = 512;

    @ParentCommand
    AsrCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--sizes", required = true, split = ",", paramLabel = "K,K,...",
            description = "Deployable sizes in modules, strictly increasing in 1..16, ending with 16 (e.g. 4,8,12,16).")
    int[] sizes;

    @Option(names = "--method", required = true, paramLabel = "topk|izo",
            description = "Module selection: topk (Simple-Top-k) or izo (Iterative-Zero-Out).")
    String method;

    @Option(names = "--wav-dir", required = true, paramLabel = "DIR",
            description = "FSDD-style recordings folder ({digit}_{speaker}_{take}.wav).")
    Path wavDir;

    @Option(names = "--out", required = true, paramLabel = "MODEL",
            description = "Model file to write (safetensors); an existing file only with --force.")
    Path out;

    @Option(names = "--steps", defaultValue = "1500", paramLabel = "N",
            description = "Updates in total (default: ${DEFAULT-VALUE}; the note's budget).")
    int steps;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Seed of the utterances, the initialisation and the training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--train", defaultValue = "6000", paramLabel = "N",
            description = "Training utterances, at least 16 (one batch) (default: ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--test", defaultValue = "600", paramLabel = "N",
            description = "Test utterances, at least 1 (default: ${DEFAULT-VALUE}).")
    int test;

    @Option(names = "--dim", defaultValue = "48", paramLabel = "D",
            description = "Model width, a multiple of the 4 attention heads in 4..512; feed-forward width 4 D"
                    + " (default: ${DEFAULT-VALUE}, the note's Conformer-lite).")
    int dim;

    @Option(names = "--force", description = "Replace an existing --out file.")
    boolean force;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        SupernetTrainer.Method selection = method();
        EncoderConfig config = config();
        int modules = config.modules();
        checkSizes(modules);
        SupernetTrainer.Settings settings = settings(modules);
        if (train < settings.batch()) {
            throw new IllegalArgumentException("--train must be >= " + settings.batch() + " (one batch of utterances),"
                    + " got " + train);
        }
        if (test < 1) {
            throw new IllegalArgumentException("--test must be >= 1, got " + test);
        }
        CliSupport.checkOutputFile("--out", out);
        if (Files.exists(out) && !force) {
            throw new IllegalArgumentException("--out " + out + " exists; pass --force to replace it");
        }
        List<FsddRecording> clips = clips();
        ConnectedDigits.Corpus corpus;
        try {
            corpus = ConnectedDigits.build(clips, train, test, seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--wav-dir " + wavDir + ": " + e.getMessage(), e);
        }

        Progress progress = parent == null ? Progress.SILENT : parent.progress();
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        List<float[]> trainMel;
        List<float[]> testMel;
        try (Progress.Task task = progress.start("asr features", 2)) {
            trainMel = values(ConnectedDigits.features(corpus.train(), threads));
            task.step();
            testMel = values(ConnectedDigits.features(corpus.test(), threads));
            task.step();
        }
        TrainingData data = new TrainingData(trainMel, ConnectedDigits.ctcLabels(corpus.train()));
        List<int[]> testLabels = ConnectedDigits.ctcLabels(corpus.test());

        SupernetTrainer.Result result;
        try (Progress.Task task = progress.start("asr train " + method, steps)) {
            result = CliSupport.nd4j(() -> SupernetTrainer.trainSupernet(config, sizes, selection, settings, data,
                    (step, total, loss) -> {
                        task.step();
                        task.status(String.format(Locale.ROOT, "update %d/%d, loss %.3f", step + 1, total, loss));
                    }));
        }
        DynamicEncoder model = result.model();
        model.save(out);

        List<Map<String, Object>> rows = new ArrayList<>();
        try (Progress.Task task = progress.start("asr test DER", sizes.length)) {
            for (int size : sizes) {
                List<int[]> hypotheses = CliSupport.nd4j(() -> model.transcribe(testMel, size));
                DigitErrorRate der = new DigitErrorRate();
                for (int u = 0; u < hypotheses.size(); u++) {
                    der.add(testLabels.get(u), hypotheses.get(u));
                }
                boolean[] mask = model.mask(size);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("size", size);
                row.put("der", der.rate());
                row.put("digitErrors", der.errors());
                row.put("referenceDigits", der.referenceLabels());
                row.put("keptModules", CliSupport.kept(mask));
                row.put("keptModuleTypes", CliSupport.keptTypes(mask));
                row.put("parameters", model.parameters(size));
                rows.add(row);
                task.step();
            }
        }

        PrintWriter pw = spec.commandLine().getOut();
        TreeSet<String> speakers = new TreeSet<>();
        clips.forEach(c -> speakers.add(c.speaker()));
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("model", out.toString());
            o.put("method", model.method());
            o.put("sizes", sizes);
            o.put("steps", steps);
            o.put("seed", seed);
            o.put("dim", dim);
            o.put("wavDir", wavDir.toString());
            o.put("clips", clips.size());
            o.put("speakers", List.copyOf(speakers));
            o.put("trainUtterances", corpus.train().size());
            o.put("testUtterances", corpus.test().size());
            o.put("trainingSeconds", result.seconds());
            o.put("finalLoss", result.losses()[result.losses().length - 1]);
            o.put("scores", model.scores());
            o.put("results", rows);
            o.put("events", result.events());
            pw.println(Json.write(o));
        } else {
            pw.printf(Locale.ROOT, "%s supernet (sizes %s, width %d): %d training / %d test utterances from %d clips of"
                    + " %d speakers in %s%n", model.method(), CliSupport.join(sizes), dim, corpus.train().size(),
                    corpus.test().size(), clips.size(), speakers.size(), wavDir);
            pw.printf(Locale.ROOT, "trained %d updates in %.1f s (final loss %.3f) -> %s%n", steps, result.seconds(),
                    result.losses()[result.losses().length - 1], out);
            pw.printf(Locale.ROOT, "%4s  %8s  %-54s  %s%n", "size", "test DER", "kept modules", "parameters");
            for (Map<String, Object> row : rows) {
                pw.printf(Locale.ROOT, "%4d  %6.2f %%  %-54s  %d%n", (Integer) row.get("size"),
                        100 * (Double) row.get("der"), row.get("keptModules"), (Long) row.get("parameters"));
            }
        }
        pw.flush();
        return 0;
    }

    private SupernetTrainer.Method method() {
        return switch (method.toLowerCase(Locale.ROOT)) {
            case "topk" -> SupernetTrainer.Method.SIMPLE_TOP_K;
            case "izo" -> SupernetTrainer.Method.ITERATIVE_ZERO_OUT;
            default -> throw new IllegalArgumentException("--method must be topk or izo, got '" + method + "'");
        };
    }

    private EncoderConfig config() {
        if (dim < 4 || dim > MAX_DIM || dim % 4 != 0) {
            throw new IllegalArgumentException("--dim must be a multiple of 4 (the attention heads) in 4.." + MAX_DIM
                    + ", got " + dim);
        }
        EncoderConfig lite = EncoderConfig.lite();
        return new EncoderConfig(lite.melBins(), lite.stack(), dim, lite.ffDim() / lite.dim() * dim, lite.heads(),
                lite.convKernel(), lite.blocks(), lite.vocab());
    }

    private void checkSizes(int modules) {
        try {
            Masks.validateSizes(sizes, modules);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--sizes " + CliSupport.join(sizes) + ": " + e.getMessage(), e);
        }
        if (sizes.length < 2) {
            throw new IllegalArgumentException("--sizes must name a subnet size below " + modules + " and the full "
                    + modules + ", got " + CliSupport.join(sizes));
        }
    }

    /**
     * The note's settings ({@link SupernetTrainer.Settings#of}) with the stage-1 reduction capped at the number of
     * modules the smallest size removes, after checking that {@code --steps} gives stage 1 one update per removal
     * round and leaves stage 2 at least one.
     */
    private SupernetTrainer.Settings settings(int modules) {
        if (steps < 2) {
            throw new IllegalArgumentException("--steps must be >= 2, got " + steps);
        }
        SupernetTrainer.Settings base = SupernetTrainer.Settings.of(steps, seed);
        int removed = modules - sizes[0];
        int reduction = Math.min(base.reduction(), removed);
        int rounds = (removed + reduction - 1) / reduction;
        if (!fits(base, rounds)) {
            int least = steps;
            while (!fits(SupernetTrainer.Settings.of(least, seed), rounds)) {
                least++;
            }
            throw new IllegalArgumentException("--steps " + steps + " is too few for --sizes " + CliSupport.join(sizes)
                    + ": stage 1 (60 % of the updates) needs one update per round of removing " + reduction
                    + " modules (" + rounds + " rounds) and stage 2 at least one; use --steps " + least + " or more");
        }
        return base.withReduction(reduction);
    }

    /** Stage 1 holds at most {@code stage1Steps() + 1} updates (its last step is inclusive). */
    private static boolean fits(SupernetTrainer.Settings s, int rounds) {
        return s.stage1Steps() >= rounds && s.stage1Steps() + 1 < s.steps();
    }

    /** The FSDD recordings of {@code --wav-dir}; bad input names the option. */
    private List<FsddRecording> clips() {
        if (!Files.isDirectory(wavDir)) {
            throw new IllegalArgumentException("--wav-dir " + wavDir + ": no such folder");
        }
        List<FsddRecording> clips;
        try {
            clips = Fsdd.read(wavDir);
        } catch (MalformedDataException e) {
            throw new IllegalArgumentException("--wav-dir " + wavDir + ": " + e.getMessage(), e);
        }
        if (clips.isEmpty()) {
            throw new IllegalArgumentException("--wav-dir " + wavDir + " holds no FSDD-named WAV files"
                    + " ({digit}_{speaker}_{take}.wav)");
        }
        return clips;
    }

    private static List<float[]> values(List<Features> features) {
        List<float[]> out = new ArrayList<>(features.size());
        for (Features f : features) {
            out.add(f.values());
        }
        return out;
    }
}
