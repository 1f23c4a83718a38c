package org.wisekit.ubp.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.ubp.AlignedSelector;
import org.wisekit.ubp.BedSelector;
import org.wisekit.ubp.BlockSelection;
import org.wisekit.ubp.Budget;
import org.wisekit.ubp.Importance;
import org.wisekit.ubp.PruningSchedule;
import org.wisekit.tensor.Normals;

class GradualPruningTest {

    /** n random "images" of 784 pixels with labels 0..9 in turn. */
    private static ImageData randomImages(int n, long seed) {
        float[] pixels = Normals.floats(seed, n * 784);
        float[] hot = new float[n * 10];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            hot[i * 10 + labels[i]] = 1f;
        }
        return new ImageData(Nd4j.create(pixels, new long[] {n, 784}, 'c'), Nd4j.create(hot, new long[] {n, 10}, 'c'),
                labels);
    }

    @Test
    void prunedWeightsStayExactlyZeroAfterEveryOptimizerStep() {
        PrunableNetwork mlp = Networks.mlp(3);
        ImageData data = randomImages(96, 5);
        GradualPruning pruning = new GradualPruning(mlp.network(), mlp.layers(), new BedSelector(), 4, Importance.L1,
                new PruningSchedule(0.8, 0, 6, 2));
        Training.fit(mlp.network(), data, 9, 32, 1, 0, pruning::afterStep);

        List<BlockSelection> selections = pruning.selections();
        for (int i = 0; i < mlp.layers().size(); i++) {
            PrunableLayer layer = mlp.layers().get(i);
            BlockSelection sel = selections.get(i);
            assertThat(sel.count()).isEqualTo(Budget.forSparsity(layer.outputs(), layer.inputs(), 4, 0.8).blocks());
            assertPrunedAreZero(layer.weights(mlp.network()), sel, layer.name());
        }

        // One more Adam step without the masks regrows pruned weights (momentum); the masks zero them again.
        mlp.network().fit(new DataSet(data.featureRows(new int[] {0, 1, 2, 3}), data.labelRows(new int[] {0, 1, 2, 3})));
        PrunableLayer fc1 = mlp.layers().get(0);
        assertThat(countPrunedNonZero(fc1.weights(mlp.network()), selections.get(0))).isPositive();
        pruning.applyMasks();
        assertPrunedAreZero(fc1.weights(mlp.network()), selections.get(0), "fc1");
    }

    @Test
    void pointwiseConvolutionsOfTheSmallMobileNetArePrunedToo() {
        PrunableNetwork cnn = Networks.tinyMobileNet(4, 4);
        assertThat(cnn.layers()).extracting(PrunableLayer::name).containsExactly("pw1", "pw2", "pw3", "pw4");
        GradualPruning pruning = new GradualPruning(cnn.network(), cnn.layers(), new AlignedSelector(), 4,
                Importance.L2, new PruningSchedule(0.5, 0, 1, 1));
        Training.fit(cnn.network(), randomImages(16, 6), 3, 8, 2, 0, pruning::afterStep);
        for (int i = 0; i < cnn.layers().size(); i++) {
            PrunableLayer layer = cnn.layers().get(i);
            assertThat(pruning.selections().get(i).isAligned()).isTrue();
            assertPrunedAreZero(layer.weights(cnn.network()), pruning.selections().get(i), layer.name());
        }
    }

    @Test
    void rejectsBadArguments() {
        PrunableNetwork mlp = Networks.mlp(1);
        PruningSchedule schedule = new PruningSchedule(0.5, 0, 2, 1);
        assertThatThrownBy(() -> new GradualPruning(mlp.network(), mlp.layers(), new BedSelector(), 0, Importance.L1, schedule))
                .hasMessage("block size V must be >= 1, got 0");
        assertThatThrownBy(() -> Networks.tinyMobileNet(1, 6)).hasMessage("width must be a positive multiple of 4, got 6");
        assertThatThrownBy(() -> Training.fit(mlp.network(), randomImages(4, 1), 1, 5, 1, 0, step -> { }))
                .hasMessage("need steps >= 0 and 1 <= batchSize <= 4, got 1 and 5");
    }

    private static void assertPrunedAreZero(float[] w, BlockSelection sel, String name) {
        assertThat(countPrunedNonZero(w, sel)).as(name).isZero();
    }

    private static int countPrunedNonZero(float[] w, BlockSelection sel) {
        boolean[] keep = sel.mask();
        int nonZero = 0;
        for (int i = 0; i < w.length; i++) {
            nonZero += !keep[i] && w[i] != 0f ? 1 : 0;
        }
        return nonZero;
    }
}
