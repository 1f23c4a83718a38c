package org.wisekit.kwise.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact two-phase simplex for {@code max c.x subject to A x = b, x >= 0} with integer data, in
 * fraction-free (integer-preserving) form: every tableau entry is an integer numerator over one common
 * denominator {@code d}, the determinant of the current basis (Edmonds' integer pivoting, the
 * Gauss-Jordan form of Bareiss elimination). A pivot on entry {@code (r, c)} replaces every other entry
 * by {@code (T[r][c] T[i][j] - T[i][c] T[r][j]) / d}, a division that is always exact, so no gcd is
 * ever computed and the numbers stay as small as the basis determinants.
 *
 * <p>Pivoting follows Bland's rule (smallest improving column enters; among tied rows the one whose
 * basic variable has the smallest index leaves), which cannot cycle on degenerate bases.
 *
 * <p>Phase I starts from one artificial variable per row (needs {@code b >= 0}) and maximises minus their
 * sum; leftover zero-level artificials are then pivoted out, which needs {@code A} to have full row rank.
 * The artificial columns stay in the tableau for the whole run: their phase-II reduced costs are minus
 * the optimal dual values, so the dual solution comes for free.
 *
 * <p>Not thread-safe; each {@link #maximize} call builds its own tableau.
 */
public final class IntegerSimplex {

    /**
     * An optimal basic solution; every value is a numerator over {@code denominator} (positive).
     *
     * @param primal    x_0 .. x_{N-1}
     * @param dual      y_0 .. y_{m-1}, an optimal dual solution (y.A &gt;= c, y.b = objective)
     * @param objective c.x
     * @param pivots    pivots made in both phases
     */
    public record Optimum(BigInteger denominator, List<BigInteger> primal, List<BigInteger> dual,
                          BigInteger objective, int pivots) {
        public Optimum {
            if (denominator.signum() <= 0) {
                throw new IllegalArgumentException("denominator must be positive, got " + denominator);
            }
            primal = List.copyOf(primal);
            dual = List.copyOf(dual);
        }
    }

    private final int rows;       // constraint rows m
    private final int variables;  // original columns N
    private final int rhs;        // index of the right-hand-side column
    private final int phaseOne;   // row index of the phase-I objective
    private final int phaseTwo;   // row index of the phase-II objective
    private final BigInteger[][] t;
    private final int[] basis;
    private BigInteger d = BigInteger.ONE;
    private int pivots;

    private IntegerSimplex(BigInteger[][] a, BigInteger[] b, BigInteger[] c) {
        rows = a.length;
        variables = c.length;
        rhs = variables + rows;
        phaseOne = rows;
        phaseTwo = rows + 1;
        t = new BigInteger[rows + 2][rhs + 1];
        basis = new int[rows];
        for (BigInteger[] row : t) {
            Arrays.fill(row, BigInteger.ZERO);
        }
        for (int i = 0; i < rows; i++) {
            if (a[i].length != variables) {
                throw new IllegalArgumentException("row " + i + " of A has " + a[i].length
                        + " entries, expected " + variables);
            }
            if (b[i].signum() < 0) {
                throw new IllegalArgumentException("b[" + i + "] must be >= 0, got " + b[i]);
            }
            System.arraycopy(a[i], 0, t[i], 0, variables);
            t[i][variables + i] = BigInteger.ONE;
            t[i][rhs] = b[i];
            basis[i] = variables + i;
            // Phase I maximises -(sum of artificials); with the artificials basic its reduced costs are the column sums.
            for (int j = 0; j < variables; j++) {
                t[phaseOne][j] = t[phaseOne][j].add(a[i][j]);
            }
            t[phaseOne][rhs] = t[phaseOne][rhs].add(b[i]);
        }
        System.arraycopy(c, 0, t[phaseTwo], 0, variables);
    }

    /**
     * Solves {@code max c.x, A x = b, x >= 0}.
     *
     * @param a m x N integer matrix of full row rank
     * @param b m non-negative integers
     * @param c N integers
     * @throws IllegalArgumentException when the shapes disagree or some b_i &lt; 0
     * @throws IllegalStateException    when the program is infeasible or unbounded, or A is rank deficient
     */
    public static Optimum maximize(BigInteger[][] a, BigInteger[] b, BigInteger[] c) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("A has " + a.length + " rows but b has " + b.length + " entries");
        }
        return new IntegerSimplex(a, b, c).run();
    }

    private Optimum run() {
        optimise(phaseOne);
        if (t[phaseOne][rhs].signum() != 0) {
            throw new IllegalStateException("the linear program is infeasible");
        }
        driveOutArtificials();
        optimise(phaseTwo);

        BigInteger[] x = new BigInteger[variables];
        Arrays.fill(x, BigInteger.ZERO);
        for (int i = 0; i < rows; i++) {
            x[basis[i]] = t[i][rhs];
        }
        List<BigInteger> y = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            // the artificial column of row i has cost 0, so its reduced cost is -y_i
            y.add(t[phaseTwo][variables + i].negate());
        }
        return new Optimum(d, Arrays.asList(x), y, t[phaseTwo][rhs].negate(), pivots);
    }

    /** Pivots with Bland's rule until no original column has a positive reduced cost in {@code objective}. */
    private void optimise(int objective) {
        while (true) {
            int entering = -1;
            for (int j = 0; j < variables; j++) {
                if (t[objective][j].signum() > 0) {
                    entering = j;
                    break;
                }
            }
            if (entering < 0) {
                return;
            }
            int leaving = -1;
            for (int i = 0; i < rows; i++) {
                if (t[i][entering].signum() <= 0) {
                    continue;
                }
                if (leaving < 0) {
                    leaving = i;
                    continue;
                }
                // compare t[i][rhs]/t[i][e] with t[leaving][rhs]/t[leaving][e]; both divisors are positive
                int cmp = t[i][rhs].multiply(t[leaving][entering])
                        .compareTo(t[leaving][rhs].multiply(t[i][entering]));
                if (cmp < 0 || (cmp == 0 && basis[i] < basis[leaving])) {
                    leaving = i;
                }
            }
            if (leaving < 0) {
                throw new IllegalStateException("the linear program is unbounded");
            }
            pivot(leaving, entering);
        }
    }

    /** After phase I, replaces artificials that are still basic (at level 0) by original columns. */
    private void driveOutArtificials() {
        for (int i = 0; i < rows; i++) {
            if (basis[i] < variables) {
                continue;
            }
            int column = -1;
            for (int j = 0; j < variables && column < 0; j++) {
                if (t[i][j].signum() != 0) {
                    column = j;
                }
            }
            if (column < 0) {
                throw new IllegalStateException("constraint row " + i + " is linearly dependent on the others");
            }
            pivot(i, column);
        }
    }

    private void pivot(int r, int c) {
        BigInteger p = t[r][c];
        for (int i = 0; i < t.length; i++) {
            if (i == r) {
                continue;
            }
            BigInteger f = t[i][c];
            BigInteger[] row = t[i];
            BigInteger[] pivotRow = t[r];
            for (int j = 0; j <= rhs; j++) {
                BigInteger v = row[j].multiply(p);
                if (f.signum() != 0 && pivotRow[j].signum() != 0) {
                    v = v.subtract(f.multiply(pivotRow[j]));
                }
                row[j] = v.signum() == 0 ? BigInteger.ZERO : v.divide(d);
            }
        }
        d = p;
        basis[r] = c;
        pivots++;
        if (d.signum() < 0) {
            // Only a phase-I clean-up pivot can be negative; flipping every sign keeps each value T/d.
            for (BigInteger[] row : t) {
                for (int j = 0; j <= rhs; j++) {
                    row[j] = row[j].negate();
                }
            }
            d = d.negate();
        }
    }
}
