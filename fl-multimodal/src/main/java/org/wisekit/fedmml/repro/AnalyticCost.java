package org.wisekit.fedmml.repro;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wisekit.fedmml.dl4j.FederatedRun;
import org.wisekit.fedmml.dl4j.FitSettings;
import org.wisekit.fedmml.dl4j.Scheme;
import org.wisekit.fedmml.dl4j.model.ModelConfig;
import org.wisekit.fedmml.dl4j.model.ModelLayout;
import org.wisekit.fedmml.dl4j.model.Task;
import org.wisekit.fedmml.fl.ClientUpdate;
import org.wisekit.fedmml.fl.TensorSpec;

/**
 * The per-client cost of a round in closed form, from the architecture ({@link ModelConfig}: widths, depths,
 * tokens), the batch size, the number of local examples and epochs, and what each scheme trains and sends in a
 * stage. It shares no code with what it checks: the FLOPs the {@code OpCostMeter} counts from the executed ops'
 * shapes and the bytes the transport counts from the encoded messages. The reproduction and the tests compare
 * the two (within 2 %).
 *
 * <h2>FLOPs (the meter's convention)</h2>
 * A matrix product of an {@code [M, K]} and a {@code [K, N]} operand costs {@code 2 M N K} (one multiply-add =
 * 2 FLOPs); its backward pass costs the input gradient plus the weight gradient, {@code 2 x 2 M N K}, except
 * for an embedding, whose input is data (no input gradient, only {@code 2 M N K}). Every other op costs one
 * FLOP per element of its larger side (inputs together or outputs together). A step of batch {@code b} costs
 * {@code C + b E + b^2 Q}. Per example ({@code E}), with {@code T} tokens, width {@code d}, {@code h} heads of
 * width {@code dh = d / h}, MLP width {@code m}, and {@code a = h T^2} attention scores:
 * <ul>
 *   <li>a transformer layer's products: {@code P = T (2 d 3d + 2 d d + 2 x 2 d m) + 2 x 2 a dh} forward
 *       (fused QKV, output projection, MLP, {@code Q K^T} and {@code P V}); {@code 3 P} when trained;</li>
 *   <li>its element-wise work forward: {@code 17 T d + 2 a + T m} (LayerNorm 1, reshape, permute and unstack
 *       of QKV {@code 3 x 3 T d}, scale and softmax {@code 2 a}, permute and reshape of the context
 *       {@code 2 T d}, residual add {@code 2 T d}, LayerNorm 2 {@code T d}, GELU {@code T m}, residual add
 *       {@code 2 T d}); when trained, the forward pass also runs what the gradient needs later ({@code shape_of}
 *       of the two reshaped inputs, {@code 4 T d}, and GELU's derivative, {@code T m}): {@code 21 T d + 2 a
 *       + 2 T m}; and backward {@code 28 T d + 3 a + 3 T m} (residual add gradients {@code 2 x 3 T d}, bias
 *       gradients {@code T d + T m + T d + 3 T d}, the GELU chain rule {@code 2 T m}, LayerNorm gradients
 *       {@code 2 x 2 T d}, the sum of the residual and LayerNorm-2 paths {@code 2 T d}, reshape and permute
 *       back {@code 2 T d}, softmax and scale gradients {@code 3 a}, stack, permute and reshape of the QKV
 *       gradient {@code 3 x 3 T d}), plus {@code 2 T d} to sum the two paths into the layer's input gradient
 *       unless the input is a graph input (LW's first trained layer reads the frozen prefix's output);</li>
 *   <li>an embedding from raw inputs of width {@code p}: products {@code 2 T p d}; element-wise {@code 3 T d}
 *       forward in inference (reshape, positional add, reshape), {@code 5 T d} forward when trained (plus
 *       two {@code shape_of}) and {@code 5 T d} backward;</li>
 *   <li>final LayerNorm and mean pooling (trained): {@code 4 T d} forward, {@code 4 T d + d} backward;</li>
 *   <li>a projection head {@code d -> ph -> pd} (trained): products {@code 2 d ph + 2 ph pd}, 3 times;
 *       element-wise {@code 2 ph} forward (LayerNorm, ReLU), {@code pd + 5 ph} backward;</li>
 *   <li>the fusion head {@code 2 pd -> 2 pd -> K classes} (trained): products {@code 2 (2 pd)^2 + 2 (2 pd) K},
 *       3 times; element-wise {@code 4 pd} forward (concat, ReLU), {@code K + 10 pd} backward; its
 *       cross-entropy, log-softmax written out: {@code 25 K + 14};</li>
 *   <li>the contrastive loss: the L2 normalisations {@code 2 (4 pd + 5)} forward and {@code 2 (10 pd + 4)}
 *       backward, and {@code 24} for the per-row reductions ({@code E = 28 pd + 42}); per example squared
 *       ({@code Q}), the logits product {@code 2 pd}, 3 times, and {@code 54} for the two log-softmaxes over
 *       the {@code b x b} logits, forward and backward.</li>
 * </ul>
 * The per-step constant {@code C} holds what does not grow with the batch: LayerNorm gains and biases
 * ({@code 2 d} or {@code 2 ph} per LayerNorm op and gradient), the positional table in the embedding's add
 * and its gradient ({@code T d} each), the shape arguments of the backward reshapes (2 to 5 values) and the
 * losses' scalar ops (1 for fusion, 9 for the contrastive loss). The constant and the losses are a few
 * thousandths of the total at the reproduction's model size, a few hundredths at width 8.
 *
 * <p>Per scheme, in stage {@code s} of {@code S} with {@code k = L / S} layers per stage and encoder:
 * FedMML trains the embeddings, all {@code L} layers and the heads; Prog trains the embeddings, layers
 * {@code [0, s k)} and the heads; LW runs the embeddings and layers {@code [0, (s-1) k)} forward only (inference)
 * and trains layers {@code [(s-1) k, s k)} and the heads (stage 1: with the embeddings). A local epoch runs
 * batches of {@code b} examples and a last one of the rest, skipped when a single example is left.
 *
 * <h2>Bytes (the wire schema)</h2>
 * The payload is 4 bytes per float32 value sent. The framing is computed from {@code fedmml.proto} with the
 * protobuf encoding rules (one-byte tags, field numbers below 16; varint lengths; packed {@code int64} shapes;
 * fields with proto3 default values omitted; map entries as nested messages with key and value): per tensor
 * its name, shape and the length prefixes (about 20-30 bytes); per task the settings strings and the list of
 * trainable names; per update the client id, sample count and the four reported metrics. The framing is
 * about 1 % of the messages at the reproduction's model size (d = 32) but 12-18 % at width 8 (the tests' model),
 * so it is counted rather than left to the tolerance. What travels: FedMML and Prog send every present tensor both
 * ways; LW sends the trainable ones both ways, plus, down, the frozen tensors whose final version the client
 * does not hold yet: it holds those that were frozen when it last took part, so a client that last answered
 * in stage {@code s'} ({@code 1} if never) downloads layers {@code [(s'-1) k, (s-1) k)} and, when
 * {@code s' = 1 < s}, the embeddings. Which clients took part in which round is an input (the server's seeded
 * sampling), read from the run; every round is assumed to have aggregated.
 */
public final class AnalyticCost {

    /** The metrics every client reports with its update ({@code MultimodalClient}). */
    static final List<String> METRICS = List.of("flops", "peak-bytes", "loss", "steps");

    /** What the server tells each client besides the tensors. */
    public record Protocol(int stages, int epochs, int batch, double lr, double weightDecay, long seed,
                           Map<String, String> strategySettings) {

        public Protocol {
            if (stages < 1 || epochs < 1 || batch < 2) {
                throw new IllegalArgumentException("invalid protocol: stages=" + stages + ", epochs=" + epochs
                        + ", batch=" + batch);
            }
            strategySettings = Map.copyOf(strategySettings);
        }
    }

    /**
     * One client's part in one round.
     *
     * @param lastStage the latest stage of an earlier round in which the client answered, 0 if none
     */
    public record ClientRound(int round, int stage, String client, long examples, int lastStage) {
    }

    /** Costs of one client-round (or their mean over client-rounds). */
    public record Cost(double flops, double bytesDown, double bytesUp, double payloadBytes) {

        /** Bytes sent and received. */
        public double bytes() {
            return bytesDown + bytesUp;
        }
    }

    private final ModelConfig c;
    private final ModelLayout layout;
    private final Task task;
    private final Protocol protocol;

    public AnalyticCost(ModelConfig config, Task task, Protocol protocol) {
        if (config.imageLayers() % protocol.stages() != 0 || config.audioLayers() % protocol.stages() != 0) {
            throw new IllegalArgumentException("stages=" + protocol.stages() + " must divide the encoder depths");
        }
        this.c = config;
        this.layout = new ModelLayout(config);
        this.task = task;
        this.protocol = protocol;
    }

    // ------------------------------------------------------------------ FLOPs

    /** FLOPs of one client's local training in a round of {@code stage}, on {@code examples} examples. */
    public double flops(Scheme scheme, int stage, long examples) {
        double[] step = stepTerms(scheme, stage);
        double epoch = 0;
        for (long from = 0; from + 2 <= examples; from += protocol.batch()) {
            long b = Math.min(protocol.batch(), examples - from);
            epoch += step[0] + b * step[1] + (double) b * b * step[2];
        }
        return protocol.epochs() * epoch;
    }

    /**
     * One training step of batch {@code b} costs {@code t[0] + b t[1] + b^2 t[2]} FLOPs: a constant, a part per
     * example, and the contrastive loss's {@code b x b} part.
     */
    double[] stepTerms(Scheme scheme, int stage) {
        double[] t = new double[3];
        for (String m : List.of(ModelLayout.IMAGE, ModelLayout.AUDIO)) {
            int[] range = trainedLayers(scheme, stage, m);
            int tokens = tokens(m);
            if (range[0] > 0) {
                add(t, embeddingInference(m));
                for (int k = 0; k < range[0]; k++) {
                    add(t, layerInference(tokens));
                }
            } else {
                add(t, embeddingTrained(m));
            }
            for (int k = range[0]; k < range[1]; k++) {
                add(t, layerTrained(tokens, k > range[0] || range[0] == 0));
            }
            add(t, poolTrained(tokens));
            add(t, projectionTrained());
        }
        add(t, task == Task.FUSION ? fusionHeadAndLossTrained() : contrastiveLossTrained());
        return t;
    }

    private static void add(double[] total, double[] part) {
        for (int i = 0; i < part.length; i++) {
            total[i] += part[i];
        }
    }

    /** {@code {C, E}}, or {@code {C, E, Q}}: per step, per example, per example squared. */
    private static double[] terms(double... t) {
        return t;
    }

    private double layerProducts(int t) {
        int d = c.dim();
        int dh = d / c.heads();
        double a = (double) c.heads() * t * t;
        return t * (2.0 * d * 3 * d + 2.0 * d * d + 2 * 2.0 * d * c.mlpHidden()) + 2 * 2.0 * a * dh;
    }

    private double[] layerInference(int t) {
        int d = c.dim();
        double a = (double) c.heads() * t * t;
        return terms(4.0 * d, layerProducts(t) + 17.0 * t * d + 2 * a + (double) t * c.mlpHidden());
    }

    private double[] layerTrained(int t, boolean inputGradient) {
        int d = c.dim();
        double a = (double) c.heads() * t * t;
        double forward = 21.0 * t * d + 2 * a + 2.0 * t * c.mlpHidden();
        double backward = 28.0 * t * d + 3 * a + 3.0 * t * c.mlpHidden() + (inputGradient ? 2.0 * t * d : 0);
        return terms(8.0 * d + 6, 3 * layerProducts(t) + forward + backward);
    }

    private double[] embeddingInference(String m) {
        int t = tokens(m);
        return terms((double) t * c.dim(), 2.0 * t * rawWidth(m) * c.dim() + 3.0 * t * c.dim());
    }

    private double[] embeddingTrained(String m) {
        int t = tokens(m);
        return terms(2.0 * t * c.dim() + 5, 2 * 2.0 * t * rawWidth(m) * c.dim() + 10.0 * t * c.dim());
    }

    private double[] poolTrained(int t) {
        return terms(4.0 * c.dim() + 2, 8.0 * t * c.dim() + c.dim());
    }

    private double[] projectionTrained() {
        int ph = c.projHidden();
        int pd = c.projDim();
        return terms(4.0 * ph, 3 * (2.0 * c.dim() * ph + 2.0 * ph * pd) + 2.0 * ph + pd + 5.0 * ph);
    }

    private double[] fusionHeadAndLossTrained() {
        int in = 2 * c.projDim();
        int k = c.classes();
        return terms(1, 3 * (2.0 * in * in + 2.0 * in * k) + 2.0 * in + k + 5.0 * in + 25.0 * k + 14);
    }

    private double[] contrastiveLossTrained() {
        int pd = c.projDim();
        return terms(9, 28.0 * pd + 42, 3 * 2.0 * pd + 54);
    }

    /** Layers {@code [from, to)} of encoder {@code m} that train in the stage; {@code [0, from)} are frozen (LW). */
    private int[] trainedLayers(Scheme scheme, int stage, String m) {
        int depth = m.equals(ModelLayout.IMAGE) ? c.imageLayers() : c.audioLayers();
        int k = depth / protocol.stages();
        return switch (scheme) {
            case E2E -> new int[] {0, depth};
            case PROG -> new int[] {0, stage * k};
            case LW -> new int[] {(stage - 1) * k, stage * k};
        };
    }

    private int tokens(String m) {
        return m.equals(ModelLayout.IMAGE) ? c.imageTokens() : c.audioTokens();
    }

    private int rawWidth(String m) {
        return m.equals(ModelLayout.IMAGE) ? c.patchDim() : c.frameDim();
    }

    // ------------------------------------------------------------------ bytes

    /** The tensors that train (and travel both ways) in the stage. */
    List<TensorSpec> trainable(Scheme scheme, int stage) {
        List<TensorSpec> out = new ArrayList<>();
        for (String m : List.of(ModelLayout.IMAGE, ModelLayout.AUDIO)) {
            int[] range = trainedLayers(scheme, stage, m);
            out.addAll(layout.encoder(m, range[0], range[1], range[0] == 0));
        }
        out.addAll(layout.heads(task));
        return out;
    }

    /** The frozen tensors a client that last answered in {@code lastStage} downloads in {@code stage} (LW only). */
    List<TensorSpec> frozenDownload(Scheme scheme, int stage, int lastStage) {
        List<TensorSpec> out = new ArrayList<>();
        if (scheme != Scheme.LW || stage == 1) {
            return out;
        }
        int held = Math.max(1, lastStage);
        for (String m : List.of(ModelLayout.IMAGE, ModelLayout.AUDIO)) {
            int k = (m.equals(ModelLayout.IMAGE) ? c.imageLayers() : c.audioLayers()) / protocol.stages();
            out.addAll(layout.encoder(m, Math.min(held, stage) * k - k, (stage - 1) * k, held == 1));
        }
        return out;
    }

    /** Bytes of the task message a client receives. */
    public long bytesDown(Scheme scheme, ClientRound r) {
        List<TensorSpec> trainable = trainable(scheme, r.stage());
        long n = 2 + 2 + int32Field(r.round());                   // wire_version, kind = FIT, round
        for (var e : settings(scheme, r.stage()).entrySet()) {
            n += nested(stringField(e.getKey()) + stringField(e.getValue()));
        }
        for (TensorSpec s : trainable) {
            n += nested(tensor(s)) + stringField(s.name());       // the tensor, and its name in `trainable`
        }
        for (TensorSpec s : frozenDownload(scheme, r.stage(), r.lastStage())) {
            n += nested(tensor(s));
        }
        return n;
    }

    /** Bytes of the update message a client sends back. */
    public long bytesUp(Scheme scheme, ClientRound r) {
        long n = 2 + stringField(r.client()) + int32Field(r.round()) + (r.examples() == 0 ? 0 : 1 + varint(r.examples()));
        for (TensorSpec s : trainable(scheme, r.stage())) {
            n += nested(tensor(s));
        }
        for (String key : METRICS) {
            n += nested(stringField(key) + 1 + 8);                // key, then a double (fixed64)
        }
        return n;
    }

    /** Payload: 4 bytes per float32 value sent and received. */
    public long payloadBytes(Scheme scheme, ClientRound r) {
        long values = 0;
        for (TensorSpec s : trainable(scheme, r.stage())) {
            values += 2 * s.elements();
        }
        for (TensorSpec s : frozenDownload(scheme, r.stage(), r.lastStage())) {
            values += s.elements();
        }
        return 4 * values;
    }

    public Cost cost(Scheme scheme, ClientRound r) {
        return new Cost(flops(scheme, r.stage(), r.examples()), bytesDown(scheme, r), bytesUp(scheme, r),
                payloadBytes(scheme, r));
    }

    /** The mean cost over the client-rounds whose updates were accepted, as the reproduction averages. */
    public Cost meanPerClientRound(Scheme scheme, List<ClientRound> rounds) {
        double flops = 0;
        double down = 0;
        double up = 0;
        double payload = 0;
        for (ClientRound r : rounds) {
            Cost x = cost(scheme, r);
            flops += x.flops();
            down += x.bytesDown();
            up += x.bytesUp();
            payload += x.payloadBytes();
        }
        int n = rounds.size();
        return new Cost(flops / n, down / n, up / n, payload / n);
    }

    /**
     * Who took part in which round of a run: one entry per accepted update, with the latest earlier stage in
     * which that client answered (an accepted or a rejected update: it received its task).
     */
    public static List<ClientRound> participation(FederatedRun.Result result) {
        List<ClientRound> out = new ArrayList<>();
        Map<String, Integer> lastStage = new HashMap<>();
        for (FederatedRun.Round round : result.rounds()) {
            for (ClientUpdate u : round.result().accepted()) {
                out.add(new ClientRound(round.round(), round.stage(), u.clientId(), u.numSamples(),
                        lastStage.getOrDefault(u.clientId(), 0)));
            }
            for (ClientUpdate u : round.result().accepted()) {
                lastStage.put(u.clientId(), round.stage());
            }
            for (String id : round.result().rejected().keySet()) {
                lastStage.put(id, round.stage());
            }
        }
        return out;
    }

    /** The task settings of a stage: the trainer's settings strings and the strategy's. */
    private Map<String, String> settings(Scheme scheme, int stage) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(FitSettings.SCHEME, scheme.name());
        m.put(FitSettings.STAGE, Integer.toString(stage));
        m.put(FitSettings.STAGES, Integer.toString(protocol.stages()));
        m.put(FitSettings.EPOCHS, Integer.toString(protocol.epochs()));
        m.put(FitSettings.BATCH, Integer.toString(protocol.batch()));
        m.put(FitSettings.LR, Double.toString(protocol.lr()));
        m.put(FitSettings.WEIGHT_DECAY, Double.toString(protocol.weightDecay()));
        m.put(FitSettings.SEED, Long.toString(protocol.seed()));
        m.putAll(protocol.strategySettings());
        return m;
    }

    // ------------------------------------------------------------------ protobuf sizes

    /** TensorProto: name (1), packed shape (2), data (3). */
    private static long tensor(TensorSpec s) {
        long shape = 0;
        for (int d : s.shape()) {
            shape += varint(d);
        }
        return stringField(s.name()) + (shape == 0 ? 0 : nested(shape)) + nested(4 * s.elements());
    }

    /** A length-delimited field of {@code length} bytes: tag, length varint, content. */
    private static long nested(long length) {
        return 1 + varint(length) + length;
    }

    private static long stringField(String s) {
        return nested(s.getBytes(StandardCharsets.UTF_8).length);
    }

    private static long int32Field(int v) {
        return v == 0 ? 0 : 1 + varint(v);
    }

    static int varint(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }
}
