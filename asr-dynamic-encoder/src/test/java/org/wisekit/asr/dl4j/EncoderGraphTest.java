package org.wisekit.asr.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.asr.EncoderConfig;
import org.wisekit.asr.ModuleType;
import org.wisekit.asr.ctc.Ctc;
import org.wisekit.tensor.nd4j.Nd4jThreads;

/** The SameDiff encoder: hard pruning, padding, and the CTC gradient fed back through the graph. */
class EncoderGraphTest {

    static final EncoderConfig TINY = new EncoderConfig(6, 2, 8, 16, 2, 3, 2, 5);

    static List<float[]> mel(long seed, int... frames) {
        SplittableRandom r = new SplittableRandom(seed);
        List<float[]> out = new ArrayList<>();
        for (int f : frames) {
            float[] m = new float[f * TINY.melBins()];
            for (int i = 0; i < m.length; i++) {
                m[i] = (float) r.nextGaussian();
            }
            out.add(m);
        }
        return out;
    }

    static float[] logits(EncoderGraph.Built built, Batch batch, Map<String, INDArray> extra) {
        Map<String, INDArray> feed = new HashMap<>(batch.feed);
        feed.putAll(extra);
        Nd4jThreads.withoutArrayReuse(built.graph());
        INDArray out = built.graph().output(feed, built.logits().get(0)).get(built.logits().get(0));
        return out.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    @Test
    void aPrunedPassEqualsGatesOfZeroButBuildsOnlyTheKeptModules() {
        Nd4jThreads.single(() -> {
            ConformerWeights w = ConformerWeights.init(TINY, new int[] {3, 8}, 7);
            boolean[] keep = {true, false, true, false, false, true, false, false};
            EncoderGraph.Built pruned = EncoderGraph.build(w, 2, List.of(new EncoderGraph.Pass(keep,
                    EncoderGraph.Gates.NONE, 3, 1)), false);
            EncoderGraph.Built gated = EncoderGraph.build(w, 2, List.of(new EncoderGraph.Pass(null,
                    EncoderGraph.Gates.ROWS, 3, 1)), false);
            Batch batch = new Batch(TINY, 2, mel(1, 9, 6), null);
            int rows = 2 * batch.paddedFrames();
            float[] gates = new float[rows * 8];
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < 8; i++) {
                    gates[r * 8 + i] = keep[i] ? (float) ModuleType.of(i).scale() : 0;
                }
            }
            float[] a = logits(pruned, batch, Map.of());
            float[] b = logits(gated, batch, Map.of(EncoderGraph.GATES + 0, Nd4j.create(gates, new long[] {rows, 8},
                    'c')));
            assertThat(pruned.modulesBuilt()).isEqualTo(3);
            assertThat(gated.modulesBuilt()).isEqualTo(8);
            assertThat(pruned.graph().getOps().size()).isLessThan(gated.graph().getOps().size());
            for (int i = 0; i < a.length; i++) {
                assertThat(a[i]).isCloseTo(b[i], org.assertj.core.data.Offset.offset(1e-5f));
            }
            return null;
        });
    }

    @Test
    void anUtterancesLogitsDoNotDependOnThePaddingOfItsBatch() {
        Nd4jThreads.single(() -> {
            ConformerWeights w = ConformerWeights.init(TINY, new int[] {8}, 3);
            EncoderGraph.Built graph = EncoderGraph.build(w, 2, List.of(new EncoderGraph.Pass(null,
                    EncoderGraph.Gates.NONE, 8, 1)), false);
            List<float[]> both = mel(2, 7, 20);
            float[] alone = logits(graph, new Batch(TINY, 2, both.subList(0, 1), null), Map.of());
            Batch padded = new Batch(TINY, 2, both, null);
            float[] together = logits(graph, padded, Map.of());
            int frames = (7 + 1) / 2;
            assertThat(padded.paddedFrames()).isEqualTo(10);
            for (int i = 0; i < frames * TINY.vocab(); i++) {
                assertThat(together[i]).isCloseTo(alone[i], org.assertj.core.data.Offset.offset(1e-5f));
            }
            return null;
        });
    }

    @Test
    void theFedCtcGradientGivesTheGradientOfTheCtcLoss() {
        Nd4jThreads.single(() -> {
            ConformerWeights w = ConformerWeights.init(TINY, new int[] {8}, 5);
            EncoderGraph.Built graph = EncoderGraph.build(w, 2, List.of(new EncoderGraph.Pass(null,
                    EncoderGraph.Gates.NONE, 8, 1)), true);
            graph.graph().createGradFunction();
            Batch batch = new Batch(TINY, 2, mel(4, 9, 12), List.of(new int[] {1, 2}, new int[] {3, 3, 1}));
            Ctc ctc = new Ctc();
            int frames = batch.paddedFrames();
            float[] logits = logits(graph, batch, Map.of());
            float[] gradient = new float[logits.length];
            ctc.batch(logits, batch.encoderFrames, frames, TINY.vocab(), batch.targets, Ctc.Reduction.SUM_PER_FRAME,
                    gradient, null);
            Map<String, INDArray> feed = new HashMap<>(batch.feed);
            feed.put(EncoderGraph.CTC_GRADIENT + 0, Nd4j.create(gradient, new long[] {2L * frames, TINY.vocab()},
                    'c'));
            Nd4jThreads.withoutArrayReuse(graph.graph());
            Map<String, INDArray> grads = graph.graph().calculateGradients(feed, graph.parameters());
            // central differences of the CTC loss (computed in Java on the graph's logits) in a few parameters
            for (String name : List.of("front.w", "m1.dw", "m1.glu.g.w", "m2.qkv.w", "m4.ff1.w", "blk1.ln.g", "head8.b")) {
                INDArray p = w.get(name);
                // gradients may come back in 'f' order, where getDouble(i) counts in that order
                INDArray g = grads.get(name).dup('c');
                for (long index = 0; index < Math.min(p.length(), 30); index += 7) {
                    double h = 1e-2;
                    double base = p.getDouble(index);
                    p.putScalar(index, base + h);
                    double up = loss(graph, batch, ctc);
                    p.putScalar(index, base - h);
                    double down = loss(graph, batch, ctc);
                    p.putScalar(index, base);
                    double numeric = (up - down) / (2 * h);
                    double analytic = g.getDouble(index);
                    assertThat(analytic).as(name + "[" + index + "]").isCloseTo(numeric,
                            org.assertj.core.data.Offset.offset(2e-3 + 0.03 * Math.abs(numeric)));
                }
            }
            return null;
        });
    }

    private static double loss(EncoderGraph.Built graph, Batch batch, Ctc ctc) {
        float[] logits = logits(graph, batch, Map.of());
        return ctc.batch(logits, batch.encoderFrames, batch.paddedFrames(), TINY.vocab(), batch.targets,
                Ctc.Reduction.SUM_PER_FRAME, null, null);
    }
}
