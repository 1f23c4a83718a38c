package org.wisekit.kwise.internal;

import java.math.BigInteger;

/** Exact binomial coefficients. */
public final class Binomial {

    private Binomial() {
    }

    /** C(n, j) for 0 &lt;= n, and 0 when j &lt; 0 or j &gt; n. */
    public static BigInteger choose(int n, int j) {
        if (j < 0 || j > n) {
            return BigInteger.ZERO;
        }
        int r = Math.min(j, n - j);
        BigInteger c = BigInteger.ONE;
        for (int i = 1; i <= r; i++) {
            // C(n-r+i, i) = C(n-r+i-1, i-1) * (n-r+i) / i, an exact division at every step
            c = c.multiply(BigInteger.valueOf(n - r + i)).divide(BigInteger.valueOf(i));
        }
        return c;
    }
}
