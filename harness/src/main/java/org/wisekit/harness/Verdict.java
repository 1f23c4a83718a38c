package org.wisekit.harness;

/**
 * The outcome of checking one claim. Always computed from a measurement, except {@link #NOT_RUN} and
 * {@link #OUT_OF_SCOPE}, which say why there is none.
 */
public enum Verdict {
    /** The measurement meets the threshold (over seeds: the whole 95 % interval does). */
    REPRODUCED,
    /** The measurement misses the threshold (over seeds: the whole 95 % interval does). */
    NOT_REPRODUCED,
    /** Part of a compound claim holds (e.g. 7 of 9 shapes where all 9 were claimed). */
    PARTIAL,
    /** Measured over seeds, and the 95 % interval of the mean straddles the threshold: the runs cannot tell. */
    INCONCLUSIVE,
    /** A check that holds by construction (a clamp, an identity, a theorem) and holds: not a reproduction. */
    INVARIANT,
    /** A check that should hold by construction and does not: a defect in the implementation. */
    INVARIANT_VIOLATED,
    /** Not run at this profile; the claim's note names the profile that runs it. */
    NOT_RUN,
    /** Cannot be checked on this machine or without unavailable data or hardware; the note says why. */
    OUT_OF_SCOPE;

    /** Whether this verdict is about one of the paper's claims that was run here (not an invariant, skipped or out of scope). */
    public boolean isInScope() {
        return this == REPRODUCED || this == NOT_REPRODUCED || this == PARTIAL || this == INCONCLUSIVE;
    }

    /** Whether this is the verdict of an invariant (held or violated). */
    public boolean isInvariant() {
        return this == INVARIANT || this == INVARIANT_VIOLATED;
    }
}
