package org.wisekit.fedmml.dl4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wisekit.fedmml.data.AvSamples;
import org.wisekit.fedmml.fl.ClientUpdate;
import org.wisekit.fedmml.fl.FederatedClient;
import org.wisekit.fedmml.fl.FitTask;
import org.wisekit.fedmml.fl.NamedTensors;
import org.wisekit.fedmml.fl.TensorSpec;

/**
 * A client of the multimodal runtime: keeps its local copy of the model (frozen layers stay here between
 * rounds and are never sent back), trains what the task names on its examples, and reports its measured
 * costs as metrics {@code flops}, {@code peak-bytes}, {@code loss} and {@code steps}.
 */
public final class MultimodalClient implements FederatedClient {

    private final String id;
    private final MultimodalTrainer trainer;
    private final AvSamples data;
    private final NamedTensors local = new NamedTensors();

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

    /** The local model (live). */
    public NamedTensors local() {
        return local;
    }

    @Override
    public ClientUpdate fit(FitTask task) {
        Map<String, String> c = task.config();
        int stages = FitSettings.parseInt(c, FitSettings.STAGES);
        StagePlan plan = StagePlan.of(Scheme.parse(FitSettings.require(c, FitSettings.SCHEME)),
                FitSettings.parseInt(c, FitSettings.STAGE), stages, trainer.layout().config());
        local.overwrite(task.tensors());
        for (TensorSpec s : plan.allTensors(trainer.layout(), trainer.task())) {
            if (!local.contains(s.name())) {
                throw new IllegalStateException("client " + id + " lacks tensor " + s.name() + " of stage " + plan.stage());
            }
        }
        List<String> expected = plan.trainable(trainer.layout(), trainer.task()).stream().map(TensorSpec::name).toList();
        if (!new java.util.HashSet<>(expected).equals(new java.util.HashSet<>(task.trainable()))) {
            throw new IllegalArgumentException("the task's trainable set does not match stage " + plan.stage() + " of "
                    + plan.scheme());
        }
        MultimodalTrainer.Settings settings = FitSettings.settings(c);
        NamedTensors anchor = settings.proximalMu() > 0 ? local.subset(task.trainable()) : null;
        long seed = Long.parseLong(FitSettings.require(c, FitSettings.SEED)) * 1_000_003L + task.round() * 7919L
                + id.hashCode();
        MultimodalTrainer.Stats stats = trainer.train(local, plan, data, settings, seed, anchor);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("flops", (double) stats.flops());
        metrics.put("peak-bytes", (double) stats.peakBytes());
        metrics.put("loss", stats.meanLoss());
        metrics.put("steps", (double) stats.steps());
        return new ClientUpdate(id, task.round(), data.size(), local.subset(task.trainable()), metrics);
    }
}
