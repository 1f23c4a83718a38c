package org.wisekit.asr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wisekit.asr.dl4j.DynamicEncoder;
import org.wisekit.harness.Json;
import org.wisekit.harness.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit asr transcribe --model MODEL --size 8 FILE.wav...}: the digit string of each WAV file (16-bit PCM
 * mono at any sample rate, resampled to 8 kHz) by greedy CTC decoding at one trained size, which runs only that
 * size's kept modules. Prints {@code FILE<TAB>digits} per file, or with {@code --json} an array of
 * {@code {file, digits}}. Writes no files.
 */
@Command(name = "transcribe", mixinStandardHelpOptions = true,
        description = {"Digit strings of WAV files (16-bit PCM mono, any sample rate) at one trained encoder size.",
                "Prints FILE<TAB>digits per file (--json: an array of {file, digits})."})
public final class TranscribeCommand implements Callable<Integer> {

    @ParentCommand
    AsrCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL",
            description = "A model written by 'asr train' or 'asr export'.")
    Path model;

    @Option(names = "--size", required = true, paramLabel = "K", description = "Encoder size (modules), a trained one.")
    int size;

    @Parameters(arity = "1..*", paramLabel = "FILE.wav", description = "WAV files to transcribe.")
    List<Path> files;

    @Option(names = "--json", description = "Print one JSON array instead of text.")
    boolean json;

    @Override
    public Integer call() {
        DynamicEncoder encoder = CliSupport.loadModel(model);
        CliSupport.checkSize(encoder, model, size);
        Progress progress = parent == null ? Progress.SILENT : parent.progress();
        List<float[]> mel = new ArrayList<>(files.size());
        List<int[]> labels;
        try (Progress.Task task = progress.start("asr transcribe", files.size() + 1L)) {
            for (Path file : files) {
                mel.add(CliSupport.mel(file));
                task.step();
            }
            labels = CliSupport.nd4j(() -> encoder.transcribe(mel, size));
            task.step();
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String digits = digits(labels.get(i));
            if (json) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("file", files.get(i).toString());
                row.put("digits", digits);
                rows.add(row);
            } else {
                out.println(files.get(i) + "\t" + digits);
            }
        }
        if (json) {
            out.println(Json.write(rows));
        }
        out.flush();
        return 0;
    }

    /** CTC labels 1..10 as the digits 0..9. */
    static String digits(int[] labels) {
        StringBuilder s = new StringBuilder(labels.length);
        for (int label : labels) {
            s.append((char) ('0' + label - 1));
        }
        return s.toString();
    }
}
