package org.wisekit.asr.ctc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CtcTest {

    /** Every target over labels {1..vocab-1} of length 0..maxLength. */
    private static List<int[]> allTargets(int vocab, int maxLength) {
        List<int[]> out = new ArrayList<>();
        out.add(new int[0]);
        List<int[]> previous = List.of(new int[0]);
        for (int length = 1; length <= maxLength; length++) {
            List<int[]> next = new ArrayList<>();
            for (int[] prefix : previous) {
                for (int label = 1; label < vocab; label++) {
                    int[] t = Arrays.copyOf(prefix, length);
                    t[length - 1] = label;
                    next.add(t);
                }
            }
            out.addAll(next);
            previous = next;
        }
        return out;
    }

    private static double[] randomLogits(Random random, int frames, int vocab, double scale) {
        double[] x = new double[frames * vocab];
        for (int i = 0; i < x.length; i++) {
            x[i] = scale * random.nextGaussian();
        }
        return x;
    }

    private static double[] softmax(double[] logits, int frames, int vocab) {
        double[] p = new double[logits.length];
        for (int t = 0; t < frames; t++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < vocab; k++) {
                max = Math.max(max, logits[t * vocab + k]);
            }
            double sum = 0;
            for (int k = 0; k < vocab; k++) {
                sum += Math.exp(logits[t * vocab + k] - max);
            }
            for (int k = 0; k < vocab; k++) {
                p[t * vocab + k] = Math.exp(logits[t * vocab + k] - max) / sum;
            }
        }
        return p;
    }

    /** Merge repeats, drop blanks. */
    private static int[] collapse(int[] path) {
        int[] out = new int[path.length];
        int n = 0;
        int previous = -1;
        for (int symbol : path) {
            if (symbol != Ctc.BLANK && symbol != previous) {
                out[n++] = symbol;
            }
            previous = symbol;
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Brute force over all vocab^frames paths: element 0 is p(target), elements 1.. the posterior occupancy
     * gamma[t][k] = sum over matching paths with path[t] = k of P(path) / p(target); also counts the paths.
     */
    private static double[] bruteForce(double[] logits, int frames, int vocab, int[] target, int[] pathCount) {
        double[] p = softmax(logits, frames, vocab);
        double[] occupancy = new double[frames * vocab];
        double total = 0;
        int[] path = new int[frames];
        int paths = (int) Math.pow(vocab, frames);
        int matching = 0;
        for (int code = 0; code < paths; code++) {
            int c = code;
            for (int t = 0; t < frames; t++) {
                path[t] = c % vocab;
                c /= vocab;
            }
            if (!Arrays.equals(collapse(path), target)) {
                continue;
            }
            matching++;
            double probability = 1;
            for (int t = 0; t < frames; t++) {
                probability *= p[t * vocab + path[t]];
            }
            total += probability;
            for (int t = 0; t < frames; t++) {
                occupancy[t * vocab + path[t]] += probability;
            }
        }
        pathCount[0] = matching;
        double[] out = new double[1 + occupancy.length];
        out[0] = total;
        for (int i = 0; i < occupancy.length; i++) {
            out[1 + i] = total > 0 ? occupancy[i] / total : 0;
        }
        return out;
    }

    @Test
    void lossAndGradientEqualTheBruteForceSumOverAllAlignments() {
        Random random = new Random(11);
        Ctc ctc = new Ctc();
        int checked = 0;
        int impossible = 0;
        for (int draw = 0; draw < 3; draw++) {
            for (int vocab = 2; vocab <= 3; vocab++) {
                for (int frames = 1; frames <= 6; frames++) {
                    for (int[] target : allTargets(vocab, 2)) {
                        double[] logits = randomLogits(random, frames, vocab, 1.5);
                        double[] grad = new double[frames * vocab];
                        int[] count = new int[1];
                        double[] reference = bruteForce(logits, frames, vocab, target, count);
                        double loss = ctc.loss(logits, frames, vocab, target, grad);
                        if (reference[0] == 0) {
                            impossible++;
                            assertThat(loss).isEqualTo(Double.POSITIVE_INFINITY);
                            assertThat(grad).containsOnly(0.0);
                            continue;
                        }
                        assertThat(loss).as("T=%d V=%d target=%s", frames, vocab, Arrays.toString(target))
                                .isCloseTo(-Math.log(reference[0]), within(1e-9));
                        double[] p = softmax(logits, frames, vocab);
                        for (int i = 0; i < grad.length; i++) {
                            assertThat(grad[i]).isCloseTo(p[i] - reference[1 + i], within(1e-9));
                        }
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(3 * 52);       // 60 (T, V, target) cases, 8 of them impossible
        assertThat(impossible).isEqualTo(3 * 8);
    }

    @Test
    void gradientMatchesCentralFiniteDifferences() {
        Random random = new Random(12);
        Ctc ctc = new Ctc();
        int[][] targets = {{1}, {1, 1}, {2, 1, 2}, {3, 3, 1}, {}};
        for (int[] target : targets) {
            int frames = 8;
            int vocab = 4;
            double[] logits = randomLogits(random, frames, vocab, 2.0);
            double[] grad = new double[frames * vocab];
            ctc.loss(logits, frames, vocab, target, grad);
            double h = 1e-5;
            for (int i = 0; i < logits.length; i++) {
                double keep = logits[i];
                logits[i] = keep + h;
                double plus = ctc.loss(logits, frames, vocab, target, null);
                logits[i] = keep - h;
                double minus = ctc.loss(logits, frames, vocab, target, null);
                logits[i] = keep;
                double numeric = (plus - minus) / (2 * h);
                assertThat(grad[i]).isCloseTo(numeric, within(1e-6 * Math.max(1e-2, Math.abs(numeric))));
            }
        }
    }

    @Test
    void repeatedLabelsNeedABlankBetweenThem() {
        Ctc ctc = new Ctc();
        double[] grad = new double[2 * 3];
        assertThat(ctc.loss(new double[2 * 3], 2, 3, new int[] {1, 1}, grad)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(grad).containsOnly(0.0);
        // T = 2 suffices for two different labels
        assertThat(ctc.loss(new double[2 * 3], 2, 3, new int[] {1, 2}, null)).isFinite();

        // T = 3: exactly one path, 1 0 1
        Random random = new Random(13);
        double[] logits = randomLogits(random, 3, 3, 1.0);
        int[] count = new int[1];
        bruteForce(logits, 3, 3, new int[] {1, 1}, count);
        assertThat(count[0]).isEqualTo(1);
        double[] p = softmax(logits, 3, 3);
        double expected = -(Math.log(p[1]) + Math.log(p[3]) + Math.log(p[6 + 1]));
        assertThat(ctc.loss(logits, 3, 3, new int[] {1, 1}, null)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void tooFewFramesForTheTargetIsImpossible() {
        Ctc ctc = new Ctc();
        // U = 3 labels need 3 frames; with 2 repeats (1 1 1) they need 5
        assertThat(ctc.loss(new double[2 * 3], 2, 3, new int[] {1, 2, 1}, null)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ctc.loss(new double[4 * 3], 4, 3, new int[] {1, 1, 1}, null)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ctc.loss(new double[5 * 3], 5, 3, new int[] {1, 1, 1}, null)).isFinite();
    }

    @Test
    void emptyTargetIsAllBlanks() {
        Random random = new Random(14);
        double[] logits = randomLogits(random, 4, 3, 1.0);
        double[] p = softmax(logits, 4, 3);
        double expected = 0;
        for (int t = 0; t < 4; t++) {
            expected -= Math.log(p[t * 3]);
        }
        assertThat(new Ctc().loss(logits, 4, 3, new int[0], null)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void largeLogitsStayFiniteAndShiftInvariant() {
        Random random = new Random(15);
        int frames = 30;
        int vocab = 11;
        double[] logits = randomLogits(random, frames, vocab, 30.0);
        double[] shifted = logits.clone();
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < vocab; k++) {
                shifted[t * vocab + k] += 1000 * (t % 3 - 1);
            }
        }
        int[] target = {3, 3, 7, 1, 10};
        Ctc ctc = new Ctc();
        double loss = ctc.loss(logits, frames, vocab, target, null);
        assertThat(loss).isFinite().isPositive();
        assertThat(ctc.loss(shifted, frames, vocab, target, null)).isCloseTo(loss, within(1e-9 * loss));
    }

    @Test
    void floatInputGivesTheDoubleResultAndScratchReuseChangesNothing() {
        Random random = new Random(16);
        Ctc reused = new Ctc();
        reused.loss(randomLogits(random, 40, 9, 1.0), 40, 9, new int[] {1, 2, 3, 4, 5, 6, 7, 8}, new double[360]);
        int frames = 7;
        int vocab = 5;
        float[] logits = new float[frames * vocab];
        double[] asDouble = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) random.nextGaussian();
            asDouble[i] = logits[i];
        }
        int[] target = {4, 2, 2};
        float[] gradF = new float[logits.length];
        double[] gradD = new double[logits.length];
        double lossF = reused.loss(logits, frames, vocab, target, gradF);
        double lossD = new Ctc().loss(asDouble, frames, vocab, target, gradD);
        assertThat(lossF).isEqualTo(lossD);
        for (int i = 0; i < gradF.length; i++) {
            assertThat((double) gradF[i]).isEqualTo((double) (float) gradD[i]);
        }
    }

    @Test
    void batchEqualsTheSingleSequencesUnderBothReductions() {
        Random random = new Random(17);
        int maxFrames = 9;
        int vocab = 5;
        int[] frames = {9, 4, 7, 2, 6};
        int[][] targets = {{1, 2, 2, 3}, {4}, {3, 3, 3}, {1, 1, 1}, {}};   // item 3: 3 repeats of 1 need 5 frames
        int items = frames.length;
        float[] logits = new float[items * maxFrames * vocab];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (1.5 * random.nextGaussian());
        }
        Ctc ctc = new Ctc();
        double sum = 0;
        long totalFrames = 0;
        float[][] single = new float[items][];
        double[] singleLoss = new double[items];
        for (int b = 0; b < items; b++) {
            float[] one = Arrays.copyOfRange(logits, b * maxFrames * vocab, (b * maxFrames + frames[b]) * vocab);
            single[b] = new float[one.length];
            singleLoss[b] = ctc.loss(one, frames[b], vocab, targets[b], single[b]);
            if (Double.isFinite(singleLoss[b])) {
                sum += singleLoss[b];
            }
            totalFrames += frames[b];
        }
        assertThat(singleLoss[3]).isEqualTo(Double.POSITIVE_INFINITY);

        for (Ctc.Reduction reduction : Ctc.Reduction.values()) {
            double scale = reduction == Ctc.Reduction.SUM ? 1 : 1.0 / totalFrames;
            float[] grad = new float[logits.length];
            Arrays.fill(grad, Float.NaN);          // padding must be overwritten with zeros
            double[] itemLosses = new double[items];
            double reduced = ctc.batch(logits, frames, maxFrames, vocab, targets, reduction, grad, itemLosses);
            assertThat(reduced).isCloseTo(sum * scale, within(1e-12 * sum));
            assertThat(itemLosses).containsExactly(singleLoss);
            for (int b = 0; b < items; b++) {
                for (int i = 0; i < maxFrames * vocab; i++) {
                    float value = grad[b * maxFrames * vocab + i];
                    if (i < frames[b] * vocab) {
                        assertThat((double) value).isCloseTo(single[b][i] * scale, within(1e-6 * scale));
                    } else {
                        assertThat(value).isZero();
                    }
                }
            }
        }
    }

    @Test
    void badInputNamesTheValue() {
        Ctc ctc = new Ctc();
        assertThatThrownBy(() -> ctc.loss(new double[6], 2, 3, new int[] {0}, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target[0] is 0");
        assertThatThrownBy(() -> ctc.loss(new double[6], 2, 3, new int[] {1, 3}, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target[1] is 3");
        assertThatThrownBy(() -> ctc.loss(new double[6], 0, 3, new int[] {1}, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frames must be >= 1, got 0");
        assertThatThrownBy(() -> ctc.loss(new double[5], 2, 3, new int[] {1}, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("logits has 5 entries");
        assertThatThrownBy(() -> ctc.loss(new float[6], 2, 1, new int[0], null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vocab must be >= 2, got 1");
        assertThatThrownBy(() -> ctc.batch(new float[2 * 3 * 3], new int[] {3, 4}, 3, 3, new int[][] {{1}, {2}},
                Ctc.Reduction.SUM, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frames[1] is 4, outside 1..3");
        assertThatThrownBy(() -> ctc.batch(new float[2 * 3 * 3], new int[] {3, 3}, 3, 3, new int[][] {{1}, {2, 5}},
                Ctc.Reduction.SUM, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targets[1][1] is 5");
        assertThatThrownBy(() -> ctc.batch(new float[17], new int[] {3, 3}, 3, 3, new int[][] {{1}, {2}},
                Ctc.Reduction.SUM, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("logits has 17 entries");
    }
}
