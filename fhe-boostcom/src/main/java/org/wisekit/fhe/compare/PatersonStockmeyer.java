package org.wisekit.fhe.compare;

import java.util.HashMap;
import java.util.Map;

/**
 * Paterson-Stockmeyer evaluation of a polynomial at x with baby step k: the baby powers x .. x^k (each a
 * balanced product, depth ceil(log2 i)), the giant powers x^(k 2^i) by squaring, and the recursive split
 * f = q x^G + r at the largest giant G &lt;= deg f down to degree &lt; k, where f is a linear combination of baby
 * powers (scalar products only). For p = 131 (deg g = 64, k = 8) this takes 17 non-scalar products at depth 6
 * on x. Reconstructed from the IZ/HElib description (HElib's degPowerOfTwo also makes the quotients monic; the
 * split here reaches the same depth for the degrees used). Not thread-safe (it caches powers).
 */
public final class PatersonStockmeyer<T> {

    private final PolyAlgebra<T> algebra;
    private final int babyStep;
    private final Map<Integer, T> powers = new HashMap<>();

    /** Computes the baby powers and the giant powers needed for degrees up to {@code maxDegree}. */
    public PatersonStockmeyer(PolyAlgebra<T> algebra, T x, int babyStep, int maxDegree) {
        if (babyStep < 1) {
            throw new IllegalArgumentException("babyStep must be >= 1, got " + babyStep);
        }
        this.algebra = algebra;
        this.babyStep = babyStep;
        powers.put(1, x);
        for (int i = 2; i <= babyStep; i++) {
            powers.put(i, algebra.multiply(powers.get(i / 2), powers.get(i - i / 2)));
        }
        for (int giant = 2 * babyStep; giant <= maxDegree; giant *= 2) {
            T half = powers.get(giant / 2);
            powers.put(giant, algebra.multiply(half, half));
        }
    }

    /** sum_i coefficients[i] x^i. */
    public T evaluate(long[] coefficients) {
        int degree = coefficients.length - 1;
        while (degree > 0 && coefficients[degree] == 0) {
            degree--;
        }
        return evaluate(coefficients, 0, degree);
    }

    /** x^e from the cached powers, splitting e at the largest cached exponent (x^(2G) = x^G x^G). */
    public T power(int e) {
        if (e < 1) {
            throw new IllegalArgumentException("exponent must be >= 1, got " + e);
        }
        T cached = powers.get(e);
        if (cached != null) {
            return cached;
        }
        int largest = 1;
        for (int known : powers.keySet()) {
            if (known <= e && known > largest) {
                largest = known;
            }
        }
        T result = algebra.multiply(power(largest), power(e - largest));
        powers.put(e, result);
        return result;
    }

    /** sum_(i = 0..degree) coefficients[offset + i] x^i. */
    private T evaluate(long[] coefficients, int offset, int degree) {
        if (degree <= babyStep) {
            return linear(coefficients, offset, degree);
        }
        int giant = babyStep;
        while (giant * 2 <= degree && powers.containsKey(giant * 2)) {
            giant *= 2;
        }
        T quotient;
        int quotientDegree = degree - giant;
        if (quotientDegree == 0) {
            quotient = algebra.multiplyConstant(powers.get(giant), coefficients[offset + giant]);
        } else {
            quotient = algebra.multiply(evaluate(coefficients, offset + giant, quotientDegree), powers.get(giant));
        }
        int remainderDegree = giant - 1;
        while (remainderDegree > 0 && coefficients[offset + remainderDegree] == 0) {
            remainderDegree--;
        }
        if (remainderDegree == 0 && coefficients[offset] == 0) {
            return quotient;
        }
        return algebra.add(quotient, evaluate(coefficients, offset, remainderDegree));
    }

    /** A linear combination of baby powers plus the constant term. */
    private T linear(long[] coefficients, int offset, int degree) {
        T sum = null;
        for (int i = 1; i <= degree; i++) {
            long c = coefficients[offset + i];
            if (c != 0) {
                T term = algebra.multiplyConstant(powers.get(i), c);
                sum = sum == null ? term : algebra.add(sum, term);
            }
        }
        if (sum == null) {
            sum = algebra.multiplyConstant(powers.get(1), 0);
        }
        long constant = coefficients[offset];
        return constant == 0 ? sum : algebra.addConstant(sum, constant);
    }
}
