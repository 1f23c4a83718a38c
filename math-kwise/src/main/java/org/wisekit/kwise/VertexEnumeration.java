package org.wisekit.kwise;

import org.apache.commons.math3.fraction.BigFraction;
import org.wisekit.kwise.internal.Binomial;

/**
 * An oracle for M(n,k,p) that shares no code with the simplex: the optimum of an LP with k+1 equality
 * rows is attained at a basic feasible solution, so it tries every support {s_0 &lt; ... &lt; s_k} of
 * {0..n}, solves the (k+1) x (k+1) moment system by Gauss-Jordan elimination in {@link BigFraction}s,
 * keeps the non-negative solutions and returns the largest q_n. C(n+1, k+1) systems: for small n only.
 * Stateless and thread-safe.
 */
public final class VertexEnumeration {

    /** Largest n accepted: C(17, 9) = 24310 systems. */
    public static final int MAX_N = 16;

    private VertexEnumeration() {
    }

    /** M(n,k,p) as the best basic feasible solution. */
    public static BigFraction maximum(KwiseProblem problem) {
        int n = problem.n();
        if (n > MAX_N) {
            throw new IllegalArgumentException("vertex enumeration needs n <= " + MAX_N + ", got " + n);
        }
        int size = problem.k() + 1;
        BigFraction[] targets = new BigFraction[size];
        for (int j = 0; j < size; j++) {
            targets[j] = problem.p().pow(j).multiply(Binomial.choose(n, j));
        }
        BigFraction best = BigFraction.ZERO;
        int[] support = new int[size];
        for (int i = 0; i < size; i++) {
            support[i] = i;
        }
        do {
            BigFraction candidate = vertexValue(support, targets, n);
            if (candidate != null && candidate.compareTo(best) > 0) {
                best = candidate;
            }
        } while (nextSubset(support, n));
        return best;
    }

    /** q_n at the basic solution on {@code support}, 0 when n is not in it, null when it is infeasible or singular. */
    private static BigFraction vertexValue(int[] support, BigFraction[] targets, int n) {
        int size = support.length;
        BigFraction[][] m = new BigFraction[size][size + 1];
        for (int j = 0; j < size; j++) {
            for (int i = 0; i < size; i++) {
                m[j][i] = new BigFraction(Binomial.choose(support[i], j));
            }
            m[j][size] = targets[j];
        }
        for (int c = 0; c < size; c++) {
            int r = c;
            while (r < size && m[r][c].equals(BigFraction.ZERO)) {
                r++;
            }
            if (r == size) {
                return null;
            }
            BigFraction[] swap = m[r];
            m[r] = m[c];
            m[c] = swap;
            for (int other = 0; other < size; other++) {
                if (other == c || m[other][c].equals(BigFraction.ZERO)) {
                    continue;
                }
                BigFraction factor = m[other][c].divide(m[c][c]);
                for (int j = c; j <= size; j++) {
                    m[other][j] = m[other][j].subtract(factor.multiply(m[c][j]));
                }
            }
        }
        BigFraction atN = BigFraction.ZERO;
        for (int i = 0; i < size; i++) {
            BigFraction x = m[i][size].divide(m[i][i]);
            if (x.compareTo(BigFraction.ZERO) < 0) {
                return null;
            }
            if (support[i] == n) {
                atN = x;
            }
        }
        return atN;
    }

    /** Advances {@code subset} to the next increasing tuple over {0..n}; false after the last. */
    private static boolean nextSubset(int[] subset, int n) {
        int size = subset.length;
        int i = size - 1;
        while (i >= 0 && subset[i] == n - (size - 1 - i)) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        subset[i]++;
        for (int j = i + 1; j < size; j++) {
            subset[j] = subset[j - 1] + 1;
        }
        return true;
    }
}
