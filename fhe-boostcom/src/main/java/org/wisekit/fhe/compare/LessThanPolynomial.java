package org.wisekit.fhe.compare;

/**
 * The Iliashenko-Zucca univariate less-than polynomial over F_p (their Thm. 3). For digits x, y in
 * S = [0, (p-1)/2] and z = x - y,
 *
 * <pre>
 *   LT(z) = ((p+1)/2) z^(p-1) + sum_(i odd, 1..p-2) c_i z^i,   c_i = sum_(a=1..(p-1)/2) a^(p-1-i) mod p,
 * </pre>
 *
 * is 1 when x &lt; y and 0 otherwise, and EQ(z) = 1 - z^(p-1) comes for free from the leading term. The odd part
 * is evaluated as z g(z^2) with deg g = (p-3)/2, whose top coefficient is (p^2-1)/8. Immutable.
 */
public final class LessThanPolynomial {

    private final long p;
    private final long[] coefficients;
    private final long[] oddPart;

    /** The polynomial for an odd prime p. */
    public LessThanPolynomial(long p) {
        if (p < 3 || p % 2 == 0 || p > 65_521) {
            throw new IllegalArgumentException("p must be an odd prime in [3, 65521], got " + p);
        }
        this.p = p;
        int n = (int) p;
        coefficients = new long[n];
        coefficients[n - 1] = (p + 1) / 2;
        for (int i = 1; i <= n - 2; i += 2) {
            long sum = 0;
            for (long a = 1; a <= (p - 1) / 2; a++) {
                sum = (sum + pow(a, p - 1 - i)) % p;
            }
            coefficients[i] = sum;
        }
        oddPart = new long[(n - 3) / 2 + 1];
        for (int i = 1; i <= n - 2; i += 2) {
            oddPart[(i - 1) / 2] = coefficients[i];
        }
    }

    public long p() {
        return p;
    }

    /** c_0 .. c_(p-1): the coefficient of z^i (the even ones below p-1 are zero). */
    public long[] coefficients() {
        return coefficients.clone();
    }

    /** g with LT(z) = alpha z^(p-1) + z g(z^2); degree (p-3)/2. */
    public long[] oddPart() {
        return oddPart.clone();
    }

    /** alpha = (p+1)/2, the coefficient of z^(p-1). */
    public long leadingCoefficient() {
        return (p + 1) / 2;
    }

    /**
     * The Paterson-Stockmeyer baby step for g: the values the IZ code hard-codes (p = 17: 4, 131: 8,
     * 167 and 173: 10), otherwise the next power of two at or above sqrt(deg g / 2).
     */
    public int babyStep() {
        if (p == 17) {
            return 4;
        }
        if (p == 131) {
            return 8;
        }
        if (p == 167 || p == 173) {
            return 10;
        }
        int degree = oddPart.length - 1;
        int k = 1;
        while (k * k < Math.max(1, degree / 2)) {
            k *= 2;
        }
        return Math.max(k, 2);
    }

    /** LT(z) by the definition (plaintext reference). */
    public long lessThan(long z) {
        long x = Math.floorMod(z, p);
        long sum = 0;
        for (int i = coefficients.length - 1; i >= 0; i--) {
            sum = (sum * x + coefficients[i]) % p;
        }
        return sum;
    }

    /** EQ(z) = 1 - z^(p-1) (plaintext reference). */
    public long equal(long z) {
        return Math.floorMod(1 - pow(Math.floorMod(z, p), p - 1), p);
    }

    /**
     * (LT, EQ) on any algebra: w = z^2, g(w) by Paterson-Stockmeyer, z^(p-1) = w^((p-1)/2) from its powers.
     * Returns {lt, eq}.
     */
    public <T> LtEq<T> evaluate(PolyAlgebra<T> algebra, T z) {
        T w = algebra.multiply(z, z);
        PatersonStockmeyer<T> ps = new PatersonStockmeyer<>(algebra, w, babyStep(), oddPart.length - 1);
        T g = ps.evaluate(oddPart);
        T top = ps.power((int) ((p - 1) / 2));
        T lt = algebra.add(algebra.multiplyConstant(top, leadingCoefficient()), algebra.multiply(z, g));
        T eq = algebra.addConstant(algebra.multiplyConstant(top, p - 1), 1);
        return new LtEq<>(lt, eq);
    }

    /** A less-than and an equality result. */
    public record LtEq<T>(T lt, T eq) {
    }

    private long pow(long base, long exponent) {
        long result = 1;
        long b = base % p;
        long e = exponent;
        while (e > 0) {
            if ((e & 1) == 1) {
                result = result * b % p;
            }
            b = b * b % p;
            e >>= 1;
        }
        return result;
    }
}
