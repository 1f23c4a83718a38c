package org.wisekit.kwise;

import java.util.Objects;
import org.apache.commons.math3.fraction.BigFraction;
import org.wisekit.kwise.internal.Fractions;

/**
 * One instance of the question: n bits, each Bernoulli(p), every k of them independent; how large can
 * P(all n bits are 1) be? Immutable.
 *
 * @param n number of bits, at least 1
 * @param k independence order, 1 &lt;= k &lt;= n
 * @param p the common marginal P(X_i = 1), an exact fraction in [0, 1]
 */
public record KwiseProblem(int n, int k, BigFraction p) {

    public KwiseProblem {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be between 1 and n = " + n + ", got " + k);
        }
        Objects.requireNonNull(p, "p");
        if (p.compareTo(BigFraction.ZERO) < 0 || p.compareTo(BigFraction.ONE) > 0) {
            throw new IllegalArgumentException("p must be in [0, 1], got " + Fractions.format(p));
        }
    }

    /** The problem with p read from "A/B", an integer or a decimal ("0.25"), exactly. */
    public static KwiseProblem of(int n, int k, String p) {
        return new KwiseProblem(n, k, Fractions.parse("p", p));
    }

    /** The problem with p = numerator / denominator. */
    public static KwiseProblem of(int n, int k, long numerator, long denominator) {
        if (denominator == 0) {
            throw new IllegalArgumentException("p has a zero denominator: " + numerator + "/0");
        }
        return new KwiseProblem(n, k, new BigFraction(numerator, denominator));
    }

    /** The same n and k at another p. */
    public KwiseProblem withP(BigFraction other) {
        return new KwiseProblem(n, k, other);
    }

    @Override
    public String toString() {
        return "M(" + n + ", " + k + ", " + Fractions.format(p) + ")";
    }
}
