package org.wisekit.asr.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.json.JSONException;
import org.wisekit.asr.ModuleType;
import org.wisekit.asr.audio.Features;
import org.wisekit.asr.dl4j.DynamicEncoder;
import org.wisekit.datasets.MalformedDataException;
import org.wisekit.datasets.Wav;
import org.wisekit.datasets.WavAudio;
import org.wisekit.datasets.audio.Resampler;
import org.wisekit.harness.QuietStdout;
import org.wisekit.tensor.nd4j.Nd4jThreads;

/** What the {@code asr} commands share: running ND4J work, reading models and WAV files, describing masks. */
final class CliSupport {

    private CliSupport() {
    }

    /**
     * Runs ND4J work on one ND4J thread ({@link Nd4jThreads#single}) with {@code System.out} sent to stderr
     * ({@link QuietStdout}): SameDiff prints "Added differentiated op ..." there.
     */
    static <T> T nd4j(Supplier<T> work) {
        return QuietStdout.run(() -> Nd4jThreads.single(work));
    }

    /** A model file written by {@code train} or {@code export}; bad input names {@code --model}. */
    static DynamicEncoder loadModel(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--model " + file + ": no such file");
        }
        try {
            return DynamicEncoder.load(file);
        } catch (IllegalArgumentException | JSONException e) {
            throw new IllegalArgumentException("--model " + file + ": not a wisekit asr model (" + e.getMessage()
                    + ")", e);
        }
    }

    /** Checks that {@code model} was trained for {@code size}, naming the sizes it was trained for. */
    static void checkSize(DynamicEncoder model, Path file, int size) {
        for (int s : model.sizes()) {
            if (s == size) {
                return;
            }
        }
        throw new IllegalArgumentException("--size " + size + " was not trained; " + file + " runs at sizes "
                + join(model.sizes()));
    }

    /** Refuses an output path that is a folder. */
    static void checkOutputFile(String option, Path out) {
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException(option + " " + out + " is a folder; name a file");
        }
    }

    /** The indices of the kept modules, increasing. */
    static List<Integer> kept(boolean[] mask) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                out.add(i);
            }
        }
        return out;
    }

    /** The short type names (ff1, conv, mhsa, ff2) of the kept modules, in module order. */
    static List<String> keptTypes(boolean[] mask) {
        List<String> out = new ArrayList<>();
        for (int i : kept(mask)) {
            out.add(ModuleType.of(i).shortName());
        }
        return out;
    }

    /** "4,8,12,16". */
    static String join(int[] values) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : ",").append(values[i]);
        }
        return s.toString();
    }

    /**
     * Normalised log-mel features {@code [frames][40]} of a 16-bit PCM mono WAV file at any sample rate (resampled
     * to 8 kHz first); a missing, malformed, empty or too short file is an {@link IllegalArgumentException}
     * naming it.
     */
    static float[] mel(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        WavAudio audio;
        try {
            audio = Wav.read(file);
        } catch (MalformedDataException e) {
            throw new IllegalArgumentException(e.getMessage() + "; expected a 16-bit PCM mono WAV file", e);
        }
        float[] samples = audio.samples();
        if (samples.length == 0) {
            throw new IllegalArgumentException(file + ": the WAV file holds no audio samples");
        }
        float[] at8k = audio.sampleRate() == Features.SAMPLE_RATE ? samples
                : Resampler.resample(samples, audio.sampleRate(), Features.SAMPLE_RATE);
        if (Features.frames(at8k.length) < 1) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s: %d samples at %d Hz"
                    + " (%.1f ms) are shorter than one 25 ms analysis window", file, samples.length,
                    audio.sampleRate(), 1000.0 * samples.length / audio.sampleRate()));
        }
        return Features.compute(at8k).values();
    }
}
