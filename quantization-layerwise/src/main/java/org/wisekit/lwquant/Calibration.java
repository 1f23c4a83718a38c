package org.wisekit.lwquant;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wisekit.lwquant.llama.ForwardTrace;
import org.wisekit.lwquant.llama.Linear;
import org.wisekit.lwquant.llama.LlamaModel;
import org.wisekit.lwquant.quant.HessianAccumulator;

/**
 * GPTQ's calibration statistics: for every block and every linear-layer input (attention input, attention
 * output, MLP input, MLP activation) the Hessian {@code 2 X^T X / n} of the activations the full-precision
 * model produces on calibration windows. (The reference GPTQ re-runs each block on the outputs of the
 * already quantized blocks; here all Hessians come from one full-precision pass, so one set serves every
 * bit allocation.)
 */
public final class Calibration {

    private final Map<String, double[]> hessians;

    private Calibration(Map<String, double[]> hessians) {
        this.hessians = hessians;
    }

    public static Calibration of(LlamaModel model, List<int[]> windows) {
        return of(model, windows, w -> { });
    }

    /** As {@link #of(LlamaModel, List)}, calling {@code onWindow} with the index of each window done. */
    public static Calibration of(LlamaModel model, List<int[]> windows, java.util.function.IntConsumer onWindow) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("windows: need at least one calibration window");
        }
        Map<String, HessianAccumulator> acc = new HashMap<>();
        ForwardTrace trace = new ForwardTrace() {
            @Override
            public void linearInput(int layer, Linear.Input input, float[] x, int tokens, int width) {
                acc.computeIfAbsent(key(layer, input), k -> new HessianAccumulator(width)).add(x, tokens);
            }
        };
        for (int i = 0; i < windows.size(); i++) {
            model.logits(windows.get(i), null, trace);
            onWindow.accept(i);
        }
        Map<String, double[]> h = new HashMap<>();
        acc.forEach((k, a) -> h.put(k, a.hessian()));
        return new Calibration(h);
    }

    static String key(int layer, Linear.Input input) {
        return layer + "." + input;
    }

    /** The Hessian for {@code linear}'s input in {@code layer}. */
    public double[] hessian(int layer, Linear linear) {
        double[] h = hessians.get(key(layer, linear.input));
        if (h == null) {
            throw new IllegalArgumentException("no calibration statistics for layer " + layer + " " + linear);
        }
        return h;
    }
}
