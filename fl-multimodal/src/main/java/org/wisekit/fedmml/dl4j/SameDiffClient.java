package org.wisekit.fedmml.dl4j;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.wisekit.fedmml.fl.Client;
import org.wisekit.fedmml.fl.EvaluateResult;
import org.wisekit.fedmml.fl.FedProx;
import org.wisekit.fedmml.fl.FitResult;
import org.wisekit.fedmml.fl.NamedTensors;
import org.wisekit.tensor.nd4j.Nd4jThreads;

/**
 * A {@link Client} for a user's own SameDiff graph: the parameter plumbing between the runtime's named tensors and
 * the graph's variables, local training and evaluation. The user gives the graph (or one graph per stage, for a
 * model that grows under a layer-wise or progressive {@link org.wisekit.fedmml.fl.Schedule}), the names of its
 * feature and label placeholders and of its scalar loss, batches of training (and optionally test) data as ND4J
 * {@link DataSet}s, and an ND4J updater ({@code new Adam(1e-3)}, {@code new Sgd(0.1)}, ...).
 *
 * <p>{@code fit} copies every parameter of the stage's graph from the parameters it is given, runs
 * {@code epochs} passes over the training batches (setting {@code "epochs"} overrides), and after each batch
 * updates only the trainable variables the server names ({@link Client#TRAINABLE}): gradients are taken for those
 * alone, so frozen variables never change. The updater's state is fresh each round (as in the paper's code);
 * FedProx's proximal term {@code mu (w - w_global)} is added to the gradient when the server sends
 * {@link FedProx#MU}. It returns the graph's parameters, the number of examples in one pass (FedAvg's weight) and
 * the metrics {@code loss} (mean training loss over the batches) and {@code steps}. {@code evaluate} returns the
 * loss averaged over the test examples and, when an output of class scores is named ({@link Builder#accuracy}),
 * the metric {@code accuracy} (share of argmax matches with the one-hot labels, in [0, 1]).
 *
 * <p>Follows the ND4J rules of the project: every run uses a session memory manager that never reuses arrays
 * ({@link Nd4jThreads#withoutArrayReuse}); the gradient function is built once, before the first run; the graph must
 * not use ops that fail when differentiated in ND4J 1.0.0-M2.1 ({@code log_softmax}: write it out; {@code gather}:
 * feed one-hot inputs). Each client needs its own graph unless the clients run one at a time (a simulation on
 * one thread). Not thread-safe.
 */
public final class SameDiffClient implements Client {

    private final IntFunction<SameDiff> graphForStage;
    private final Map<Integer, SameDiff> graphs = new HashMap<>();
    private final List<String> parameterNames;
    private final String features;
    private final String labels;
    private final String loss;
    private final String accuracy;
    private final Supplier<? extends Iterator<DataSet>> train;
    private final Supplier<? extends Iterator<DataSet>> test;
    private final IUpdater updater;
    private final int epochs;

    private SameDiffClient(Builder b) {
        this.graphForStage = b.graphForStage;
        this.parameterNames = b.parameters == null ? null : List.copyOf(b.parameters);
        this.features = b.features;
        this.labels = b.labels;
        this.loss = b.loss;
        this.accuracy = b.accuracy;
        this.train = b.train;
        this.test = b.test == null ? b.train : b.test;
        this.updater = b.updater;
        this.epochs = b.epochs;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The current values of the parameters of {@code stage}'s graph (e.g. the initial model for the server). */
    public NamedTensors parameters(int stage) {
        SameDiff sd = graph(stage);
        return tensors(sd, parametersOf(sd));
    }

    /** The named variables of {@code sd} as tensors (values copied, row-major). */
    public static NamedTensors tensors(SameDiff sd, Collection<String> names) {
        NamedTensors out = new NamedTensors();
        for (String n : names) {
            INDArray a = variable(sd, n).getArr();
            int[] shape = new int[a.rank()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = (int) a.size(i);
            }
            out.put(n, shape, Nd4j.toFlattened('c', a).castTo(DataType.FLOAT).toFloatVector());
        }
        return out;
    }

    @Override
    public FitResult fit(NamedTensors parameters, Map<String, String> config) {
        SameDiff sd = graph(Client.intSetting(config, Client.STAGE, 1));
        List<String> names = parametersOf(sd);
        load(sd, names, parameters);
        List<String> trainable = Client.trainable(config);
        for (String n : trainable) {
            if (!names.contains(n)) {
                throw new IllegalArgumentException("trainable tensor " + n + " is not a parameter of this stage's graph "
                        + names);
            }
        }
        int passes = Client.intSetting(config, "epochs", epochs);
        if (passes < 1) {
            throw new IllegalArgumentException("setting epochs must be >= 1, got " + passes);
        }
        double mu = config.containsKey(FedProx.MU) ? Double.parseDouble(config.get(FedProx.MU)) : 0;
        Map<String, INDArray> anchor = new HashMap<>();
        Map<String, GradientUpdater<?>> updaters = new HashMap<>();
        for (String n : trainable) {
            INDArray w = sd.getVariable(n).getArr();
            anchor.put(n, w.dup());
            long state = updater.stateSize(w.length());
            INDArray view = state == 0 ? null : Nd4j.zeros(DataType.FLOAT, 1, state);
            updaters.put(n, updater.clone().instantiate(view, true));
        }
        long examples = 0;
        double lossSum = 0;
        int steps = 0;
        for (int epoch = 0; epoch < passes; epoch++) {
            Iterator<DataSet> batches = train.get();
            while (batches.hasNext()) {
                DataSet batch = batches.next();
                if (epoch == 0) {
                    examples += batch.numExamples();
                }
                if (trainable.isEmpty()) {
                    continue;
                }
                Nd4jThreads.withoutArrayReuse(sd);
                var result = sd.calculateGradientsAndOutputs(placeholders(batch), List.of(loss), trainable);
                lossSum += result.getOutputs().get(loss).getDouble(0);
                for (String n : trainable) {
                    INDArray w = sd.getVariable(n).getArr();
                    INDArray g = result.getGradients().get(n);
                    if (g == null) {
                        throw new IllegalStateException("the loss " + loss + " does not depend on trainable tensor " + n);
                    }
                    INDArray flat = g.castTo(w.dataType()).reshape('c', 1, w.length()).dup('c');
                    if (mu > 0) {
                        flat.addi(w.sub(anchor.get(n)).reshape('c', 1, w.length()).muli(mu));
                    }
                    updaters.get(n).applyUpdater(flat, steps, epoch);
                    w.subi(flat.reshape('c', w.shape()));
                }
                steps++;
            }
        }
        if (examples == 0) {
            throw new IllegalStateException("the training data gave no examples");
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", steps == 0 ? Double.NaN : lossSum / steps);
        metrics.put("steps", (double) steps);
        return new FitResult(tensors(sd, names), examples, metrics);
    }

    @Override
    public EvaluateResult evaluate(NamedTensors parameters, Map<String, String> config) {
        SameDiff sd = graph(Client.intSetting(config, Client.STAGE, 1));
        load(sd, parametersOf(sd), parameters);
        long examples = 0;
        long correct = 0;
        double lossSum = 0;
        Iterator<DataSet> batches = test.get();
        String[] outputs = accuracy == null ? new String[] {loss} : new String[] {loss, accuracy};
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            Nd4jThreads.withoutArrayReuse(sd);
            Map<String, INDArray> out = sd.output(placeholders(batch), outputs);
            int n = batch.numExamples();
            lossSum += out.get(loss).getDouble(0) * n;
            examples += n;
            if (accuracy != null) {
                INDArray predicted = out.get(accuracy).argMax(1);
                INDArray truth = batch.getLabels().argMax(1);
                for (int i = 0; i < n; i++) {
                    correct += predicted.getLong(i) == truth.getLong(i) ? 1 : 0;
                }
            }
        }
        if (examples == 0) {
            throw new IllegalStateException("the test data gave no examples");
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (accuracy != null) {
            metrics.put("accuracy", (double) correct / examples);
        }
        return new EvaluateResult(lossSum / examples, examples, metrics);
    }

    private Map<String, INDArray> placeholders(DataSet batch) {
        Map<String, INDArray> in = new HashMap<>();
        in.put(features, batch.getFeatures());
        in.put(labels, batch.getLabels());
        return in;
    }

    private SameDiff graph(int stage) {
        return graphs.computeIfAbsent(stage, s -> {
            SameDiff sd = graphForStage.apply(s);
            if (sd == null) {
                throw new IllegalArgumentException("no graph for stage " + s);
            }
            variable(sd, loss);
            sd.setLossVariables(loss);
            sd.createGradFunction();   // before the first run, so that withoutArrayReuse covers its session too
            return sd;
        });
    }

    private List<String> parametersOf(SameDiff sd) {
        List<String> out = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE
                    && (parameterNames == null || parameterNames.contains(v.name()))) {
                out.add(v.name());
            }
        }
        return out;
    }

    private static void load(SameDiff sd, List<String> names, NamedTensors parameters) {
        for (String n : names) {
            if (!parameters.contains(n)) {
                throw new IllegalStateException("the model sent to this client lacks tensor " + n + " of the graph");
            }
            INDArray target = sd.getVariable(n).getArr();
            int[] shape = parameters.shape(n);
            long[] expected = target.shape();
            if (!java.util.Arrays.equals(java.util.Arrays.stream(shape).asLongStream().toArray(), expected)) {
                throw new IllegalStateException("tensor " + n + " has shape " + java.util.Arrays.toString(shape)
                        + ", the graph's variable " + java.util.Arrays.toString(expected));
            }
            target.assign(Nd4j.create(parameters.get(n), expected, 'c').castTo(target.dataType()));
        }
    }

    private static SDVariable variable(SameDiff sd, String name) {
        SDVariable v = sd.getVariable(name);
        if (v == null) {
            throw new IllegalArgumentException("the graph has no variable named " + name);
        }
        return v;
    }

    /** Settings of a {@link SameDiffClient}; {@code graph}, {@code features}, {@code labels}, {@code loss} and {@code trainData} are required. */
    public static final class Builder {
        private IntFunction<SameDiff> graphForStage;
        private Collection<String> parameters;
        private String features;
        private String labels;
        private String loss;
        private String accuracy;
        private Supplier<? extends Iterator<DataSet>> train;
        private Supplier<? extends Iterator<DataSet>> test;
        private IUpdater updater = new Adam(1e-3);
        private int epochs = 1;

        private Builder() {
        }

        /** The graph, for every stage (a model that does not grow). */
        public Builder graph(SameDiff graph) {
            return graphForStage(s -> graph);
        }

        /** The graph of each stage (1-based), built on first use: a model that grows with a staged schedule. */
        public Builder graphForStage(IntFunction<SameDiff> graphs) {
            this.graphForStage = graphs;
            return this;
        }

        /** The variables exchanged with the server (default: every VARIABLE of the graph). */
        public Builder parameters(Collection<String> names) {
            this.parameters = names;
            return this;
        }

        /** Placeholder names of the features and labels of a batch. */
        public Builder placeholders(String features, String labels) {
            this.features = features;
            this.labels = labels;
            return this;
        }

        /** The scalar loss variable (mean over the batch). */
        public Builder loss(String loss) {
            this.loss = loss;
            return this;
        }

        /** An output of class scores (batch x classes): {@code evaluate} reports {@code accuracy} against one-hot labels. */
        public Builder accuracy(String scores) {
            this.accuracy = scores;
            return this;
        }

        /** A fresh pass over the training batches per call (e.g. {@code batches::iterator}). */
        public Builder trainData(Supplier<? extends Iterator<DataSet>> batches) {
            this.train = batches;
            return this;
        }

        /** A fresh pass over the test batches per call (default: the training data). */
        public Builder testData(Supplier<? extends Iterator<DataSet>> batches) {
            this.test = batches;
            return this;
        }

        /** The optimiser (an ND4J updater; default {@code new Adam(1e-3)}); its state is fresh every round. */
        public Builder updater(IUpdater updater) {
            this.updater = updater;
            return this;
        }

        /** Local passes over the training data per round (default 1; the setting {@code "epochs"} overrides). */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        public SameDiffClient build() {
            if (graphForStage == null || features == null || labels == null || loss == null || train == null
                    || updater == null) {
                throw new IllegalArgumentException("SameDiffClient needs graph, placeholders, loss, trainData and updater");
            }
            return new SameDiffClient(this);
        }
    }
}
