package org.wisekit.lwquant.repro;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.wisekit.harness.Plots;
import org.wisekit.harness.RunContext;
import org.wisekit.harness.Stats;
import org.wisekit.lwquant.Ordering;
import org.wisekit.lwquant.TextCorpus;
import org.wisekit.lwquant.llama.LlamaConfig;
import org.wisekit.lwquant.llama.LlamaModel;
import org.wisekit.lwquant.quant.Quantizer;

/** The report of {@link OrderingReproduction}: set-up, scores, curves, tables and plots. */
final class OrderingReport {

    private OrderingReport() {
    }

    static void write(RunContext context, OrderingReproduction.Setup s, LlamaModel model, boolean trained,
                      double trainSeconds, TextCorpus corpus, int calibWindows, int testWindows, double fp32,
                      double[] lim, double[] zd, double[] zdAbs, double[] dropOne, List<Ordering> orders,
                      List<Quantizer> quantizers, Map<String, double[]> curves, Map<String, double[]> pruned,
                      OrderingReproduction.Grid grid, List<OrderingReproduction.EqualBytes> pairs) {
        LlamaConfig c = s.config();
        int layers = c.layers();
        var report = context.report();
        report.paragraph(String.format(Locale.ROOT, "**Deviation from the paper (stated loudly):** the paper quantizes"
                + " pretrained LLMs (LLaMA-2, Mistral, ...) and scores MMLU-type benchmarks. No such model runs on a 2-core"
                + " CPU in minutes, so this reproduction trains a llama-style decoder from scratch (RMSNorm, rotary"
                + " positions, SwiGLU; %d blocks, width %d, %d heads, MLP %d, context %d, byte vocabulary, %,d parameters)"
                + " with SameDiff on the Debian `fortunes` text (%d collections; %,d / %,d / %,d train / calibration /"
                + " test bytes, split by entry) and measures test perplexity. Only the *ordering effect* is checked,"
                + " not the paper's benchmark numbers.", layers, c.dim(), c.heads(), c.hidden(), c.maxContext(),
                parameters(model), s.collections().size(), corpus.train().length, corpus.calibration().length,
                corpus.test().length));
        report.paragraph(String.format(Locale.ROOT, "Training: %d steps of %d windows x %d bytes, Adam (peak lr %s,"
                + " warm-up + cosine), seed %d; %s. fp32 test perplexity %.3f on %d windows of %d bytes (%,d predicted"
                + " bytes); LIM and GPTQ Hessians from %d calibration windows.", s.training().steps(),
                s.training().batch(), s.training().window(), s.training().learningRate(), s.training().seed(),
                trained ? String.format(Locale.ROOT, "trained in this run (%.0f s) and cached in %s", trainSeconds,
                        DecoderModels.cacheDirectory()) : "loaded from the cache " + DecoderModels.cacheDirectory(),
                fp32, testWindows, c.maxContext(), (long) testWindows * (c.maxContext() - 1), calibWindows));
        report.paragraph("Method: block matrices (q, k, v, o, gate, up, down) are quantized with symmetric group-wise RTN"
                + " or GPTQ (group 32, binary16 scales); embeddings, norms and the LM head stay float32. For each order,"
                + " the first round(f L) blocks (least important first) get the low width, the rest 4 bits. LIM and ZD"
                + " follow the reconstructed definitions (README): LIM = -mean cos(h_in, h_out) (higher = more important),"
                + " ZD = fraction of a block's weights with z > 1, smaller ZD = more important (the abstract's reading;"
                + " the opposite direction is shown as `ZD-larger-important`). GPTQ Hessians come from one"
                + " full-precision calibration pass.");

        List<List<String>> rows = new ArrayList<>();
        double[] dropDelta = new double[layers];
        for (int l = 0; l < layers; l++) {
            dropDelta[l] = dropOne[l] - fp32;
            rows.add(List.of(String.valueOf(l), Stats.fixed(lim[l], 3), Stats.fixed(1 + lim[l], 3), Stats.fixed(zd[l], 3), Stats.fixed(zdAbs[l], 3), Stats.fixed(dropOne[l], 3)));
        }
        report.table("Per-block importance: LIM, ShortGPT Block Influence (BI = 1 - E cos), ZD (z > 1 and |z| > 1), and"
                + " the test perplexity with that single block removed", List.of("block", "LIM", "BI", "ZD", "ZD |z|",
                "PPL without block"), rows);
        report.paragraph(String.format(Locale.ROOT, "BI = 1 + LIM by definition, so the BI order is the LIM order"
                + " and is shown for reference only, not as a check. Spearman correlation with the perplexity increase when the block alone is removed:"
                + " LIM %.3f, ZD %.3f (negative is what the 'smaller ZD = more important' reading predicts).",
                spearman(lim, dropDelta), spearman(zd, dropDelta)));

        CategoryChart bars = Plots.bars("Per-block LIM and ZD", "block", "score");
        List<Integer> xs = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            xs.add(l);
        }
        bars.addSeries("LIM + 1 (= BI)", xs, Arrays.stream(lim).map(v -> v + 1).boxed().toList());
        bars.addSeries("ZD", xs, Arrays.stream(zd).boxed().toList());
        report.plot("importance-bars", bars, "Per-block LIM (shown as BI = LIM + 1) and ZD.");

        List<String> header = new ArrayList<>(List.of("order"));
        for (int k = 0; k <= layers; k++) {
            header.add("f=" + Stats.fixed((double) k / layers, 2));
        }
        header.add("area");
        header.add("f within 5 %");
        for (Quantizer q : quantizers) {
            for (int lo : OrderingReproduction.LOWS) {
                List<List<String>> t = new ArrayList<>();
                XYChart chart = Plots.xy("Test PPL vs fraction in " + lo + " bits (" + q.name() + ")",
                        "fraction of blocks at " + lo + " bits", "test perplexity");
                double[] fx = new double[layers + 1];
                for (int k = 0; k <= layers; k++) {
                    fx[k] = (double) k / layers;
                }
                for (Ordering o : orders) {
                    double[] ppl = curves.get(OrderingReproduction.key(q, lo, o.name()));
                    List<String> row = new ArrayList<>(List.of(o.name()));
                    Arrays.stream(ppl).forEach(v -> row.add(Stats.fixed(v, 3)));
                    row.add(Stats.fixed(OrderingReproduction.area(ppl), 3));
                    row.add(Stats.fixed(OrderingReproduction.tolerantFraction(ppl, 0.05), 3));
                    t.add(row);
                    var series = chart.addSeries(o.name(), fx, ppl);
                    series.setMarker(o.name().startsWith("random") ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
                }
                double[] bitsRow = new double[layers + 1];
                List<String> avg = new ArrayList<>(List.of("avg bits (LIM order)"));
                for (int k = 0; k <= layers; k++) {
                    bitsRow[k] = grid.averageBits(q, orders.get(0).allocate((double) k / layers, OrderingReproduction.HI, lo));
                    avg.add(Stats.fixed(bitsRow[k], 3));
                }
                avg.add("");
                avg.add("");
                t.add(avg);
                if (lo == OrderingReproduction.LOWS[OrderingReproduction.LOWS.length - 1] || lo == 2) {
                    double[] pr = pruned.get(q.name());
                    List<String> prow = new ArrayList<>(List.of("prune k least important (LIM), rest 4 bit"));
                    for (int k = 0; k <= layers; k++) {
                        prow.add(Stats.fixed(pr[k], 3));
                    }
                    prow.add("");
                    prow.add("");
                    t.add(prow);
                }
                report.table(String.format(Locale.ROOT, "Test perplexity, %s, blocks moved from 4 to %d bits (fp32 PPL"
                        + " %.3f); f = k / %d", q.name(), lo, fp32, layers), header, t);
                report.plot("ppl-" + q.name() + "-lo" + lo, chart, "Test perplexity vs fraction of blocks at "
                        + lo + " bits, " + q.name() + ".");
            }
        }
        equalBytes(context, pairs);
    }

    private static void equalBytes(RunContext context, List<OrderingReproduction.EqualBytes> pairs) {
        List<List<String>> rows = new ArrayList<>();
        for (OrderingReproduction.EqualBytes e : pairs) {
            rows.add(List.of(e.quantizer(), String.valueOf(e.lo()), String.valueOf(e.pruned()),
                    String.format(Locale.ROOT, "%,d", e.prunedBytes()), Stats.fixed(e.prunedPpl(), 3),
                    String.valueOf(e.quantized()), String.format(Locale.ROOT, "%,d", e.quantizedBytes()),
                    Stats.fixed(e.quantizedPpl(), 3), e.prunedPpl() <= e.quantizedPpl() ? "pruning" : "quantization"));
        }
        context.report().table("Quantization vs pruning at equal bytes: p least important (LIM) blocks pruned (rest 4 bits)"
                + " against the fewest least important blocks at lo bits whose block-matrix bytes are at most the pruned"
                + " model's (the quantized model is never the larger one)", List.of("quantizer", "lo", "pruned p",
                "pruned bytes", "pruned PPL", "blocks at lo", "quantized bytes", "quantized PPL", "lower PPL"), rows);
    }

    static long parameters(LlamaModel model) {
        return model.weights().values().stream().mapToLong(a -> a.length).sum();
    }

    static double spearman(double[] a, double[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        return new org.apache.commons.math3.stat.correlation.PearsonsCorrelation().correlation(ra, rb);
    }

    private static double[] ranks(double[] v) {
        return new org.apache.commons.math3.stat.ranking.NaturalRanking().rank(v);
    }
}
