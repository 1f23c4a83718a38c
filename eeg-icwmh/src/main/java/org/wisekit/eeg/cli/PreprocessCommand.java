package org.wisekit.eeg.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.wisekit.datasets.io.AtomicFiles;
import org.wisekit.datasets.io.Safetensors;
import org.wisekit.eeg.data.EpochSpec;
import org.wisekit.eeg.data.TrialSet;
import org.wisekit.eeg.data.Trials;
import org.wisekit.eeg.io.Edf;
import org.wisekit.eeg.internal.GreyPng;
import org.wisekit.eeg.io.EdfRecording;
import org.wisekit.eeg.preprocess.Fusion;
import org.wisekit.eeg.preprocess.Icwmh;
import org.wisekit.eeg.preprocess.Preprocessor;
import org.wisekit.harness.Json;
import org.wisekit.harness.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit eeg preprocess --edf FILE --out DIR}: cuts epochs at the EDF+ annotations (default T1 and T2, 0 to
 * 4 s), runs the preprocessing (ICWMH, image, blur, edges, fusion) and writes one PNG per trial
 * ({@code trial-NNN-EVENT.png}, the fused CNN input scaled to 8 bit) and {@code trials.safetensors} (tensor
 * {@code images} F32 {@code [n, channels, height, width]}, tensor {@code labels} I64 {@code [n]}, the event names and
 * settings in the metadata). The output folder must be new or empty unless {@code --overwrite}.
 */
@Command(name = "preprocess", mixinStandardHelpOptions = true,
        description = {"Epochs of one EDF/EDF+ file -> ICWMH images (PNG per trial) and trials.safetensors.",
                "The method is a reconstruction (the paper gives no formulas): see the module README."})
public final class PreprocessCommand implements Callable<Integer> {

    @ParentCommand
    EegCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--edf", required = true, paramLabel = "FILE", description = "EDF or EDF+ recording with annotations.")
    Path edf;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (new or empty).")
    Path out;

    @Option(names = "--events", defaultValue = "T1,T2", paramLabel = "CODES",
            description = "Annotation codes that start a trial, comma-separated; label = position (default: ${DEFAULT-VALUE}).")
    String events;

    @Option(names = "--tmin", defaultValue = "0", paramLabel = "S", description = "Window start after onset, s (default: ${DEFAULT-VALUE}).")
    double tmin;

    @Option(names = "--tmax", defaultValue = "4", paramLabel = "S", description = "Window end after onset, s (default: ${DEFAULT-VALUE}).")
    double tmax;

    @Option(names = "--magnitude", defaultValue = "max", paramLabel = "max|std|rms|mean-abs|p99",
            description = "ICWMH channel magnitude (default: ${DEFAULT-VALUE}).")
    String magnitude;

    @Option(names = "--norm", defaultValue = "icwmh", paramLabel = "icwmh|zscore|none",
            description = "Channel normalisation before the image (default: ${DEFAULT-VALUE}).")
    String norm;

    @Option(names = "--edges", defaultValue = "canny", paramLabel = "canny|adaptive",
            description = "Edge detector (default: ${DEFAULT-VALUE}).")
    String edges;

    @Option(names = "--fusion", defaultValue = "hadamard", paramLabel = "hadamard|concat|add|edges-only|image-only",
            description = "How image and edges become the CNN input (default: ${DEFAULT-VALUE}).")
    String fusion;

    @Option(names = "--size", defaultValue = "64x128", paramLabel = "HxW", description = "Image size (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--overwrite", description = "Write into a non-empty --out folder, replacing trial files.")
    boolean overwrite;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Preprocessor.Settings settings = settings();
        List<String> codes = List.of(events.split(","));
        Map<String, Integer> eventMap = new LinkedHashMap<>();
        for (String code : codes) {
            if (code.isBlank()) {
                throw new IllegalArgumentException("--events has an empty code: '" + events + "'");
            }
            eventMap.put(code.strip(), eventMap.size());
        }
        if (!Files.isRegularFile(edf)) {
            throw new IllegalArgumentException("--edf " + edf + ": no such file");
        }
        checkOut();
        EdfRecording recording = Edf.read(edf, Edf.Option.REPAIR_CRLF);
        TrialSet trials = Trials.epochs(recording, 0, EpochSpec.of(eventMap, tmin, tmax));
        if (trials.size() == 0) {
            throw new IllegalArgumentException("--edf " + edf + " has no annotation among --events " + codes);
        }
        Preprocessor pre = new Preprocessor(settings);
        int n = trials.size();
        int c = pre.outputChannels();
        int h = settings.height();
        int w = settings.width();
        float[] all = new float[n * c * h * w];
        long[] labels = new long[n];
        Files.createDirectories(out);
        List<String> pngs = new ArrayList<>();
        try (Progress.Task task = parent.progress().start("preprocessing " + n + " trials", n)) {
            for (int i = 0; i < n; i++) {
                float[][][] x = pre.apply(trials.data()[i]);
                int k = i * c * h * w;
                for (float[][] plane : x) {
                    for (float[] row : plane) {
                        System.arraycopy(row, 0, all, k, w);
                        k += w;
                    }
                }
                labels[i] = trials.labels()[i];
                String name = String.format(Locale.ROOT, "trial-%03d-%s.png", i, trials.events().get(i));
                AtomicFiles.write(out.resolve(name), GreyPng.of(x[0]));
                pngs.add(name);
                task.step();
            }
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("source", edf.getFileName().toString());
        metadata.put("events", String.join(",", eventMap.keySet()));
        metadata.put("settings", settings.toString());
        Safetensors file = new Safetensors(new LinkedHashMap<>(), metadata)
                .with("images", Safetensors.Tensor.ofFloats(all, n, c, h, w))
                .with("labels", new Safetensors.Tensor(Safetensors.Dtype.I64, new long[] {n}, longBytes(labels)));
        file.write(out.resolve("trials.safetensors"));

        PrintWriter pw = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("trials", n);
            o.put("shape", List.of(n, c, h, w));
            o.put("events", List.copyOf(eventMap.keySet()));
            o.put("labelCounts", trials.labelCounts());
            o.put("tensorFile", out.resolve("trials.safetensors").toString());
            o.put("images", pngs);
            pw.println(Json.write(o));
        } else {
            pw.printf(Locale.ROOT, "%d trials (%s) -> %s: %d PNG images and trials.safetensors [%d, %d, %d, %d]%n", n,
                    String.join("/", eventMap.keySet()), out, n, n, c, h, w);
        }
        pw.flush();
        return 0;
    }

    private Preprocessor.Settings settings() {
        Preprocessor.Settings s = Preprocessor.Settings.defaults();
        s = s.withChannelNorm(switch (norm.toLowerCase(Locale.ROOT)) {
            case "icwmh" -> Preprocessor.ChannelNorm.ICWMH;
            case "zscore" -> Preprocessor.ChannelNorm.ZSCORE;
            case "none" -> Preprocessor.ChannelNorm.NONE;
            default -> throw new IllegalArgumentException("--norm must be icwmh, zscore or none, got '" + norm + "'");
        });
        s = s.withMagnitude(switch (magnitude.toLowerCase(Locale.ROOT)) {
            case "max" -> Icwmh.Magnitude.MAX;
            case "std" -> Icwmh.Magnitude.STD;
            case "rms" -> Icwmh.Magnitude.RMS;
            case "mean-abs" -> Icwmh.Magnitude.MEAN_ABS;
            case "p99" -> Icwmh.Magnitude.P99;
            default -> throw new IllegalArgumentException("--magnitude must be max, std, rms, mean-abs or p99, got '"
                    + magnitude + "'");
        });
        s = s.withEdgeDetector(switch (edges.toLowerCase(Locale.ROOT)) {
            case "canny" -> Preprocessor.EdgeDetector.CANNY;
            case "adaptive" -> Preprocessor.EdgeDetector.ADAPTIVE;
            default -> throw new IllegalArgumentException("--edges must be canny or adaptive, got '" + edges + "'");
        });
        s = s.withFusion(switch (fusion.toLowerCase(Locale.ROOT)) {
            case "hadamard" -> Fusion.Mode.HADAMARD;
            case "concat" -> Fusion.Mode.CONCAT;
            case "add" -> Fusion.Mode.ADD;
            case "edges-only" -> Fusion.Mode.EDGES_ONLY;
            case "image-only" -> Fusion.Mode.IMAGE_ONLY;
            default -> throw new IllegalArgumentException("--fusion must be hadamard, concat, add, edges-only or"
                    + " image-only, got '" + fusion + "'");
        });
        return ImageSize.apply(s, size);
    }

    private void checkOut() throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file, not a folder");
        }
        if (Files.isDirectory(out) && !overwrite) {
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException("--out " + out + " is not empty; choose a new folder or pass --overwrite");
                }
            }
        }
    }

    private static byte[] longBytes(long[] v) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(v.length * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (long x : v) {
            b.putLong(x);
        }
        return b.array();
    }
}
