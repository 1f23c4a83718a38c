package org.wisekit.kwise;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.fraction.BigFraction;
import org.wisekit.kwise.internal.Binomial;

/**
 * An explicit law on {0,1}^n, for brute-force checks of the symmetrisation argument: built from a law
 * q_0..q_n of the number of ones by spreading q_w uniformly over the C(n,w) vectors of weight w, then
 * checked for k-wise independence by summing over all 2^n outcomes, for every set of k coordinates and
 * every pattern on them, without using the symmetry. Outcome x is the bit mask with bit i = X_{i+1}.
 * Probabilities are stored as integers over one common denominator, so the sums are plain additions.
 * Immutable.
 */
public final class JointLaw {

    /** Largest n accepted: 2^16 outcomes. */
    public static final int MAX_N = 16;

    private final int n;
    private final BigInteger[] numerators;
    private final BigInteger denominator;

    private JointLaw(int n, BigInteger[] numerators, BigInteger denominator) {
        this.n = n;
        this.numerators = numerators;
        this.denominator = denominator;
    }

    /**
     * P(x) = q_{|x|} / C(n, |x|).
     *
     * @param weightLaw q_0 .. q_n (need not be a probability law; {@link #isProbabilityLaw} tells)
     */
    public static JointLaw symmetric(List<BigFraction> weightLaw) {
        int n = weightLaw.size() - 1;
        if (n < 1 || n > MAX_N) {
            throw new IllegalArgumentException("the weight law must have n + 1 entries with 1 <= n <= " + MAX_N
                    + ", got " + weightLaw.size() + " entries");
        }
        BigFraction[] perOutcome = new BigFraction[n + 1];
        BigInteger common = BigInteger.ONE;
        for (int w = 0; w <= n; w++) {
            perOutcome[w] = weightLaw.get(w).divide(Binomial.choose(n, w));
            BigInteger den = perOutcome[w].getDenominator();
            common = common.divide(common.gcd(den)).multiply(den);
        }
        BigInteger[] byWeight = new BigInteger[n + 1];
        for (int w = 0; w <= n; w++) {
            byWeight[w] = perOutcome[w].getNumerator().multiply(common.divide(perOutcome[w].getDenominator()));
        }
        BigInteger[] numerators = new BigInteger[1 << n];
        for (int x = 0; x < numerators.length; x++) {
            numerators[x] = byWeight[Integer.bitCount(x)];
        }
        return new JointLaw(n, numerators, common);
    }

    public int n() {
        return n;
    }

    /** P(X = x) for the bit mask x. */
    public BigFraction probability(int outcome) {
        return new BigFraction(numerators[outcome], denominator);
    }

    /** P(X_1 = ... = X_n = 1). */
    public BigFraction allOnes() {
        return probability((1 << n) - 1);
    }

    /** Every P(x) &gt;= 0 and they sum to 1. */
    public boolean isProbabilityLaw() {
        BigInteger total = BigInteger.ZERO;
        for (BigInteger v : numerators) {
            if (v.signum() < 0) {
                return false;
            }
            total = total.add(v);
        }
        return total.equals(denominator);
    }

    /** P(X_i = 1), summed over all outcomes; i counts from 0. */
    public BigFraction marginal(int i) {
        if (i < 0 || i >= n) {
            throw new IllegalArgumentException("coordinate must be in [0, " + (n - 1) + "], got " + i);
        }
        BigInteger sum = BigInteger.ZERO;
        for (int x = 0; x < numerators.length; x++) {
            if ((x >> i & 1) == 1) {
                sum = sum.add(numerators[x]);
            }
        }
        return new BigFraction(sum, denominator);
    }

    /**
     * Whether every k coordinates are independent Bernoulli(p): for each set T of k coordinates and each
     * pattern a on T, P(X_T = a) = p^{|a|} (1-p)^{k-|a|}, summed over all 2^n outcomes.
     */
    public boolean isKwiseIndependent(int k, BigFraction p) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be between 1 and n = " + n + ", got " + k);
        }
        BigFraction[] expected = new BigFraction[k + 1];
        BigFraction q = BigFraction.ONE.subtract(p);
        for (int ones = 0; ones <= k; ones++) {
            expected[ones] = p.pow(ones).multiply(q.pow(k - ones));
        }
        int[] positions = new int[k];
        for (int set = 0; set < numerators.length; set++) {
            if (Integer.bitCount(set) != k) {
                continue;
            }
            for (int b = 0, rest = set; b < k; b++, rest &= rest - 1) {
                positions[b] = Integer.numberOfTrailingZeros(rest);
            }
            BigInteger[] byPattern = new BigInteger[1 << k];
            Arrays.fill(byPattern, BigInteger.ZERO);
            for (int x = 0; x < numerators.length; x++) {
                int pattern = 0;
                for (int b = 0; b < k; b++) {
                    pattern |= (x >> positions[b] & 1) << b;
                }
                byPattern[pattern] = byPattern[pattern].add(numerators[x]);
            }
            for (int pattern = 0; pattern < byPattern.length; pattern++) {
                BigFraction want = expected[Integer.bitCount(pattern)];
                // byPattern / denominator == want  <=>  byPattern * den(want) == num(want) * denominator
                if (!byPattern[pattern].multiply(want.getDenominator())
                        .equals(want.getNumerator().multiply(denominator))) {
                    return false;
                }
            }
        }
        return true;
    }
}
