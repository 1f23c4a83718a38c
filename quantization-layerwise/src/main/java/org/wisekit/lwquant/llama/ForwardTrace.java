package org.wisekit.lwquant.llama;

/**
 * Observes a forward pass: the residual stream entering and leaving each block (for layer importance)
 * and the inputs of each linear layer (for GPTQ Hessians). Arrays are row-major T x width and are only
 * valid during the call.
 */
public interface ForwardTrace {

    default void blockInput(int layer, float[] hidden, int tokens) {
    }

    default void blockOutput(int layer, float[] hidden, int tokens) {
    }

    default void linearInput(int layer, Linear.Input input, float[] x, int tokens, int width) {
    }

    ForwardTrace NONE = new ForwardTrace() {
    };
}
