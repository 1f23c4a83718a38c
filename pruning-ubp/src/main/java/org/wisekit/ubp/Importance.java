package org.wisekit.ubp;

import java.util.Locale;

/**
 * How the importance of one weight is measured before blocks are selected: the block score is the sum
 * of its weights' importances (the authors' {@code --group-norm l1} / {@code l2}).
 */
public enum Importance {
    /** |w|, the authors' default. */
    L1,
    /** w squared. */
    L2;

    /** The importance of one weight. */
    public float of(float weight) {
        return this == L1 ? Math.abs(weight) : weight * weight;
    }

    /** Lower-case name as used on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
