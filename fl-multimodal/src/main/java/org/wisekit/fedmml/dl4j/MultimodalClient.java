package org.wisekit.fedmml.dl4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wisekit.fedmml.data.AvSamples;
import org.wisekit.fedmml.fl.Client;
import org.wisekit.fedmml.fl.EvaluateResult;
import org.wisekit.fedmml.fl.FederatedClient;
import org.wisekit.fedmml.fl.FitResult;
import org.wisekit.fedmml.fl.NamedTensors;
import org.wisekit.fedmml.fl.TensorSpec;

/**
 * The built-in multimodal model as a {@link Client}: trains what the task names on its examples with
 * {@link MultimodalTrainer} (the stage plan comes from the {@link FitSettings} in the config) and reports its
 * measured costs as metrics {@code flops}, {@code peak-bytes}, {@code loss} and {@code steps}. Its frozen layers
 * stay in the runtime's local copy of the model ({@link FederatedClient#of}) between rounds and are never sent
 * back. {@code evaluate} reports the test loss of the plan's model on this client's examples (cross-entropy, or
 * the symmetric InfoNCE for the contrastive task) and {@code accuracy} or {@code recall-at-1}/{@code recall-at-5}.
 */
public final class MultimodalClient implements Client {

    private final String id;
    private final MultimodalTrainer trainer;
    private final AvSamples data;

    public MultimodalClient(String id, MultimodalTrainer trainer, AvSamples data) {
        if (data.size() < 2) {
            throw new IllegalArgumentException("client " + id + " needs at least 2 examples, got " + data.size());
        }
        this.id = id;
        this.trainer = trainer;
        this.data = data;
    }

    public String id() {
        return id;
    }

    public int numSamples() {
        return data.size();
    }

    @Override
    public FitResult fit(NamedTensors local, Map<String, String> c) {
        StagePlan plan = plan(c);
        for (TensorSpec s : plan.allTensors(trainer.layout(), trainer.task())) {
            if (!local.contains(s.name())) {
                throw new IllegalStateException("client " + id + " lacks tensor " + s.name() + " of stage " + plan.stage());
            }
        }
        List<String> trainable = Client.trainable(c);
        List<String> expected = plan.trainable(trainer.layout(), trainer.task()).stream().map(TensorSpec::name).toList();
        if (!new java.util.HashSet<>(expected).equals(new java.util.HashSet<>(trainable))) {
            throw new IllegalArgumentException("the task's trainable set does not match stage " + plan.stage() + " of "
                    + plan.scheme());
        }
        MultimodalTrainer.Settings settings = FitSettings.settings(c);
        NamedTensors anchor = settings.proximalMu() > 0 ? local.subset(trainable) : null;
        int round = Client.intSetting(c, Client.ROUND, 0);
        long seed = Long.parseLong(FitSettings.require(c, FitSettings.SEED)) * 1_000_003L + round * 7919L
                + id.hashCode();
        MultimodalTrainer.Stats stats = trainer.train(local, plan, data, settings, seed, anchor);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("flops", (double) stats.flops());
        metrics.put("peak-bytes", (double) stats.peakBytes());
        metrics.put("loss", stats.meanLoss());
        metrics.put("steps", (double) stats.steps());
        return new FitResult(local.subset(trainable), data.size(), metrics);
    }

    @Override
    public EvaluateResult evaluate(NamedTensors model, Map<String, String> c) {
        MultimodalTrainer.Evaluation e = trainer.evaluate(model, plan(c), data);
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (trainer.task() == org.wisekit.fedmml.dl4j.model.Task.FUSION) {
            metrics.put("accuracy", e.accuracy());
        } else {
            metrics.put("recall-at-1", e.recallAt1());
            metrics.put("recall-at-5", e.recallAt5());
        }
        return new EvaluateResult(e.loss(), data.size(), metrics);
    }

    private StagePlan plan(Map<String, String> c) {
        return StagePlan.of(Scheme.parse(FitSettings.require(c, FitSettings.SCHEME)),
                FitSettings.parseInt(c, FitSettings.STAGE), FitSettings.parseInt(c, FitSettings.STAGES),
                trainer.layout().config());
    }
}
