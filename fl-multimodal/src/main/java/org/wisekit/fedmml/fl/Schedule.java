package org.wisekit.fedmml.fl;

import java.util.ArrayList;
import java.util.List;

/**
 * Which tensors exist and which train in each stage of a run, for any model whose tensors are named: the
 * paper's layer-wise (LW) and progressive (Prog) training as well as plain end-to-end FedAvg.
 *
 * <p>The model's tensors are declared as <em>layer groups</em> by name prefix: {@code groups.get(0)} are the
 * prefixes of the tensors that stage 1 adds (e.g. the input embedding and the first layer), {@code groups.get(s-1)}
 * those stage s adds; {@code always} are the prefixes of tensors present and trained in every stage (output head,
 * final norm). A tensor belongs to {@code always} if one of its prefixes matches, else to the first group with a
 * matching prefix; under LW and Prog every tensor must belong somewhere.
 * <ul>
 *   <li>{@link Mode#END_TO_END}: one stage; every tensor exists and trains in every round (groups unused).</li>
 *   <li>{@link Mode#LAYER_WISE}: stage s holds groups 1..s and trains only group s and {@code always}; earlier
 *   groups are frozen (the server sends a client each frozen tensor once, when its final version is new to it).</li>
 *   <li>{@link Mode#PROGRESSIVE}: stage s holds groups 1..s and trains all of them and {@code always}.</li>
 * </ul>
 * A client sees the stage in the settings {@link Client#STAGE} and {@link Client#STAGES}: a model that grows
 * builds the graph of the stage's depth (e.g. {@code SameDiffClient.Builder.graphForStage}).
 *
 * @param mode           end-to-end, layer-wise or progressive
 * @param groups         per stage, the name prefixes of the tensors it adds (LW and Prog: one entry per stage)
 * @param always         name prefixes of tensors present and trainable in every stage
 * @param roundsPerStage federated rounds in each stage
 */
public record Schedule(Mode mode, List<List<String>> groups, List<String> always, int roundsPerStage) {

    /** How stages grow and freeze the model. */
    public enum Mode { END_TO_END, LAYER_WISE, PROGRESSIVE }

    public Schedule {
        if (mode == null) {
            throw new IllegalArgumentException("mode must not be null");
        }
        if (roundsPerStage < 1) {
            throw new IllegalArgumentException("roundsPerStage must be >= 1, got " + roundsPerStage);
        }
        groups = groups.stream().map(List::copyOf).toList();
        always = List.copyOf(always);
        if (mode != Mode.END_TO_END && groups.isEmpty()) {
            throw new IllegalArgumentException(mode + " needs at least one layer group, got none");
        }
    }

    /** Plain FedAvg: {@code rounds} rounds, every tensor trains. */
    public static Schedule endToEnd(int rounds) {
        return new Schedule(Mode.END_TO_END, List.of(), List.of(), rounds);
    }

    /** LW: stage s adds {@code groups.get(s-1)} and trains only it and {@code always}. */
    public static Schedule layerWise(int roundsPerStage, List<List<String>> groups, List<String> always) {
        return new Schedule(Mode.LAYER_WISE, groups, always, roundsPerStage);
    }

    /** Prog: stage s adds {@code groups.get(s-1)}; every present tensor trains. */
    public static Schedule progressive(int roundsPerStage, List<List<String>> groups, List<String> always) {
        return new Schedule(Mode.PROGRESSIVE, groups, always, roundsPerStage);
    }

    /** Number of stages (1 for end-to-end). */
    public int stages() {
        return mode == Mode.END_TO_END ? 1 : groups.size();
    }

    /** Total rounds. */
    public int rounds() {
        return stages() * roundsPerStage;
    }

    /**
     * The group of {@code name}: 0 for {@code always}, s (1-based) for the group stage s adds, or -1 when no prefix
     * matches (every tensor is in stage 1 under end-to-end).
     */
    public int groupOf(String name) {
        if (mode == Mode.END_TO_END) {
            return 1;
        }
        for (String p : always) {
            if (name.startsWith(p)) {
                return 0;
            }
        }
        for (int g = 0; g < groups.size(); g++) {
            for (String p : groups.get(g)) {
                if (name.startsWith(p)) {
                    return g + 1;
                }
            }
        }
        return -1;
    }

    /** Checks that every tensor of {@code model} belongs to a group; an IllegalArgumentException names the first that does not. */
    public void check(NamedTensors model) {
        for (String n : model.names()) {
            if (groupOf(n) < 0) {
                throw new IllegalArgumentException("tensor " + n + " matches no layer-group prefix of " + groups
                        + " nor " + always);
            }
        }
    }

    /** The tensors of {@code model} present in {@code stage} (1-based), in the model's order. */
    public List<String> present(NamedTensors model, int stage) {
        checkStage(stage);
        List<String> out = new ArrayList<>();
        for (String n : model.names()) {
            int g = groupOf(n);
            if (g >= 0 && g <= stage) {
                out.add(n);
            }
        }
        return out;
    }

    /** The tensors of {@code model} that train in {@code stage}, in the model's order. */
    public List<String> trainable(NamedTensors model, int stage) {
        checkStage(stage);
        List<String> out = new ArrayList<>();
        for (String n : model.names()) {
            int g = groupOf(n);
            boolean train = switch (mode) {
                case END_TO_END -> true;
                case PROGRESSIVE -> g >= 0 && g <= stage;
                case LAYER_WISE -> g == 0 || g == stage;
            };
            if (train) {
                out.add(n);
            }
        }
        return out;
    }

    private void checkStage(int stage) {
        if (stage < 1 || stage > stages()) {
            throw new IllegalArgumentException("stage must be in [1, " + stages() + "], got " + stage);
        }
    }
}
