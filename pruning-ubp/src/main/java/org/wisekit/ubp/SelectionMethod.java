package org.wisekit.ubp;


/** The selectors by name, as the tool and the reports use them. */
public enum SelectionMethod {
    /** Aligned block pruning. */
    ABP("abp", "ABP"),
    /** Optimal unaligned selection by the exact DP. */
    OPTIMAL("dp", "UBP-DP"),
    /** The authors' greedy with gap closing (fast implementation). */
    GREEDY("greedy", "UBP-greedy"),
    /** The same greedy, implemented as the authors did. */
    GREEDY_NAIVE("greedy-naive", "UBP-greedy-naive"),
    /** Block expansion and division (reconstructed). */
    BED("bed", "UBP-BED"),
    /** Unstructured magnitude pruning. */
    UNSTRUCTURED("unstructured", "unstructured"),
    /** 2:4 semi-structured pruning along the input channels. */
    NM_2_4("2:4", "2:4");

    private final String id;
    private final String label;

    SelectionMethod(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The command-line name. */
    public String id() {
        return id;
    }

    /** The name in reports and tables. */
    public String label() {
        return label;
    }

    /** Whether this method keeps V x 1 blocks (false for the weight-level baselines). */
    public boolean isBlockwise() {
        return this != UNSTRUCTURED && this != NM_2_4;
    }

    /** A selector for this method (the DP with its default cell limit). */
    public BlockSelector selector() {
        return switch (this) {
            case ABP -> new AlignedSelector();
            case OPTIMAL -> new OptimalSelector();
            case GREEDY -> new GreedySelector();
            case GREEDY_NAIVE -> new NaiveGreedySelector();
            case BED -> new BedSelector();
            case UNSTRUCTURED -> new UnstructuredSelector();
            case NM_2_4 -> NmSelector.twoOfFour();
        };
    }
}
