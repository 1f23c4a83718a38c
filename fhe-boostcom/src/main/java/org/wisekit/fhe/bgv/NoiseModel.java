package org.wisekit.fhe.bgv;

import java.util.List;

/**
 * The average-case noise model behind {@link Ciphertext#estimatedNoiseBudget()}: it tracks the variance V of
 * the coefficients of v = c_0 + c_1 s (+ c_2 s^2), treating coefficients as independent. A product of two
 * polynomials with coefficient variances V_1, V_2 has coefficient variance about phi r V_1 V_2, where r = 2
 * for prime m (reducing modulo Phi_m subtracts the top coefficient from all others, doubling the variance)
 * and r = 1 for a power of two. The bound on |v| is sqrt(V) times 2^{@link #SAFETY_BITS}, far in the tail of
 * the largest of phi coefficients. Values are log2 of variances. Stateless.
 */
final class NoiseModel {

    /** The bound is this many bits above the standard deviation (about 11 standard deviations). */
    static final double SAFETY_BITS = 3.5;

    private static final double LOG2 = Math.log(2);

    private NoiseModel() {
    }

    static double log2Bound(double log2Variance) {
        return 0.5 * log2Variance + SAFETY_BITS;
    }

    /** log2(2^a + 2^b). */
    static double log2Sum(double a, double b) {
        double high = Math.max(a, b);
        double low = Math.min(a, b);
        return low == Double.NEGATIVE_INFINITY ? high : high + Math.log1p(Math.pow(2, low - high)) / LOG2;
    }

    private static double log2(double x) {
        return Math.log(x) / LOG2;
    }

    /** log2(phi r): the variance growth of a ring product. */
    private static double expansion(BgvParameters parameters) {
        return log2(parameters.ringDimension() * (parameters.hasSlots() ? 2.0 : 1.0));
    }

    /** The message itself: uniform modulo p, variance p^2 / 12. */
    private static double message(BgvParameters parameters) {
        double p = parameters.plaintextModulus();
        return log2(p * p / 12);
    }

    /** m + p (e u + e_0 + e_1 s) with e Gaussian, u and s ternary (variance 2/3). */
    static double fresh(BgvParameters parameters) {
        double p = parameters.plaintextModulus();
        double sigma2 = BgvParameters.ERROR_STD_DEV * BgvParameters.ERROR_STD_DEV;
        double ternaryProducts = 2 * sigma2 * (2.0 / 3) * Math.pow(2, expansion(parameters));
        return log2Sum(log2(p * p * (sigma2 + ternaryProducts)), message(parameters));
    }

    static double add(double a, double b) {
        return log2Sum(a, b);
    }

    /** Plus a plaintext: the message part grows. */
    static double addPlain(BgvParameters parameters, double v) {
        return log2Sum(v, message(parameters) + 2);
    }

    /** Times a plaintext whose centred coefficients have mean square {@code meanSquare}. */
    static double multiplyPlain(BgvParameters parameters, double v, double meanSquare) {
        if (meanSquare == 0) {
            return message(parameters);
        }
        return log2Sum(v + expansion(parameters) + log2(meanSquare), message(parameters));
    }

    /** Times an integer constant c (centred mod p): every coefficient of the noise is scaled by c. */
    static double multiplyConstant(BgvParameters parameters, double v, long centred) {
        if (centred == 0) {
            return message(parameters);
        }
        return log2Sum(v + 2 * log2(Math.abs((double) centred)), message(parameters));
    }

    static double multiply(BgvParameters parameters, double a, double b) {
        return a + b + expansion(parameters);
    }

    /**
     * v times itself: coefficient k of v^2 is sum_(i+j=k) v_i v_j, in which every product v_i v_j with i != j
     * appears twice (as (i, j) and (j, i)) and is the same number, so the variance is twice that of a product
     * of two independent ciphertexts.
     */
    static double square(BgvParameters parameters, double v) {
        return multiply(parameters, v, v) + 1;
    }

    /** The rounding term p (t_0 + t_1 s) with t uniform in [-1/2, 1/2): what every division leaves. */
    private static double rounding(BgvParameters parameters, double spread) {
        double p = parameters.plaintextModulus();
        double ternaryProduct = (2.0 / 3) * Math.pow(2, expansion(parameters));
        return log2(p * p * spread * (1 + ternaryProduct));
    }

    /** Dividing by the dropped prime q_(level): v / q + rounding. */
    static double modulusSwitch(BgvParameters parameters, double v, int fromLevel) {
        double log2Prime = log2(parameters.prime(fromLevel));
        return log2Sum(v - 2 * log2Prime, rounding(parameters, 1.0 / 12));
    }

    /**
     * The noise a key switch at {@code level} adds: the division by P (the fast conversion leaves
     * t/P + u with u &lt; K special primes, second moment at most (K+1)^2/3) plus
     * p sum_j dtilde_j e_j / P with dtilde_j below |D_j| Q_(D_j).
     */
    static double keySwitch(BgvParameters parameters, int level) {
        List<LevelConstants.Digit> digits = parameters.constants(level).digits;
        double[] log2Digits = new double[digits.size()];
        for (int j = 0; j < log2Digits.length; j++) {
            int[] sources = digits.get(j).sources();
            log2Digits[j] = log2(sources.length);
            for (int i : sources) {
                log2Digits[j] += log2(parameters.prime(i));
            }
        }
        return keySwitch(parameters, parameters.log2SpecialModulus(), log2Digits);
    }

    /**
     * The same for a special modulus of {@code log2P} bits and digits of log2(|D_j| Q_(D_j)) = {@code log2Digits}:
     * each digit adds p^2 sigma^2 phi r (|D_j| Q_(D_j) / P)^2 / 3, so a digit larger than P costs twice its
     * excess in log2 variance. Used by {@link BgvParameters} before its level constants exist.
     */
    static double keySwitch(BgvParameters parameters, double log2P, double[] log2Digits) {
        int specialCount = parameters.literal().logP().size();
        double division = rounding(parameters, (specialCount + 1) * (specialCount + 1) / 3.0);
        double p = parameters.plaintextModulus();
        double sigma2 = BgvParameters.ERROR_STD_DEV * BgvParameters.ERROR_STD_DEV;
        double keyTerms = Double.NEGATIVE_INFINITY;
        for (double log2Digit : log2Digits) {
            keyTerms = log2Sum(keyTerms, 2 * (log2Digit - log2P) + log2(p * p * sigma2 / 3) + expansion(parameters));
        }
        return log2Sum(division, keyTerms);
    }

    /**
     * Times the integer t (the centred scalar that brings a ciphertext to another one's scalar factor before an
     * addition): the whole of v, noise and message, is scaled by t, so the variance by t^2.
     */
    static double scale(double v, long t) {
        return v + 2 * log2(Math.abs((double) t));
    }
}
