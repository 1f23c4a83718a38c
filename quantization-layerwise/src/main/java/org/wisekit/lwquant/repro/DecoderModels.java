package org.wisekit.lwquant.repro;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.wisekit.datasets.Datasets;
import org.wisekit.harness.Progress;
import org.wisekit.lwquant.TextCorpus;
import org.wisekit.lwquant.dl4j.DecoderTrainer;
import org.wisekit.lwquant.dl4j.TrainingConfig;
import org.wisekit.lwquant.llama.LlamaCheckpoint;
import org.wisekit.lwquant.llama.LlamaConfig;
import org.wisekit.lwquant.llama.LlamaModel;

/**
 * The decoder LM the reproduction quantizes: trained once from a seed on Debian {@code fortunes} text and
 * cached as safetensors under {@code ~/.cache/wisekit/lwquant/} (or the system property {@code wisekit.lwquant.cache}, or
 * {@code $WISEKIT_LWQUANT_CACHE}), keyed
 * by config, training settings and a checksum of the text, so later runs reuse it.
 */
public final class DecoderModels {

    /** The prose collections of the fortunes package used as the corpus (about 1.5 MB). */
    public static final List<String> COLLECTIONS = List.of("fortunes", "literature", "wisdom", "science", "computers",
            "people", "humorists", "platitudes", "education", "work", "law", "politics", "men-women", "love",
            "miscellaneous", "pets", "food", "medicine", "sports", "linux");

    private DecoderModels() {
    }

    public static TextCorpus corpus(Datasets datasets, List<String> collections) {
        List<String> entries = new ArrayList<>();
        for (String c : collections) {
            entries.addAll(datasets.fortunes(c));
        }
        return TextCorpus.of(entries);
    }

    public static Path cacheDirectory() {
        String env = System.getProperty("wisekit.lwquant.cache", System.getenv("WISEKIT_LWQUANT_CACHE"));
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "wisekit", "lwquant");
    }

    /** A cached model, or a freshly trained (and then cached) one; {@code trained[0]} says which. */
    public static LlamaModel trainedOrCached(LlamaConfig config, TrainingConfig training, TextCorpus corpus,
                                             Progress progress, boolean[] trained) {
        String key = Integer.toHexString((config + "|" + training.key() + "|" + corpus.checksum()).hashCode());
        Path file = cacheDirectory().resolve("decoder-" + config.layers() + "x" + config.dim() + "-" + key + ".safetensors");
        if (Files.isRegularFile(file)) {
            trained[0] = false;
            return LlamaCheckpoint.load(file);
        }
        DecoderTrainer.Result result;
        try (Progress.Task task = progress.start("training the decoder LM", training.steps())) {
            result = new DecoderTrainer(config, training).train(corpus.train(), s -> task.step());
        }
        LlamaCheckpoint.save(result.model(), file, Map.of("lwquant.training", training.key(),
                "lwquant.final_loss", String.valueOf(result.finalLoss()), "lwquant.corpus_checksum",
                String.valueOf(corpus.checksum())));
        trained[0] = true;
        return result.model();
    }
}
