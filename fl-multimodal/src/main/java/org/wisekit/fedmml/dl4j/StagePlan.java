package org.wisekit.fedmml.dl4j;

import java.util.List;
import org.wisekit.fedmml.dl4j.model.ModelConfig;
import org.wisekit.fedmml.dl4j.model.ModelLayout;
import org.wisekit.fedmml.dl4j.model.Task;
import org.wisekit.fedmml.fl.TensorSpec;

/**
 * What exists and what trains in one stage: encoder depths and the frozen prefix of each encoder (layers
 * {@code [0, frozen)} plus the embedding when {@code frozen > 0}). The frozen prefix runs forward only, in its own
 * graph; the trainable part is everything else.
 */
public record StagePlan(Scheme scheme, int stage, int imageDepth, int audioDepth, int imageFrozen, int audioFrozen) {

    /** The plan of {@code stage} (1-based) of {@code stages} for a scheme. */
    public static StagePlan of(Scheme scheme, int stage, int stages, ModelConfig c) {
        if (stages < 1 || stage < 1 || stage > stages) {
            throw new IllegalArgumentException("stage must be in [1, stages], got stage=" + stage + ", stages=" + stages);
        }
        if (c.imageLayers() % stages != 0 || c.audioLayers() % stages != 0) {
            throw new IllegalArgumentException("stages=" + stages + " must divide the encoder depths "
                    + c.imageLayers() + " and " + c.audioLayers());
        }
        int imgStep = c.imageLayers() / stages;
        int audStep = c.audioLayers() / stages;
        return switch (scheme) {
            case E2E -> new StagePlan(scheme, stage, c.imageLayers(), c.audioLayers(), 0, 0);
            case PROG -> new StagePlan(scheme, stage, stage * imgStep, stage * audStep, 0, 0);
            case LW -> new StagePlan(scheme, stage, stage * imgStep, stage * audStep, (stage - 1) * imgStep,
                    (stage - 1) * audStep);
        };
    }

    /** Every parameter present in this stage. */
    public List<TensorSpec> allTensors(ModelLayout layout, Task task) {
        return layout.all(task, imageDepth, audioDepth);
    }

    /** The trainable parameters: the non-frozen layers (with the embedding when nothing is frozen) and the heads. */
    public List<TensorSpec> trainable(ModelLayout layout, Task task) {
        List<TensorSpec> out = new java.util.ArrayList<>(
                layout.encoder(ModelLayout.IMAGE, imageFrozen, imageDepth, imageFrozen == 0));
        out.addAll(layout.encoder(ModelLayout.AUDIO, audioFrozen, audioDepth, audioFrozen == 0));
        out.addAll(layout.heads(task));
        return out;
    }

    public boolean hasFrozenPrefix() {
        return imageFrozen > 0 || audioFrozen > 0;
    }
}
