package org.wisekit.fedmml.dl4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.wisekit.fedmml.fl.NamedTensors;
import org.wisekit.fedmml.fl.TensorSpec;
import org.wisekit.tensor.nd4j.Nd4jThreads;

/**
 * A built SameDiff graph and the parameters it holds. Parameters live in a {@link NamedTensors} state owned by
 * the caller; {@link #load} copies them in before a run. Every op the graph executes is reported to the
 * {@link OpCostMeter} given to {@link #gradients} or {@link #output}. Every run uses a session memory manager that
 * never reuses arrays ({@code Nd4jThreads.withoutArrayReuse}, module tensor-nd4j): with ND4J 1.0.0-M2.1's default
 * one these graphs gave different outputs for the same parameters and inputs from one run to the next. Not
 * thread-safe.
 */
public final class ModelGraph {

    private final SameDiff sd;
    private final List<TensorSpec> parameters;
    private final List<String> outputs;

    ModelGraph(SameDiff sd, List<TensorSpec> parameters, String... outputs) {
        this.sd = sd;
        this.parameters = List.copyOf(parameters);
        this.outputs = List.of(outputs);
    }

    /** The parameters (variables) of this graph, in creation order. */
    public List<TensorSpec> parameters() {
        return parameters;
    }

    public List<String> parameterNames() {
        return parameters.stream().map(TensorSpec::name).toList();
    }

    /** Copies the values of this graph's parameters from {@code state}. */
    public void load(NamedTensors state) {
        for (TensorSpec s : parameters) {
            long[] shape = java.util.Arrays.stream(s.shape()).asLongStream().toArray();
            sd.getVariable(s.name()).getArr().assign(org.nd4j.linalg.factory.Nd4j.create(state.get(s.name()), shape, 'c'));
        }
    }

    /** Runs the graph forward and returns its outputs. */
    public Map<String, INDArray> output(Map<String, INDArray> placeholders, OpCostMeter meter) {
        Nd4jThreads.withoutArrayReuse(sd);
        sd.setListeners(meter);
        try {
            return sd.output(placeholders, outputs.toArray(String[]::new));
        } finally {
            sd.setListeners();
        }
    }

    /** The gradient of the (single) loss output with respect to every parameter, plus the loss under {@code "loss"}. */
    public Map<String, INDArray> gradients(Map<String, INDArray> placeholders, OpCostMeter meter) {
        if (sd.getFunction("grad") == null) {
            sd.setLossVariables(outputs.get(0));
            sd.createGradFunction();
        }
        Nd4jThreads.withoutArrayReuse(sd);
        sd.setListeners(meter);
        try {
            var result = sd.calculateGradientsAndOutputs(placeholders, outputs, parameterNames());
            Map<String, INDArray> grads = new java.util.HashMap<>(result.getGradients());
            grads.put("loss", result.getOutputs().get(outputs.get(0)));
            return grads;
        } finally {
            sd.setListeners();
        }
    }

    /** Names of this graph's outputs. */
    public List<String> outputs() {
        return new ArrayList<>(outputs);
    }
}
