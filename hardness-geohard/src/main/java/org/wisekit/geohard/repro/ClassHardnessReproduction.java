package org.wisekit.geohard.repro;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.wisekit.datasets.Datasets;
import org.wisekit.datasets.LabeledTexts;
import org.wisekit.geohard.ClassHardness;
import org.wisekit.geohard.GeoHard;
import org.wisekit.geohard.Options;
import org.wisekit.geohard.Transform;
import org.wisekit.geohard.baselines.DataMaps;
import org.wisekit.geohard.baselines.KnnDisagreement;
import org.wisekit.geohard.baselines.Pvi;
import org.wisekit.geohard.baselines.Silhouette;
import org.wisekit.geohard.baselines.Thrust;
import org.wisekit.geohard.learn.ClassF1Runs;
import org.wisekit.geohard.learn.LogisticRegression;
import org.wisekit.geohard.learn.SparseFeatures;
import org.wisekit.geohard.learn.TextLearner;
import org.wisekit.geohard.learn.TfidfVectorizer;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Profile;
import org.wisekit.harness.Progress;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.RunContext;
import org.wisekit.tensor.Shuffles;
import org.wisekit.text.embed.EmbeddingCache;
import org.wisekit.text.embed.SentenceEncoder;
import org.wisekit.text.embed.SentenceEncoders;

/**
 * {@code hardness-geohard/class-hardness}: GeoHard on all-MiniLM-L6-v2 sentence embeddings of five real text sets
 * (TREC coarse and fine, AG News, SST-2, SpamAssassin) against the class-wise F1 of three learners (TF-IDF + logistic
 * regression and n-gram naive Bayes, which do not share the embedding's geometry, and logistic regression on the
 * embeddings, reported apart), beside instance-level baselines aggregated per class (kNN label disagreement,
 * silhouette, Thrust, data-maps confidence and variability, PVI), as in the paper's Table 2. The headline setting is
 * the authors' configuration: a seeded UMAP to 2 dimensions of the training split, class-balanced; the raw space and
 * PCA-10, and the test split, are reported beside it.
 */
public final class ClassHardnessReproduction implements Reproduction {

    /** The two learners that do not share GeoHard's geometry: the class F1 every headline correlation uses. */
    static final List<String> INDEPENDENT = List.of("tfidf-lr", "ngram-nb");
    static final String MINILM_LR = "minilm-lr";
    /** Headline transform (the authors' config applies UMAP; umap-learn's default output is 2-d). */
    static final String UMAP = "umap:2";
    static final String PCA = "pca:10";
    static final int KNN_K = 10;
    /** Share of the training split each learner seed draws (so the seeds differ). */
    static final double LEARNER_TRAIN_SHARE = 0.9;

    // claim thresholds (from the issue)
    static final double CONSISTENCY = 0.8;
    static final double PER_SET = 0.7;
    static final double MACRO = 0.6;
    static final double MARGIN = 0.2;

    /** Sizes for one profile (caps of 0 mean the whole split). */
    record Settings(List<String> sets, int trainCap, int testCap, int sst2TrainCap, long[] learnerSeeds,
                    long[] umapSeeds, int balanceCap) {
    }

    private static final Settings SMOKE = new Settings(List.of("trec-coarse"), 400, 200, 400, new long[] {1},
            new long[] {1}, 40);
    private static final Settings DEFAULT = new Settings(List.of("trec-coarse", "trec-fine", "agnews", "spam", "sst2"),
            0, 0, 10_000, new long[] {1, 2, 3}, new long[] {1, 2, 3}, 1000);
    private static final Settings FULL = new Settings(List.of("trec-coarse", "trec-fine", "agnews", "spam", "sst2"),
            0, 0, 0, new long[] {1, 2, 3}, new long[] {1, 2, 3, 4, 5}, 2500);

    /** Texts to L2-normalised MiniLM vectors, cached. */
    @FunctionalInterface
    interface Embedder {
        float[][] embed(String what, List<String> texts);
    }

    /** Everything measured on one set. */
    record SetRun(TextSet set, Map<String, ClassF1Runs.Result> f1, Map<String, double[][]> hardness,
                  Map<String, String> skipped, List<ClassHardness> headline, Map<String, Double> seconds) {

        double[] meanF1(String learner) {
            return f1.get(learner).meanF1();
        }
    }

    @Override
    public String id() {
        return "hardness-geohard/class-hardness";
    }

    @Override
    public String title() {
        return "GeoHard tracks class-wise F1 on real text sets and beats instance-level hardness aggregated per class";
    }

    @Override
    public String paper() {
        return "Fengyu Cai, Xinran Zhao, Hongming Zhang, Iryna Gurevych, Heinz Koeppl: GeoHard: Towards Measuring"
                + " Class-wise Hardness through Modelling Class Semantics, Findings of ACL 2024, arXiv 2407.12512";
    }

    @Override
    public OptionalDouble estimatedSeconds(Profile profile) {
        return OptionalDouble.of(profile.pick(30.0, 600.0, 2400.0));
    }

    @Override
    public List<Claim> run(RunContext context) throws Exception {
        Settings settings = context.profile().pick(SMOKE, DEFAULT, FULL);
        Datasets data = context.data();
        long seed = context.seed();
        List<TextSet> sets = new ArrayList<>();
        for (String id : settings.sets()) {
            sets.add(switch (id) {
                case "trec-coarse" -> TextSet.trecCoarse(data, settings.trainCap(), settings.testCap(), seed);
                case "trec-fine" -> TextSet.trecFine(data, settings.trainCap(), settings.testCap(), seed);
                case "agnews" -> TextSet.agNews(data, settings.trainCap(), settings.testCap(), seed);
                case "spam" -> TextSet.spamAssassin(data, settings.trainCap(), settings.testCap(), seed);
                case "sst2" -> TextSet.sst2(data, settings.sst2TrainCap(), settings.testCap(), seed);
                default -> throw new IllegalStateException("unknown set " + id);
            });
        }
        List<SetRun> runs = new ArrayList<>();
        Path cacheDir = context.outputDirectory().resolve("embeddings-cache");
        try (SentenceEncoder encoder = SentenceEncoders.miniLm()) {
            EmbeddingCache cache = new EmbeddingCache(cacheDir);
            introduction(context, settings, sets, encoder);
            for (TextSet set : sets) {
                try (Progress.Task task = context.progress().start("class-hardness " + set.id(), 4)) {
                    Embedder embedder = (what, texts) -> {
                        task.status("embedding " + what + " (" + texts.size() + " texts)");
                        return cache.embed(texts, encoder);
                    };
                    runs.add(runSet(set, settings, seed, embedder, task));
                }
            }
        }
        StudyReport report = new StudyReport(context, settings, runs);
        report.write();
        return report.claims();
    }

    // ------------------------------------------------------------------ one set

    static SetRun runSet(TextSet set, Settings settings, long seed, Embedder embedder, Progress.Task task) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        float[][] train = embedder.embed(set.id() + " train", set.train().texts());
        float[][] test = embedder.embed(set.id() + " test", set.test().texts());
        seconds.put("embedding (or cache read)", (System.nanoTime() - t0) / 1e9);
        task.step();

        task.status("class F1 of three learners");
        Map<String, ClassF1Runs.Result> f1 = new LinkedHashMap<>();
        int trainSize = (int) Math.round(set.train().size() * LEARNER_TRAIN_SHARE);
        Map<String, TextLearner> learners = new LinkedHashMap<>();
        learners.put("tfidf-lr", TextLearner.tfidfLogistic(TfidfVectorizer.Settings.defaults(),
                LogisticRegression.Settings.defaults().withC(10)));
        learners.put("ngram-nb", TextLearner.naiveBayes(2, 1, 1.0));
        learners.put(MINILM_LR, embeddingLogistic(set, train, test));
        for (Map.Entry<String, TextLearner> e : learners.entrySet()) {
            long t = System.nanoTime();
            f1.put(e.getKey(), ClassF1Runs.run(e.getValue(), set.train().texts(), set.train().labels(),
                    set.test().texts(), set.test().labels(), set.k(), settings.learnerSeeds(), trainSize));
            seconds.put("class F1, " + e.getKey() + " (" + settings.learnerSeeds().length + " seeds)",
                    (System.nanoTime() - t) / 1e9);
        }
        task.step();

        task.status("GeoHard");
        Map<String, double[][]> hardness = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        List<ClassHardness> headline = null;
        for (String split : List.of("train", "test")) {
            LabeledTexts texts = split.equals("train") ? set.train() : set.test();
            float[][] x = split.equals("train") ? train : test;
            int[] counts = TextSet.counts(texts.labels(), set.k());
            int smallest = Arrays.stream(counts).min().orElse(0);
            if (smallest < 2) {
                skipped.put(split, "a class has " + smallest + " " + split + " rows (GeoHard needs >= 2 per class)");
                continue;
            }
            int balance = Math.min(smallest, settings.balanceCap());
            for (String transform : List.of("none", PCA, UMAP)) {
                long[] seeds = transform.equals(UMAP) ? settings.umapSeeds() : new long[] {seed};
                double[][] g = new double[seeds.length][];
                double[][] intra = new double[seeds.length][];
                double[][] inter = new double[seeds.length][];
                long t = System.nanoTime();
                for (int s = 0; s < seeds.length; s++) {
                    Options options = new Options(Transform.parse(transform), balance, seeds[s]);
                    List<ClassHardness> h = GeoHard.compute(x, texts.labels(), options);
                    g[s] = byClass(h, set.k(), ClassHardness::geoHard);
                    intra[s] = byClass(h, set.k(), ClassHardness::intra);
                    inter[s] = byClass(h, set.k(), ClassHardness::inter);
                    if (s == 0 && split.equals("train") && transform.equals(UMAP)) {
                        headline = h;
                    }
                }
                seconds.put("GeoHard " + split + " " + transform + " (" + seeds.length + (seeds.length == 1 ? " run)" : " seeds)"),
                        (System.nanoTime() - t) / 1e9);
                hardness.put(key("geohard", transform, split), g);
                hardness.put(key("intra", transform, split), intra);
                hardness.put(key("inter", transform, split), inter);
            }
        }
        task.step();

        task.status("baselines");
        double[][] trainD = widen(train);
        int[] sample = balancedSample(set.train().labels(), set.k(), settings.balanceCap(), seed);
        double[][] sx = new double[sample.length][];
        int[] sy = new int[sample.length];
        for (int i = 0; i < sample.length; i++) {
            sx[i] = trainD[sample[i]];
            sy[i] = set.train().labels()[sample[i]];
        }
        long t = System.nanoTime();
        hardness.put("knn", new double[][] {KnnDisagreement.perClass(sx, sy, KNN_K)});
        seconds.put("kNN disagreement (" + sample.length + " rows)", (System.nanoTime() - t) / 1e9);
        t = System.nanoTime();
        hardness.put("silhouette", new double[][] {Metrics.negate(Silhouette.perClass(sx, sy))});
        seconds.put("silhouette (" + sample.length + " rows)", (System.nanoTime() - t) / 1e9);
        t = System.nanoTime();
        Thrust.Settings thrust = Thrust.Settings.defaults().withSeed(seed);
        hardness.put("thrust", new double[][] {Metrics.negate(Thrust.perClass(sx, sy, sx, sy, thrust))});
        seconds.put("Thrust (" + sample.length + " rows)", (System.nanoTime() - t) / 1e9);
        t = System.nanoTime();
        DataMaps.Result maps = DataMaps.perClass(trainD, set.train().labels(), DataMaps.Settings.defaults().withSeed(seed));
        hardness.put("dm-confidence", new double[][] {Metrics.negate(maps.confidence())});
        hardness.put("dm-variability", new double[][] {maps.variability()});
        seconds.put("data maps (" + train.length + " rows)", (System.nanoTime() - t) / 1e9);
        t = System.nanoTime();
        double[] pvi = Pvi.pointwise(trainD, set.train().labels(), widen(test), set.test().labels(),
                Pvi.Settings.defaults());
        hardness.put("pvi", new double[][] {Metrics.negate(meanByClass(pvi, set.test().labels(), set.k()))});
        seconds.put("PVI (" + train.length + " train, " + test.length + " test)", (System.nanoTime() - t) / 1e9);
        task.step();
        return new SetRun(set, f1, hardness, skipped, headline, seconds);
    }

    static String key(String what, String transform, String split) {
        return what + "/" + transform + "/" + split;
    }

    /** Logistic regression (C = 10) on the MiniLM vectors of the set's texts, looked up by text. */
    private static TextLearner embeddingLogistic(TextSet set, float[][] train, float[][] test) {
        Map<String, float[]> vectors = new HashMap<>();
        for (int i = 0; i < train.length; i++) {
            vectors.put(set.train().texts().get(i), train[i]);
        }
        for (int i = 0; i < test.length; i++) {
            vectors.put(set.test().texts().get(i), test[i]);
        }
        LogisticRegression.Settings lr = LogisticRegression.Settings.defaults().withC(10);
        return (texts, labels, classes) -> {
            LogisticRegression model = LogisticRegression.fit(dense(texts, vectors), labels, classes, lr);
            return rows -> model.predict(dense(rows, vectors));
        };
    }

    private static SparseFeatures dense(List<String> texts, Map<String, float[]> vectors) {
        int d = vectors.values().iterator().next().length;
        int[] all = new int[d];
        Arrays.setAll(all, j -> j);
        int[][] indices = new int[texts.size()][];
        double[][] values = new double[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            float[] v = vectors.get(texts.get(i));
            indices[i] = all;
            values[i] = new double[d];
            for (int j = 0; j < d; j++) {
                values[i][j] = v[j];
            }
        }
        return new SparseFeatures(indices, values, d);
    }

    /** Per class index, the value of {@code h}'s entry for it; NaN for a class absent from {@code h}. */
    private static double[] byClass(List<ClassHardness> h, int k, java.util.function.ToDoubleFunction<ClassHardness> f) {
        double[] out = new double[k];
        Arrays.fill(out, Double.NaN);
        for (ClassHardness c : h) {
            out[Integer.parseInt(c.label())] = f.applyAsDouble(c);
        }
        return out;
    }

    private static double[] meanByClass(double[] values, int[] labels, int k) {
        double[] sum = new double[k];
        int[] n = new int[k];
        for (int i = 0; i < values.length; i++) {
            sum[labels[i]] += values[i];
            n[labels[i]]++;
        }
        double[] out = new double[k];
        for (int c = 0; c < k; c++) {
            out[c] = n[c] == 0 ? Double.NaN : sum[c] / n[c];
        }
        return out;
    }

    /** Up to {@code cap} rows of every class (the smallest class's size when smaller), seeded, sorted. */
    static int[] balancedSample(int[] labels, int k, int cap, long seed) {
        int[] counts = TextSet.counts(labels, k);
        int per = Math.min(cap, Arrays.stream(counts).min().orElse(0));
        SplittableRandom rng = new SplittableRandom(seed);
        List<Integer> keep = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            int[] rows = TextSet.rowsOf(labels, c);
            Shuffles.shuffle(rows, rng);
            for (int i = 0; i < per; i++) {
                keep.add(rows[i]);
            }
        }
        return keep.stream().sorted().mapToInt(Integer::intValue).toArray();
    }

    private static double[][] widen(float[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                out[i][j] = x[i][j];
            }
        }
        return out;
    }

    private static void introduction(RunContext context, Settings settings, List<TextSet> sets, SentenceEncoder encoder) {
        StringBuilder sb = new StringBuilder();
        sb.append("Every text is embedded once with all-MiniLM-L6-v2 (mean pooling, L2-normalised, at most 128 tokens;"
                + " backend `").append(encoder.backend()).append("`, model `").append(encoder.modelId())
                .append("`) and cached in `embeddings-cache/` beside this report. The paper uses E5-large-v2 and"
                + " fine-tuned RoBERTa-large class F1 on eight sentiment/NLI sets; here the encoder is MiniLM, the sets"
                + " are the text-classification sets this machine has, and the class F1 comes from learners that do"
                + " not share the embedding's geometry: TF-IDF (uni+bigram) + logistic regression (C = 10) and"
                + " uni+bigram multinomial naive Bayes (alpha 1), each trained on ")
                .append(Math.round(LEARNER_TRAIN_SHARE * 100)).append(" % of the training split drawn per seed (seeds ")
                .append(Arrays.toString(settings.learnerSeeds())).append("), F1 on the test split. Logistic regression on"
                + " the MiniLM vectors is reported apart: it shares GeoHard's geometry.\n\n"
                + "GeoHard is computed on the training split (the paper's main setting) and on the test split,"
                + " class-balanced (every class sampled down to its smallest class, at most ")
                .append(settings.balanceCap()).append(" per class), in three spaces: the raw 384-d vectors, PCA-10, and"
                + " the authors' UMAP (2-d, umap-learn defaults, seeds ").append(Arrays.toString(settings.umapSeeds()))
                .append("). The headline is UMAP-2 on the training split. Every correlation is the sign-adjusted"
                + " Pearson r (higher = better) of a hardness score against a learner's class F1 (mean over seeds),"
                + " averaged over the two independent learners; a correlation that is undefined counts as 0, as in"
                + " the paper's notebook. Macro averages and their population std run over the sets with K >= 3;"
                + " SST-2 (K = 2) is shown but any defined Pearson there is +-1.\n\n")
                .append("Baselines (instance-level, aggregated per class, on the raw vectors of the same balanced"
                        + " training sample unless noted): kNN label disagreement (k = ").append(KNN_K)
                .append("), mean silhouette, Thrust (5 k-means clusters per class, 25th percentile), data-maps"
                        + " confidence and variability (5 epochs of softmax regression over the whole training split),"
                        + " PVI (softmax regression vs the label prior, mean over each class's test rows). SA and"
                        + " Spread (in the paper's Table 2) are not implemented: their definitions cannot be recovered"
                        + " from the paper or its repository.\n\n| set | K | splits |\n|---|---|---|\n");
        for (TextSet s : sets) {
            sb.append("| ").append(s.id()).append(": ").append(s.title()).append(" | ").append(s.k()).append(" | ")
                    .append(s.note()).append(" |\n");
        }
        context.report().paragraph(sb.toString());
    }
}
