package org.wisekit.harness;

/** The outcome of checking one claim against its threshold. Always computed from a measurement. */
public enum Verdict {
    /** The measurement meets the threshold. */
    REPRODUCED,
    /** The measurement misses the threshold. */
    NOT_REPRODUCED,
    /** Part of a compound claim holds (e.g. 7 of 9 shapes where all 9 were claimed). */
    PARTIAL,
    /** Cannot be measured on this machine or with this data; the claim carries the reason. */
    OUT_OF_SCOPE
}
