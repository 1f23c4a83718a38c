package org.wisekit.ubp.dl4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.wisekit.ubp.BlockSelection;
import org.wisekit.ubp.BlockSelector;
import org.wisekit.ubp.Budget;
import org.wisekit.ubp.Importance;
import org.wisekit.ubp.PruningSchedule;
import org.wisekit.ubp.ScoreMatrix;

/**
 * Gradual magnitude pruning of a network's prunable layers with any {@link BlockSelector}: every
 * layer gets the uniform budget of the schedule's current sparsity, blocks are re-selected on the
 * schedule's steps from the current weights, and the masks are applied after <em>every</em> optimizer
 * step, so pruned weights are exactly zero whatever the optimizer's momentum would do.
 *
 * <p>Use: call {@link #afterStep(int)} after each {@code network.fit(batch)}. Not thread-safe.
 */
public final class GradualPruning {

    private final MultiLayerNetwork network;
    private final List<PrunableLayer> layers;
    private final BlockSelector selector;
    private final int blockSize;
    private final Importance importance;
    private final PruningSchedule schedule;
    private final INDArray[] masks;
    private final BlockSelection[] selections;

    /**
     * Prunes {@code layers} of {@code network} with {@code selector}, V = {@code blockSize}, scoring weights by
     * {@code importance}, at the sparsities of {@code schedule}. Nothing is pruned until the first
     * {@link #afterStep(int)} or {@link #select(double)}.
     */
    public GradualPruning(MultiLayerNetwork network, List<PrunableLayer> layers, BlockSelector selector, int blockSize,
                          Importance importance, PruningSchedule schedule) {
        if (network == null || layers == null || layers.isEmpty() || selector == null || importance == null
                || schedule == null) {
            throw new IllegalArgumentException("network, at least one layer, selector, importance and schedule are required");
        }
        if (blockSize < 1) {
            throw new IllegalArgumentException("block size V must be >= 1, got " + blockSize);
        }
        this.network = network;
        this.layers = List.copyOf(layers);
        this.selector = selector;
        this.blockSize = blockSize;
        this.importance = importance;
        this.schedule = schedule;
        this.masks = new INDArray[layers.size()];
        this.selections = new BlockSelection[layers.size()];
    }

    /** Re-selects the blocks when the schedule says so, then zeroes every pruned weight. */
    public void afterStep(int step) {
        if (schedule.selectsAt(step) && schedule.sparsityAt(step) > 0) {
            select(schedule.sparsityAt(step));
        }
        applyMasks();
    }

    /** Selects every layer's blocks at {@code sparsity} from the current weights. */
    public void select(double sparsity) {
        for (int i = 0; i < layers.size(); i++) {
            PrunableLayer layer = layers.get(i);
            float[] w = layer.weights(network);
            ScoreMatrix scores = ScoreMatrix.of(w, layer.outputs(), layer.inputs(), importance);
            Budget budget = budgetAt(layer, sparsity);
            selections[i] = selector.select(scores, budget);
            masks[i] = layer.maskArray(network, selections[i]);
        }
    }

    /** Zeroes the pruned weights of every layer that has a mask. */
    public void applyMasks() {
        for (int i = 0; i < layers.size(); i++) {
            if (masks[i] != null) {
                layers.get(i).param(network).muli(masks[i]);
            }
        }
    }

    /** The current selection of each layer (null entries before the first selection). */
    public List<BlockSelection> selections() {
        return new ArrayList<>(Arrays.asList(selections));
    }

    /** The uniform budget at {@code sparsity}, capped at what fits (V need not divide Co). */
    private Budget budgetAt(PrunableLayer layer, double sparsity) {
        long wanted = (long) Math.floor((double) layer.outputs() * layer.inputs() * (1 - sparsity) / blockSize + 1e-9);
        long fits = new Budget(blockSize, 0).maxBlocks(layer.outputs(), layer.inputs());
        return new Budget(blockSize, (int) Math.min(wanted, fits));
    }
}
