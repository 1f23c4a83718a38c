package org.wisekit.sched.trace;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The documented rule that maps the model names of the Muri and Tiresias traces onto Gavel job types
 * [reconstructed: neither trace uses Gavel's types]. Each source model goes to the Gavel model of the same
 * family (same model where Gavel has it, else the closest architecture/domain); the batch size is the
 * Gavel batch size of that model nearest to the trace's (log scale, ties to the smaller), or
 * {@value #DEFAULT_BATCH} when the trace gives none (Tiresias).
 *
 * <table>
 * <caption>source model -> Gavel model</caption>
 * <tr><td>resnet18, shufflenet_v2_x1_0, alexnet, googlenet</td><td>ResNet-18 (small image CNNs)</td></tr>
 * <tr><td>resnet50, resnet101, resnet152, vgg11, vgg16, vgg19, inception3, inception4</td><td>ResNet-50 (large image CNNs)</td></tr>
 * <tr><td>bert</td><td>Transformer (attention encoder)</td></tr>
 * <tr><td>gpt2</td><td>LM (language model)</td></tr>
 * <tr><td>a2c, dqn</td><td>A3C (reinforcement learning; no batch size)</td></tr>
 * </table>
 */
public final class ModelMapping {

    /** Batch size assumed when a trace gives none [reconstructed]. */
    public static final int DEFAULT_BATCH = 64;

    private static final Map<String, String> MODEL;

    static {
        Map<String, String> m = new TreeMap<>();
        for (String s : List.of("resnet18", "shufflenet_v2_x1_0", "alexnet", "googlenet")) {
            m.put(s, "ResNet-18");
        }
        for (String s : List.of("resnet50", "resnet101", "resnet152", "vgg11", "vgg16", "vgg19", "inception3", "inception4")) {
            m.put(s, "ResNet-50");
        }
        m.put("bert", "Transformer");
        m.put("gpt2", "LM");
        m.put("a2c", "A3C");
        m.put("dqn", "A3C");
        MODEL = Collections.unmodifiableMap(m);
    }

    private ModelMapping() {
    }

    /** Source model name (lower case) -> Gavel model, sorted by source name. */
    public static Map<String, String> models() {
        return MODEL;
    }

    /** The Gavel type for {@code sourceModel} with {@code batch} ({@code <= 0}: none given); IllegalArgumentException if unknown. */
    public static String gavelType(String sourceModel, int batch, ThroughputTable table) {
        String model = MODEL.get(sourceModel.trim().toLowerCase(java.util.Locale.ROOT));
        if (model == null) {
            throw new IllegalArgumentException("unknown model '" + sourceModel + "' (known: " + String.join(", ", MODEL.keySet()) + ")");
        }
        return table.nearestBatch(model, batch > 0 ? batch : DEFAULT_BATCH);
    }

    /** One line for {@code Trace.mapping()}: the rule and the pairs actually used. */
    static String describe(Map<String, String> used, String durationNote) {
        StringBuilder sb = new StringBuilder("model names mapped onto Gavel types by family, nearest Gavel batch size"
                + " (log scale; " + DEFAULT_BATCH + " when none is given) [reconstructed]: ");
        sb.append(String.join("; ", used.entrySet().stream().map(e -> e.getKey() + " -> " + e.getValue()).toList()));
        sb.append(". ").append(durationNote);
        return sb.toString();
    }

    static final String DURATION_NOTE = "iterations = trace duration x isolated throughput of the mapped type on the job's"
            + " GPUs (rounded, at least 1), so a job's exclusive time equals its duration in the trace.";
}
