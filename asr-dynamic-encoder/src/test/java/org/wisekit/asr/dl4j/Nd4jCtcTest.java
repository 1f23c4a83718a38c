package org.wisekit.asr.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.imports.converters.ImportClassMapping;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.asr.ctc.Ctc;
import org.wisekit.tensor.nd4j.Nd4jThreads;

/**
 * Cross-checks ND4J 1.0.0-M2.1's CTC op ({@code ctc_loss} / {@code ctc_loss_grad} in libnd4j) against
 * {@link Ctc}, and records how the op has to be called. What was found:
 * <ul>
 *   <li>The stock Java wrappers are unusable: {@code sd.loss().ctcLoss(...)} fails while building the graph
 *   ({@code CtcLoss} does not implement {@code calculateOutputDataTypes}), and {@code new CtcLoss(4 arrays)}
 *   fails when executed because it passes no integer argument (the op needs one: the blank index).</li>
 *   <li>The op itself: inputs {@code labels [B, maxU]} (INT or LONG), {@code logProbs [B, T, V]} (FLOAT or
 *   DOUBLE), {@code labelLengths [B]}, {@code frameLengths [B]} (INT or LONG), integer argument 0 = the blank
 *   index; output: the per-item negative log-likelihood {@code [B]}, in the input's float type, unreduced. The
 *   second input must be log-probabilities (log-softmax over V): the op uses it as given, so raw logits give a
 *   wrong (here negative) loss.</li>
 *   <li>{@code ctc_loss_grad} returns {@code softmax - posterior} (it takes {@code exp} of the log-probabilities),
 *   i.e. the gradient with respect to the logits under the log-softmax, zero on padding frames; because its
 *   rows sum to zero, back-propagating it through a written-out log-softmax leaves it unchanged, so the
 *   gradient with respect to the logits comes out right. It ignores the incoming gradient: a wrapper op must
 *   multiply by it (the reduction, e.g. the division by the total number of frames).</li>
 *   <li>With the two test-local wrappers below (blank argument, output type, a {@code doDiff} that scales
 *   {@code ctc_loss_grad} by the incoming gradient), registered under the op names in
 *   {@code ImportClassMapping.getOpNameMapping()} because SameDiff's gradient function clones the graph by
 *   serialisation and looks op classes up by name, gradients flow through SameDiff and agree with {@link Ctc}.</li>
 *   <li>Divergences from {@link Ctc}: an impossible target gives {@code +Infinity} with a NaN gradient (Ctc:
 *   zero gradient); an empty target gives {@code -Infinity} (wrong; Ctc: the all-blank path); a target longer
 *   than its frames is silently truncated to the first T labels (Ctc: impossible, {@code +Infinity}).</li>
 * </ul>
 */
class Nd4jCtcTest {

    private static final int BLANK = 0;

    /** {@code ctc_loss} with the blank index, the output type and a differentiable backward. */
    public static final class CtcLossOp extends DynamicCustomOp {

        /** For deserialisation. */
        public CtcLossOp() {
        }

        CtcLossOp(SameDiff sd, SDVariable labels, SDVariable logProbs, SDVariable labelLengths,
                  SDVariable frameLengths) {
            super(sd, new SDVariable[] {labels, logProbs, labelLengths, frameLengths});
            addIArgument(BLANK);
        }

        @Override
        public String opName() {
            return "ctc_loss";
        }

        @Override
        public List<DataType> calculateOutputDataTypes(List<DataType> inputTypes) {
            return List.of(inputTypes.get(1));
        }

        @Override
        public void setPropertiesForFunction(Map<String, Object> properties) {
            // the blank index travels as the integer argument; nothing to set
        }

        @Override
        public List<SDVariable> doDiff(List<SDVariable> gradients) {
            SDVariable perItem = new CtcLossGradOp(sameDiff, arg(0), arg(1), arg(2), arg(3)).outputVariable();
            SDVariable upstream = sameDiff.expandDims(sameDiff.expandDims(gradients.get(0), 1), 2);
            return List.of(sameDiff.zerosLike(arg(0)), perItem.mul(upstream), sameDiff.zerosLike(arg(2)),
                    sameDiff.zerosLike(arg(3)));
        }
    }

    /** {@code ctc_loss_grad} with the blank index and the output type. */
    public static final class CtcLossGradOp extends DynamicCustomOp {

        /** For deserialisation. */
        public CtcLossGradOp() {
        }

        CtcLossGradOp(SameDiff sd, SDVariable labels, SDVariable logProbs, SDVariable labelLengths,
                      SDVariable frameLengths) {
            super(sd, new SDVariable[] {labels, logProbs, labelLengths, frameLengths});
            addIArgument(BLANK);
        }

        @Override
        public String opName() {
            return "ctc_loss_grad";
        }

        @Override
        public List<DataType> calculateOutputDataTypes(List<DataType> inputTypes) {
            return List.of(inputTypes.get(1));
        }

        @Override
        public void setPropertiesForFunction(Map<String, Object> properties) {
            // the blank index travels as the integer argument; nothing to set
        }
    }

    private static final Map<String, DifferentialFunction> PREVIOUS = new HashMap<>();

    @BeforeAll
    static void registerWrappers() {
        Map<String, DifferentialFunction> byName = ImportClassMapping.getOpNameMapping();
        PREVIOUS.put("ctc_loss", byName.put("ctc_loss", new CtcLossOp()));
        PREVIOUS.put("ctc_loss_grad", byName.put("ctc_loss_grad", new CtcLossGradOp()));
    }

    @AfterAll
    static void restoreMapping() {
        Map<String, DifferentialFunction> byName = ImportClassMapping.getOpNameMapping();
        PREVIOUS.forEach((name, op) -> {
            if (op == null) {
                byName.remove(name);
            } else {
                byName.put(name, op);
            }
        });
    }

    /** A padded batch: logits [B][T][V] row-major, per-item frames and targets. */
    private record PaddedBatch(float[] logits, int items, int maxFrames, int vocab, int[] frames, int[][] targets) {

        INDArray logitArray() {
            return Nd4j.create(logits, new long[] {items, maxFrames, vocab}, 'c');
        }

        INDArray labelArray() {
            int maxTarget = Arrays.stream(targets).mapToInt(t -> t.length).max().orElse(0);
            int[][] padded = new int[items][Math.max(1, maxTarget)];
            for (int b = 0; b < items; b++) {
                System.arraycopy(targets[b], 0, padded[b], 0, targets[b].length);
            }
            return Nd4j.createFromArray(padded);
        }

        INDArray labelLengths() {
            return Nd4j.createFromArray(Arrays.stream(targets).mapToInt(t -> t.length).toArray());
        }

        INDArray frameLengths() {
            return Nd4j.createFromArray(frames.clone());
        }
    }

    /** Eleven symbols (10 digits + blank), unequal frame and target lengths, repeats included. */
    private static PaddedBatch randomBatch(long seed) {
        Random random = new Random(seed);
        int items = 6;
        int maxFrames = 24;
        int vocab = 11;
        int[] frames = new int[items];
        int[][] targets = new int[items][];
        for (int b = 0; b < items; b++) {
            frames[b] = b == 0 ? maxFrames : 12 + random.nextInt(maxFrames - 11);
            targets[b] = new int[1 + random.nextInt(5)];
            for (int u = 0; u < targets[b].length; u++) {
                targets[b][u] = u > 0 && random.nextInt(4) == 0 ? targets[b][u - 1] : 1 + random.nextInt(vocab - 1);
            }
        }
        float[] logits = new float[items * maxFrames * vocab];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (2 * random.nextGaussian());
        }
        return new PaddedBatch(logits, items, maxFrames, vocab, frames, targets);
    }

    private static INDArray exec(String op, PaddedBatch batch, INDArray logProbs) {
        return Nd4j.exec(DynamicCustomOp.builder(op)
                .addInputs(batch.labelArray(), logProbs, batch.labelLengths(), batch.frameLengths())
                .addIntegerArguments(BLANK).build())[0];
    }

    private static INDArray logSoftmax(INDArray logits) {
        return Nd4j.nn().logSoftmax(logits.dup(), 2);
    }

    @Test
    void stockSameDiffCtcLossCannotBeBuilt() {
        PaddedBatch batch = randomBatch(71);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", batch.logitArray());
        SDVariable labels = sd.constant("labels", batch.labelArray());
        SDVariable labelLengths = sd.constant("labelLengths", batch.labelLengths());
        SDVariable frameLengths = sd.constant("frameLengths", batch.frameLengths());
        assertThatThrownBy(() -> sd.loss().ctcLoss("ctc", labels, x, labelLengths, frameLengths))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("calculateOutputDataTypes");
    }

    @Test
    void opTakesLogProbabilitiesAndReturnsUnreducedItemLosses() {
        PaddedBatch batch = randomBatch(72);
        double[] expected = new double[batch.items()];
        new Ctc().batch(batch.logits(), batch.frames(), batch.maxFrames(), batch.vocab(), batch.targets(),
                Ctc.Reduction.SUM, null, expected);
        Nd4jThreads.single(() -> {
            INDArray losses = exec("ctc_loss", batch, logSoftmax(batch.logitArray()));
            assertThat(losses.shape()).containsExactly(batch.items());
            assertThat(losses.dataType()).isEqualTo(DataType.FLOAT);
            for (int b = 0; b < batch.items(); b++) {
                assertThat(losses.getDouble(b)).as("item %d", b).isCloseTo(expected[b], within(1e-4 * expected[b]));
            }
            // double precision works too and agrees more closely
            INDArray doubles = exec("ctc_loss", batch, logSoftmax(batch.logitArray().castTo(DataType.DOUBLE)));
            for (int b = 0; b < batch.items(); b++) {
                assertThat(doubles.getDouble(b)).isCloseTo(expected[b], within(1e-6 * expected[b]));
            }
            // raw logits are taken as log-probabilities: the result is not the CTC loss of those logits
            INDArray raw = exec("ctc_loss", batch, batch.logitArray());
            for (int b = 0; b < batch.items(); b++) {
                assertThat(Math.abs(raw.getDouble(b) - expected[b])).isGreaterThan(1.0);
            }
            return null;
        });
    }

    @Test
    void gradientsFlowThroughSameDiffWithTheWrapperAndMatchCtc() {
        PaddedBatch batch = randomBatch(73);
        int totalFrames = Arrays.stream(batch.frames()).sum();
        float[] expected = new float[batch.logits().length];
        double expectedLoss = new Ctc().batch(batch.logits(), batch.frames(), batch.maxFrames(), batch.vocab(),
                batch.targets(), Ctc.Reduction.SUM_PER_FRAME, expected, null);
        Nd4jThreads.single(() -> {
            SameDiff sd = SameDiff.create();
            SDVariable x = sd.var("x", batch.logitArray());
            SDVariable labels = sd.constant("labels", batch.labelArray());
            SDVariable labelLengths = sd.constant("labelLengths", batch.labelLengths());
            SDVariable frameLengths = sd.constant("frameLengths", batch.frameLengths());
            // log-softmax written out (SameDiff's log_softmax fails when differentiated, see DEVELOPING.md)
            SDVariable logProbs = x.sub(sd.math().log(sd.math().exp(x).sum(true, 2)));
            SDVariable perItem = new CtcLossOp(sd, labels, logProbs, labelLengths, frameLengths).outputVariable();
            SDVariable loss = perItem.sum().div((double) totalFrames).rename("loss");
            sd.setLossVariables("loss");
            PrintStream stdout = System.out;   // SameDiff prints "Added differentiated op ..." there
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            try {
                sd.createGradFunction();
            } finally {
                System.setOut(stdout);
            }
            Nd4jThreads.withoutArrayReuse(sd);
            assertThat(loss.eval().getDouble(0)).isCloseTo(expectedLoss, within(1e-4 * expectedLoss));
            INDArray grad = sd.calculateGradients(Map.of(), "x").get("x");
            float[] got = grad.dup('c').data().asFloat();
            assertThat(got).hasSize(expected.length);
            double maxAbs = 0;
            for (int i = 0; i < got.length; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
                assertThat((double) got[i]).as("entry %d", i).isCloseTo(expected[i], within(1e-4 / totalFrames));
            }
            assertThat(maxAbs).isGreaterThan(1e-3);       // the comparison is not between zeros
            return null;
        });
    }

    @Test
    void edgeCasesDivergeFromCtcAsDocumented() {
        int vocab = 3;
        int maxFrames = 4;
        // item 0: [1, 1] in 2 frames (impossible); item 1: empty target; item 2: 5 labels in 4 frames; item 3: ok
        int[] frames = {2, 3, 4, 4};
        int[][] targets = {{1, 1}, {}, {1, 2, 1, 2, 1}, {2}};
        Random random = new Random(74);
        float[] logits = new float[4 * maxFrames * vocab];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) random.nextGaussian();
        }
        PaddedBatch batch = new PaddedBatch(logits, 4, maxFrames, vocab, frames, targets);
        double[] own = new double[4];
        Ctc ctc = new Ctc();
        ctc.batch(logits, frames, maxFrames, vocab, targets, Ctc.Reduction.SUM, null, own);
        float[] item2 = Arrays.copyOfRange(logits, 2 * maxFrames * vocab, 3 * maxFrames * vocab);
        double truncated = ctc.loss(item2, maxFrames, vocab, new int[] {1, 2, 1, 2}, null);
        Nd4jThreads.single(() -> {
            INDArray logProbs = logSoftmax(batch.logitArray());
            INDArray losses = exec("ctc_loss", batch, logProbs);
            INDArray grad = exec("ctc_loss_grad", batch, logProbs);

            assertThat(own[0]).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(losses.getDouble(0)).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(Double.isNaN(grad.getDouble(0, 0, 0))).isTrue();

            assertThat(own[1]).isFinite().isPositive();
            assertThat(losses.getDouble(1)).isEqualTo(Double.NEGATIVE_INFINITY);

            assertThat(own[2]).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(losses.getDouble(2)).isCloseTo(truncated, within(1e-4 * truncated));

            assertThat(losses.getDouble(3)).isCloseTo(own[3], within(1e-4 * own[3]));
            return null;
        });
    }
}
