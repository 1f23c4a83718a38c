package org.wisekit.kwise;

/** Which closed form, if any, gives M(n,k,p); see {@link ClosedForms#regime}. */
public enum Regime {
    /** k = 1 or k = n: M = p^k for every p. */
    EVERY_P("every p (k = 1 or k = n): M = p^k"),
    /** 0 &lt;= p &lt;= 1/(n-k+1): M = p^k (reconstructed Theorem A). */
    NEAR_ZERO("near-0 formula: M = p^k for p <= 1/(n-k+1)"),
    /** (n-k)/(n-k+1) &lt;= p &lt;= 1: the truncated inclusion-exclusion sum (reconstructed Theorem B). */
    NEAR_ONE("near-1 formula for p >= (n-k)/(n-k+1)"),
    /** Between the two ranges: only the LP gives the value. */
    LP_ONLY("LP only: no closed form between the near-0 and near-1 ranges");

    private final String description;

    Regime(String description) {
        this.description = description;
    }

    /** One line for people. */
    public String description() {
        return description;
    }
}
