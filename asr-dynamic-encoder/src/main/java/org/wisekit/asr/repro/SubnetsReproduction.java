package org.wisekit.asr.repro;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.json.JSONArray;
import org.json.JSONObject;
import org.wisekit.asr.EncoderConfig;
import org.wisekit.asr.audio.Features;
import org.wisekit.asr.audio.SpecAugment;
import org.wisekit.asr.ctc.DigitErrorRate;
import org.wisekit.asr.data.ConnectedDigits;
import org.wisekit.asr.dl4j.DynamicEncoder;
import org.wisekit.asr.dl4j.SupernetTrainer;
import org.wisekit.asr.dl4j.TrainingData;
import org.wisekit.asr.select.Masks;
import org.wisekit.datasets.io.AtomicFiles;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Profile;
import org.wisekit.harness.Progress;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.RunContext;
import org.wisekit.tensor.nd4j.Nd4jThreads;

/**
 * {@code asr-dynamic-encoder/subnets}: one Conformer-CTC supernet trained with Simple-Top-k or Iterative-Zero-Out
 * on connected digits from FSDD, its subnets of 4, 8, 12 and 16 modules against individually trained models of
 * each size and against naive masks (first k modules, every other module) trained with the same stage 2; every
 * arm gets the same number of updates, batches and learning-rate schedule. Trained models are cached in
 * {@code models-cache/} beside the report, so a rerun (or a longer profile) only trains what is missing.
 */
public final class SubnetsReproduction implements Reproduction {

    static final int[] SIZES = {4, 8, 12, 16};
    /** Arms trained at a time (each on one ND4J thread): the 2-core machines this runs on. */
    static final int THREADS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

    @Override
    public String id() {
        return "asr-dynamic-encoder/subnets";
    }

    @Override
    public String title() {
        return "Dynamic encoder size: Simple-Top-k and Iterative-Zero-Out subnets vs individually trained models";
    }

    @Override
    public String paper() {
        return "Xu, Zhou, Yang, Beck, Schlueter, \"Dynamic Encoder Size Based on Data-Driven Layer-wise Pruning for"
                + " Speech Recognition\", Interspeech 2024, arXiv 2407.18930";
    }

    @Override
    public OptionalDouble estimatedSeconds(Profile profile) {
        return OptionalDouble.of(profile.pick(30, 840, 10800));
    }

    /** The sizes of one profile. */
    record Settings(int train, int test, int steps, int seeds, EncoderConfig config, int batch, boolean augment) {
        static Settings of(Profile p) {
            return p.pick(new Settings(64, 24, 14, 1, new EncoderConfig(40, 4, 16, 32, 2, 5, 4, 11), 4, false),
                    new Settings(6000, 600, 225, 1, EncoderConfig.lite(), 16, false),
                    new Settings(6000, 600, 1500, 2, EncoderConfig.lite(), 16, true));
        }
    }

    /** One trained model family. */
    enum Arm {
        TOP_K("Simple-Top-k", true), ZERO_OUT("Iterative-Zero-Out", true), FIRST_K("naive: first k", true),
        EVERY_OTHER("naive: every other", true), IND4("individual 4", false), IND8("individual 8", false),
        IND12("individual 12", false), IND16("individual 16", false);

        final String label;
        final boolean supernet;

        Arm(String label, boolean supernet) {
            this.label = label;
            this.supernet = supernet;
        }

        int individualSize() {
            return Integer.parseInt(name().substring(3));
        }
    }

    /** What one arm and seed produced. */
    record Trained(DynamicEncoder model, double seconds, double[] losses, List<String> events, boolean cached) {
    }

    @Override
    public List<Claim> run(RunContext context) throws Exception {
        Settings s = Settings.of(context.profile());
        long seed = context.seed();
        ConnectedDigits.Corpus corpus = ConnectedDigits.load(context.data(), s.train(), s.test(), seed);
        List<float[]> trainMel = mel(ConnectedDigits.features(corpus.train(), 2));
        List<float[]> testMel = mel(ConnectedDigits.features(corpus.test(), 2));
        List<int[]> trainLabels = ConnectedDigits.ctcLabels(corpus.train());
        List<int[]> testLabels = ConnectedDigits.ctcLabels(corpus.test());
        TrainingData data = new TrainingData(trainMel, trainLabels);
        Path cache = context.outputDirectory().resolve("models-cache");
        Files.createDirectories(cache);

        Arm[] arms = Arm.values();
        Map<Arm, List<Trained>> trained = new LinkedHashMap<>();
        for (Arm arm : arms) {
            List<Trained> list = new ArrayList<>();
            for (int k = 0; k < s.seeds(); k++) {
                list.add(null);
            }
            trained.put(arm, list);
        }
        try (Progress.Task task = context.progress().start("arms x seeds", (long) arms.length * s.seeds())) {
            List<Runnable> work = new ArrayList<>();
            for (int k = 0; k < s.seeds(); k++) {
                int seedIndex = k;
                for (Arm arm : arms) {
                    work.add(() -> {
                        Trained t = train(arm, s, data, seed * 1000 + seedIndex, cache);
                        synchronized (trained) {
                            trained.get(arm).set(seedIndex, t);
                            task.step();
                            task.status(String.format(Locale.ROOT, "%s seed %d %s %.0f s", arm.label, seedIndex,
                                    t.cached() ? "cached" : "trained", t.seconds()));
                        }
                    });
                }
            }
            Nd4jThreads.parallel(work, THREADS);
        }

        // DER[arm][seed][size index]
        Map<Arm, double[][]> der = new LinkedHashMap<>();
        List<Runnable> evaluations = new ArrayList<>();
        for (Arm arm : arms) {
            double[][] bySeed = new double[s.seeds()][SIZES.length];
            der.put(arm, bySeed);
            for (int k = 0; k < s.seeds(); k++) {
                DynamicEncoder model = trained.get(arm).get(k).model();
                for (int i = 0; i < SIZES.length; i++) {
                    int seedIndex = k;
                    int sizeIndex = i;
                    boolean evaluated = arm.supernet || arm.individualSize() == SIZES[i];
                    bySeed[k][i] = Double.NaN;
                    if (evaluated) {
                        evaluations.add(() -> bySeed[seedIndex][sizeIndex] = der(model, SIZES[sizeIndex], testMel,
                                testLabels));
                    }
                }
            }
        }
        Nd4jThreads.parallel(evaluations, THREADS);
        double[] inferenceMs = Nd4jThreads.single(() -> inferenceMillis(trained.get(Arm.TOP_K).get(0).model(),
                testMel));
        SubnetsReport report = new SubnetsReport(context, s, corpus, trained, der, inferenceMs);
        report.write();
        return report.claims();
    }

    /** Trains one arm and seed, or loads it from the cache. */
    static Trained train(Arm arm, Settings s, TrainingData data, long armSeed, Path cache) {
        String key = String.format(Locale.ROOT, "%s-d%d-n%d-b%d-steps%d-%s-seed%d",
                arm.name().toLowerCase(Locale.ROOT), s.config().dim(), data.size(), s.batch(), s.steps(),
                s.augment() ? "specaug" : "noaug", armSeed);
        Path model = cache.resolve(key + ".safetensors");
        Path record = cache.resolve(key + ".json");
        if (Files.isRegularFile(model) && Files.isRegularFile(record)) {
            try {
                JSONObject json = new JSONObject(Files.readString(record));
                JSONArray l = json.getJSONArray("losses");
                double[] losses = new double[l.length()];
                for (int i = 0; i < losses.length; i++) {
                    losses[i] = l.getDouble(i);
                }
                List<String> events = new ArrayList<>();
                json.getJSONArray("events").forEach(e -> events.add(e.toString()));
                return new Trained(DynamicEncoder.load(model), json.getDouble("seconds"), losses, events, true);
            } catch (java.io.IOException | RuntimeException e) {
                // an unreadable cache entry is trained again
            }
        }
        SupernetTrainer.Settings settings = SupernetTrainer.Settings.of(s.steps(), armSeed).withBatch(s.batch())
                .withAugment(s.augment() ? SpecAugment.Settings.defaults() : SpecAugment.Settings.none());
        EncoderConfig c = s.config();
        SupernetTrainer.Result r = switch (arm) {
            case TOP_K -> SupernetTrainer.trainSupernet(c, SIZES, SupernetTrainer.Method.SIMPLE_TOP_K, settings, data,
                    null);
            case ZERO_OUT -> SupernetTrainer.trainSupernet(c, SIZES, SupernetTrainer.Method.ITERATIVE_ZERO_OUT,
                    settings, data, null);
            case FIRST_K -> SupernetTrainer.trainFixedMasks(c, SIZES, Masks.firstK(c.modules(), SIZES), "first-k",
                    settings, data, null);
            case EVERY_OTHER -> SupernetTrainer.trainFixedMasks(c, SIZES, Masks.everyOther(c.modules(), SIZES),
                    "every-other", settings, data, null);
            default -> SupernetTrainer.trainIndividual(c, arm.individualSize(), settings, data, null);
        };
        r.model().save(model);
        JSONObject json = new JSONObject().put("seconds", r.seconds()).put("losses", new JSONArray(r.losses()))
                .put("events", new JSONArray(r.events()));
        AtomicFiles.writeString(record, json.toString(1));
        return new Trained(r.model(), r.seconds(), r.losses(), r.events(), false);
    }

    /** Digit error rate in percent of the model at {@code size} on the test utterances (greedy decoding). */
    static double der(DynamicEncoder model, int size, List<float[]> mel, List<int[]> labels) {
        List<int[]> hyp = model.transcribe(mel, size);
        DigitErrorRate rate = new DigitErrorRate();
        for (int u = 0; u < hyp.size(); u++) {
            rate.add(labels.get(u), hyp.get(u));
        }
        return 100 * rate.rate();
    }

    /** Milliseconds per test utterance at each size (one thread, after one warm-up pass), batches of 16. */
    static double[] inferenceMillis(DynamicEncoder model, List<float[]> mel) {
        double[] ms = new double[SIZES.length];
        for (int i = 0; i < SIZES.length; i++) {
            model.logits(mel.subList(0, Math.min(mel.size(), 32)), SIZES[i]);
            long start = System.nanoTime();
            model.logits(mel, SIZES[i]);
            ms[i] = (System.nanoTime() - start) / 1e6 / mel.size();
        }
        return ms;
    }

    static List<float[]> mel(List<Features> features) {
        List<float[]> out = new ArrayList<>(features.size());
        for (Features f : features) {
            out.add(f.values());
        }
        return out;
    }
}
