package org.wisekit.lwquant.llama;

/** The seven weight matrices of a llama block, with their Hugging Face names and shapes (out x in). */
public enum Linear {
    Q("self_attn.q_proj", Input.ATTENTION),
    K("self_attn.k_proj", Input.ATTENTION),
    V("self_attn.v_proj", Input.ATTENTION),
    O("self_attn.o_proj", Input.ATTENTION_OUTPUT),
    GATE("mlp.gate_proj", Input.MLP),
    UP("mlp.up_proj", Input.MLP),
    DOWN("mlp.down_proj", Input.MLP_ACTIVATION);

    /** Which activations a matrix multiplies; matrices sharing an input share a GPTQ Hessian. */
    public enum Input {
        ATTENTION, ATTENTION_OUTPUT, MLP, MLP_ACTIVATION
    }

    public final String hfName;
    public final Input input;

    Linear(String hfName, Input input) {
        this.hfName = hfName;
        this.input = input;
    }

    /** The tensor name in layer {@code layer}, e.g. {@code model.layers.3.mlp.up_proj.weight}. */
    public String tensorName(int layer) {
        return "model.layers." + layer + "." + hfName + ".weight";
    }

    public int rows(LlamaConfig c) {
        return switch (this) {
            case Q, O -> c.dim();
            case K, V -> c.kvHeads() * c.headDim();
            case GATE, UP -> c.hidden();
            case DOWN -> c.dim();
        };
    }

    public int cols(LlamaConfig c) {
        return switch (this) {
            case Q, K, V, GATE, UP -> c.dim();
            case O -> c.dim();
            case DOWN -> c.hidden();
        };
    }
}
