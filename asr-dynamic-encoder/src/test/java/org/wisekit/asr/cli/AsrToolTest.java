package org.wisekit.asr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.asr.EncoderConfig;
import org.wisekit.asr.audio.Features;
import org.wisekit.asr.ctc.DigitErrorRate;
import org.wisekit.asr.data.ConnectedDigits;
import org.wisekit.asr.dl4j.ConformerWeights;
import org.wisekit.asr.dl4j.DynamicEncoder;
import org.wisekit.asr.select.Masks;
import org.wisekit.datasets.Fsdd;
import org.wisekit.datasets.Wav;
import org.wisekit.datasets.WavAudio;
import org.wisekit.harness.Tool;
import org.wisekit.harness.testing.ToolRunner;
import org.wisekit.tensor.nd4j.Nd4jThreads;

/**
 * {@code wisekit asr train | transcribe | export}: the CLI convention on a synthetic FSDD-style folder (tones named
 * like FSDD files), the outputs against the library, and every bad input (exit 2, one line naming the value).
 */
class AsrToolTest {

    private static final String[] SPEAKERS = {"alice", "bob"};
    /** Takes 0-4 are FSDD's test clips, 5-6 training clips here. */
    private static final int TAKES = 7;

    @TempDir
    Path dir;

    /** A tone per digit and speaker, 0.2 s plus 10 ms per take, in a Hann envelope. */
    private static float[] tone(int digit, int speaker, int take, int rate) {
        float[] s = new float[(int) ((0.2 + 0.01 * take) * rate)];
        double f = 300 + 150 * digit + 40 * speaker;
        for (int i = 0; i < s.length; i++) {
            double envelope = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (s.length - 1));
            s[i] = (float) (0.3 * envelope * Math.sin(2 * Math.PI * f * i / rate));
        }
        return s;
    }

    /** An FSDD-style folder: {digit}_{speaker}_{take}.wav for 10 digits, 2 speakers and takes 0-6 at 8 kHz. */
    private static Path fsddFolder(Path folder, int firstTake, int lastTake) {
        for (int d = 0; d < 10; d++) {
            for (int s = 0; s < SPEAKERS.length; s++) {
                for (int t = firstTake; t <= lastTake; t++) {
                    ConnectedDigits.writeWav(folder.resolve(d + "_" + SPEAKERS[s] + "_" + t + ".wav"), tone(d, s, t, 8000),
                            8000);
                }
            }
        }
        return folder;
    }

    /** The tones of {@code digits} joined by 0.1 s of silence, at {@code rate}. */
    private static float[] digits(int rate, int... digits) {
        float[] out = new float[0];
        for (int d : digits) {
            float[] t = tone(d, 0, 2, rate);
            int at = out.length;
            out = Arrays.copyOf(out, at + rate / 10 + t.length);
            System.arraycopy(t, 0, out, at + rate / 10, t.length);
        }
        return out;
    }

    /** Runs {@code work} with stdout and stderr captured; stdout must stay empty (SameDiff's prints go to stderr). */
    private static <T> T quiet(Supplier<T> work) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stray = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stray, true));
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        T result;
        try {
            result = work.get();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(stray.toString(StandardCharsets.UTF_8)).as("text on System.out").isEmpty();
        return result;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    @Test
    void trainTranscribeAndExportFollowTheConventionAndAgreeWithTheLibrary() throws IOException {
        Path wavs = fsddFolder(dir.resolve("recordings"), 0, TAKES - 1);
        Path model = dir.resolve("model.safetensors");
        JsonNode trained = quiet(() -> ToolRunner.assertConvention(new AsrTool(), dir,
                List.of(Path.of("model.safetensors")), "train", "--sizes", "8,12,16", "--method", "topk", "--wav-dir",
                wavs.toString(), "--out", model.toString(), "--steps", "7", "--train", "16", "--test", "8", "--dim",
                "8", "--json").json());
        assertThat(trained.get("clips").asInt()).isEqualTo(10 * SPEAKERS.length * TAKES);
        assertThat(strings(trained.get("speakers"))).containsExactly(SPEAKERS);
        assertThat(trained.get("trainUtterances").asInt()).isEqualTo(16);
        assertThat(trained.get("testUtterances").asInt()).isEqualTo(8);
        assertThat(trained.get("trainingSeconds").asDouble()).isPositive();
        assertThat(trained.get("events").toString()).contains("stage 2");
        JsonNode results = trained.get("results");
        assertThat(results).hasSize(3);

        // the saved model has the printed masks and parameters; its test DER is the printed one
        DynamicEncoder saved = DynamicEncoder.load(model);
        assertThat(saved.sizes()).containsExactly(8, 12, 16);
        assertThat(trained.get("method").asText()).isEqualTo(saved.method());
        ConnectedDigits.Corpus corpus = ConnectedDigits.build(Fsdd.read(wavs), 16, 8, 1);
        List<float[]> testMel = new ArrayList<>();
        ConnectedDigits.features(corpus.test(), 1).forEach(f -> testMel.add(f.values()));
        List<Integer> previous = List.of();
        for (int i = 0; i < 3; i++) {
            JsonNode row = results.get(i);
            int size = row.get("size").asInt();
            List<Integer> kept = ints(row.get("keptModules"));
            assertThat(kept).hasSize(size).containsAll(previous);
            assertThat(kept).isEqualTo(CliSupport.kept(saved.mask(size)));
            assertThat(strings(row.get("keptModuleTypes"))).hasSize(size);
            assertThat(row.get("parameters").asLong()).isEqualTo(saved.parameters(size));
            previous = kept;
            List<int[]> hypotheses = Nd4jThreads.single(() -> saved.transcribe(testMel, size));
            DigitErrorRate der = new DigitErrorRate();
            for (int u = 0; u < hypotheses.size(); u++) {
                int[] reference = corpus.test().get(u).digits().clone();
                for (int k = 0; k < reference.length; k++) {
                    reference[k]++;
                }
                der.add(reference, hypotheses.get(u));
            }
            assertThat(row.get("der").asDouble()).isEqualTo(der.rate());
            assertThat(row.get("referenceDigits").asLong()).isEqualTo(der.referenceLabels());
        }

        // transcribe: an 8 kHz and a 16 kHz file, resampled, as the library decodes them
        Path in = Files.createDirectories(dir.resolve("in"));
        Path a = in.resolve("a.wav");
        Path b = in.resolve("b.wav");
        ConnectedDigits.writeWav(a, digits(8000, 3, 1, 4), 8000);
        ConnectedDigits.writeWav(b, digits(16000, 9, 2), 16000);
        JsonNode transcribed = ToolRunner.assertConvention(new AsrTool(), dir, List.of(), "transcribe", "--model",
                model.toString(), "--size", "8", a.toString(), b.toString(), "--json").json();
        assertThat(transcribed).hasSize(2);
        List<String> expected = new ArrayList<>();
        for (Path file : List.of(a, b)) {
            WavAudio audio = Wav.read(file);
            int[] labels = Nd4jThreads.single(() -> saved.transcribe(List.of(Features.compute(audio.samples(),
                    audio.sampleRate()).values()), 8)).get(0);
            StringBuilder s = new StringBuilder();
            for (int label : labels) {
                s.append(label - 1);
            }
            expected.add(s.toString());
        }
        assertThat(transcribed.get(0).get("file").asText()).isEqualTo(a.toString());
        assertThat(transcribed.get(1).get("file").asText()).isEqualTo(b.toString());
        assertThat(List.of(transcribed.get(0).get("digits").asText(), transcribed.get(1).get("digits").asText()))
                .isEqualTo(expected);
        ToolRunner.Run text = ToolRunner.run(new AsrTool(), "transcribe", "--model", model.toString(), "--size", "8",
                a.toString(), b.toString());
        assertThat(text.out().lines().toList()).containsExactly(a + "\t" + expected.get(0), b + "\t" + expected.get(1));

        // export: only the kept modules; the exported model transcribes as the full one at that size
        Path sub = dir.resolve("eight.safetensors");
        JsonNode exported = ToolRunner.assertConvention(new AsrTool(), dir, List.of(Path.of("eight.safetensors")),
                "export", "--model", model.toString(), "--size", "8", "--out", sub.toString(), "--json").json();
        assertThat(ints(exported.get("keptModules"))).isEqualTo(ints(results.get(0).get("keptModules")));
        assertThat(exported.get("exportParameters").asLong()).isEqualTo(results.get(0).get("parameters").asLong());
        assertThat(exported.get("fullParameters").asLong()).isEqualTo(results.get(2).get("parameters").asLong());
        assertThat(exported.get("exportParameters").asLong()).isLessThan(exported.get("fullParameters").asLong());
        assertThat(DynamicEncoder.load(sub).sizes()).containsExactly(8);
        assertThat(Files.size(sub)).isLessThan(Files.size(model));
        JsonNode fromExport = ToolRunner.run(new AsrTool(), "transcribe", "--model", sub.toString(), "--size", "8",
                a.toString(), b.toString(), "--json").json();
        assertThat(fromExport).isEqualTo(transcribed);
        assertError("--size 16 was not trained; " + sub + " runs at sizes 8", "transcribe", "--model", sub.toString(),
                "--size", "16", a.toString());
    }

    @Test
    void iterativeZeroOutTrainsAtTheLeastStepsAndReplacesAFileOnlyWithForce() throws IOException {
        Path wavs = fsddFolder(dir.resolve("recordings"), 0, TAKES - 1);
        Path model = Files.writeString(dir.resolve("izo.safetensors"), "an older file");
        // 12,16 removes 4 modules, 2 per round: stage 1 needs 2 updates (60 % of 4), stage 2 the rest
        assertError("--steps 3 is too few for --sizes 12,16", train(wavs, model, "--sizes", "12,16", "--method", "izo",
                "--steps", "3"));
        assertError("use --steps 4 or more", train(wavs, model, "--sizes", "12,16", "--method", "izo", "--steps", "3"));
        String[] least = train(wavs, model, "--sizes", "12,16", "--method", "izo", "--steps", "4");
        assertError("--out " + model + " exists; pass --force to replace it", least);
        ToolRunner.Run run = quiet(() -> ToolRunner.run(new AsrTool(), concat(least, "--force")));
        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        DynamicEncoder saved = DynamicEncoder.load(model);
        assertThat(saved.sizes()).containsExactly(12, 16);
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).contains(saved.method()).contains("16 training / 4 test utterances from 140 clips of 2"
                + " speakers");
        assertThat(lines.get(1)).startsWith("trained 4 updates in").endsWith("-> " + model);
        assertThat(lines.get(2)).contains("size", "test DER", "kept modules", "parameters");
        assertThat(lines.get(3).trim()).startsWith("12 ").contains(CliSupport.kept(saved.mask(12)).toString())
                .endsWith(" " + saved.parameters(12));
        assertThat(lines.get(4).trim()).startsWith("16 ").endsWith(" " + saved.parameters(16));
    }

    /** A {@code train} command line: valid defaults, each replaced by a pair of {@code overrides} of the same name. */
    private static String[] train(Path wavs, Path out, String... overrides) {
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("--sizes", "4,8,12,16");
        options.put("--method", "topk");
        options.put("--wav-dir", wavs.toString());
        options.put("--out", out.toString());
        options.put("--train", "16");
        options.put("--test", "4");
        options.put("--dim", "8");
        options.put("--steps", "10");
        for (int i = 0; i < overrides.length; i += 2) {
            options.put(overrides[i], overrides[i + 1]);
        }
        List<String> args = new ArrayList<>(List.of("train"));
        options.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        return args.toArray(new String[0]);
    }

    @Test
    void trainBadInputExitsTwoWithOneLineNamingTheValue() throws IOException {
        Path w = fsddFolder(dir.resolve("recordings"), 0, TAKES - 1);
        Path out = dir.resolve("m.safetensors");
        assertError("--sizes 8,4,16: sizes [8, 4, 16] are not strictly increasing", train(w, out, "--sizes", "8,4,16"));
        assertError("--sizes 0,16: size 0 is outside 1..16", train(w, out, "--sizes", "0,16"));
        assertError("--sizes 4,17: size 17 is outside 1..16", train(w, out, "--sizes", "4,17"));
        assertError("--sizes 4,8,12: the last size is 12; it must be 16", train(w, out, "--sizes", "4,8,12"));
        assertError("--sizes must name a subnet size below 16 and the full 16, got 16", train(w, out, "--sizes", "16"));
        assertError("'x'", train(w, out, "--sizes", "4,x"));
        assertError("--steps must be >= 2, got 1", train(w, out, "--steps", "1"));
        assertError("--steps 9 is too few for --sizes 4,8,12,16", train(w, out, "--steps", "9"));
        assertError("--method must be topk or izo, got 'lasso'", train(w, out, "--method", "lasso"));
        assertError("--train must be >= 16 (one batch of utterances), got 8", train(w, out, "--train", "8"));
        assertError("--test must be >= 1, got 0", train(w, out, "--test", "0"));
        assertError("--dim must be a multiple of 4 (the attention heads) in 4..512, got 6", train(w, out, "--dim", "6"));
        assertError("--out " + dir + " is a folder", train(w, out, "--out", dir.toString()));

        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertError("--wav-dir " + empty + " holds no FSDD-named WAV files", train(empty, out));
        Files.writeString(empty.resolve("notes.txt"), "not audio");
        assertError("--wav-dir " + empty + " holds no FSDD-named WAV files", train(empty, out));
        Path missing = dir.resolve("nowhere");
        assertError("--wav-dir " + missing + ": no such folder", train(missing, out));
        Path odd = Files.createDirectories(dir.resolve("odd"));
        ConnectedDigits.writeWav(odd.resolve("hello.wav"), tone(1, 0, 0, 8000), 8000);
        assertError("hello.wav: the name is not {digit}_{speaker}_{index}.wav", train(odd, out));
        Path testOnly = fsddFolder(dir.resolve("test-only"), 0, 4);
        assertError("--wav-dir " + testOnly + ": no training (takes 5-49) clips", train(testOnly, out));
        assertThat(Files.exists(out)).isFalse();
    }

    /** A model of sizes 4, 8, 16 with untrained weights (first-k masks): enough for the file checks. */
    private Path untrainedModel() {
        EncoderConfig lite = EncoderConfig.lite();
        EncoderConfig config = new EncoderConfig(lite.melBins(), lite.stack(), 8, 32, 4, lite.convKernel(),
                lite.blocks(), lite.vocab());
        int[] sizes = {4, 8, 16};
        Path file = dir.resolve("untrained.safetensors");
        new DynamicEncoder(ConformerWeights.init(config, sizes, 3), new double[16], Masks.firstK(16, sizes), "test")
                .save(file);
        return file;
    }

    /** A 32-bit float WAV header (format 3) with a few samples. */
    private static byte[] floatWav() {
        ByteBuffer b = ByteBuffer.allocate(44 + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 16).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 3).putShort((short) 1)
                .putInt(8000).putInt(32000).putShort((short) 4).putShort((short) 32)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        return b.array();
    }

    @Test
    void transcribeAndExportBadInputExitTwoWithOneLineNamingTheValue() throws IOException {
        Path model = untrainedModel();
        Path good = dir.resolve("good.wav");
        ConnectedDigits.writeWav(good, digits(8000, 5), 8000);
        String m = model.toString();
        assertError("--size 5 was not trained; " + model + " runs at sizes 4,8,16", "transcribe", "--model", m,
                "--size", "5", good.toString());
        Path empty = dir.resolve("empty.wav");
        ConnectedDigits.writeWav(empty, new float[0], 8000);
        assertError(empty + ": the WAV file holds no audio samples", "transcribe", "--model", m, "--size", "8",
                good.toString(), empty.toString());
        Path floats = Files.write(dir.resolve("float.wav"), floatWav());
        assertError(floats + ": audio format 3 is not PCM (1); expected a 16-bit PCM mono WAV file", "transcribe",
                "--model", m, "--size", "8", floats.toString());
        Path text = Files.writeString(dir.resolve("text.wav"), "hello");
        assertError(text + ": not a WAV file", "transcribe", "--model", m, "--size", "8", text.toString());
        Path shortClip = dir.resolve("short.wav");
        ConnectedDigits.writeWav(shortClip, new float[199], 8000);
        assertError(shortClip + ": 199 samples at 8000 Hz (24.9 ms) are shorter than one 25 ms analysis window",
                "transcribe", "--model", m, "--size", "8", shortClip.toString());
        Path shortHiFi = dir.resolve("short44.wav");
        ConnectedDigits.writeWav(shortHiFi, new float[1000], 44100);
        assertError(shortHiFi + ": 1000 samples at 44100 Hz (22.7 ms) are shorter", "transcribe", "--model", m,
                "--size", "8", shortHiFi.toString());
        Path missingWav = dir.resolve("missing.wav");
        assertError(missingWav + ": no such file", "transcribe", "--model", m, "--size", "8", missingWav.toString());
        Path missingModel = dir.resolve("missing.safetensors");
        assertError("--model " + missingModel + ": no such file", "transcribe", "--model", missingModel.toString(),
                "--size", "8", good.toString());
        assertError("--model " + good + ": not a wisekit asr model", "transcribe", "--model", good.toString(),
                "--size", "8", good.toString());
        assertError("FILE.wav", "transcribe", "--model", m, "--size", "8");

        // a 16 kHz file of one window after resampling decodes
        Path window = dir.resolve("window.wav");
        ConnectedDigits.writeWav(window, new float[400], 16000);
        ToolRunner.Run run = ToolRunner.run(new AsrTool(), "transcribe", "--model", m, "--size", "4",
                window.toString(), "--json");
        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        assertThat(run.json().get(0).get("digits").isTextual()).isTrue();

        Path sub = dir.resolve("sub.safetensors");
        assertError("--size 12 was not trained; " + model + " runs at sizes 4,8,16", "export", "--model", m, "--size",
                "12", "--out", sub.toString());
        assertError("--out " + model + " is the --model file", "export", "--model", m, "--size", "8", "--out", m);
        assertError("--out " + dir + " is a folder", "export", "--model", m, "--size", "8", "--out", dir.toString());
        assertError("--model " + missingModel + ": no such file", "export", "--model", missingModel.toString(),
                "--size", "8", "--out", sub.toString());
        assertThat(Files.exists(sub)).isFalse();
        assertError("missing subcommand", new String[0]);
    }

    @Test
    void registeredAsATool() {
        assertThat(ServiceLoader.load(Tool.class).stream().map(p -> p.type().getName()))
                .contains(AsrTool.class.getName());
    }

    private static void assertError(String message, String... args) {
        ToolRunner.Run run = ToolRunner.run(new AsrTool(), args);
        assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(2);
        assertThat(run.err()).contains(message);
        assertThat(run.err().strip().lines().count()).as("stderr: %s", run.err()).isEqualTo(1);
    }

    private static String[] concat(String[] head, String... more) {
        String[] all = Arrays.copyOf(head, head.length + more.length);
        System.arraycopy(more, 0, all, head.length, more.length);
        return all;
    }
}
