package org.wisekit.fedmml.dl4j;

import java.util.LinkedHashMap;
import java.util.Map;
import org.wisekit.fedmml.fl.FedProx;

/** The string settings a server sends with every task of the multimodal runtime, and their parsing. */
public final class FitSettings {

    public static final String SCHEME = "scheme";
    public static final String STAGE = "stage";
    public static final String STAGES = "stages";
    public static final String EPOCHS = "epochs";
    public static final String BATCH = "batch";
    public static final String LR = "lr";
    public static final String WEIGHT_DECAY = "weight-decay";
    public static final String SEED = "seed";

    private FitSettings() {
    }

    static Map<String, String> of(StagePlan plan, int stages, MultimodalTrainer.Settings s, long seed) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(SCHEME, plan.scheme().name());
        m.put(STAGE, Integer.toString(plan.stage()));
        m.put(STAGES, Integer.toString(stages));
        m.put(EPOCHS, Integer.toString(s.epochs()));
        m.put(BATCH, Integer.toString(s.batch()));
        m.put(LR, Double.toString(s.lr()));
        m.put(WEIGHT_DECAY, Double.toString(s.weightDecay()));
        m.put(SEED, Long.toString(seed));
        return m;
    }

    static MultimodalTrainer.Settings settings(Map<String, String> m) {
        return new MultimodalTrainer.Settings(parseInt(m, EPOCHS), parseInt(m, BATCH), parseDouble(m, LR),
                parseDouble(m, WEIGHT_DECAY), m.containsKey(FedProx.MU) ? parseDouble(m, FedProx.MU) : 0);
    }

    static String require(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("task setting " + key + " is missing");
        }
        return v;
    }

    static int parseInt(Map<String, String> m, String key) {
        try {
            return Integer.parseInt(require(m, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("task setting " + key + " must be an integer, got " + m.get(key));
        }
    }

    static double parseDouble(Map<String, String> m, String key) {
        try {
            return Double.parseDouble(require(m, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("task setting " + key + " must be a number, got " + m.get(key));
        }
    }
}
