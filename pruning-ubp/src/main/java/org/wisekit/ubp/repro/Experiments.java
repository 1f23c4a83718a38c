package org.wisekit.ubp.repro;

import java.util.Arrays;
import org.wisekit.datasets.LabeledImages;
import org.wisekit.datasets.Split;
import org.wisekit.harness.Progress;
import org.wisekit.harness.RunContext;
import org.wisekit.tensor.nd4j.Nd4jThreads;
import org.wisekit.ubp.dl4j.ImageData;
import org.wisekit.ubp.dl4j.Networks;
import org.wisekit.ubp.dl4j.PrunableNetwork;
import org.wisekit.ubp.dl4j.Training;

/** Set-up shared by the selection and accuracy reproductions: Fashion-MNIST and the dense MLP. */
final class Experiments {

    static final int BATCH = 128;

    private Experiments() {
    }

    /** The first {@code limit} images of a Fashion-MNIST split, from the run's data directory. */
    static ImageData fashionMnist(RunContext context, Split split, int limit) {
        LabeledImages images = context.data().fashionMnist(split);
        int n = Math.min(limit, images.size());
        int pixels = images.images().size() / images.size();
        return ImageData.of(Arrays.copyOf(images.images().data(), n * pixels), Arrays.copyOf(images.labels(), n),
                images.classNames().size());
    }

    /** A new MLP trained densely for {@code steps} minibatches. */
    static PrunableNetwork denseMlp(RunContext context, ImageData train, long seed, int steps) {
        PrunableNetwork mlp = Networks.mlp(seed);
        try (Progress.Task task = context.progress().start("dense MLP, seed " + seed, steps)) {
            Nd4jThreads.single(() -> {
                Training.fit(mlp.network(), train, steps, BATCH, seed, 0, step -> task.step());
                return null;
            });
        }
        return mlp;
    }
}
