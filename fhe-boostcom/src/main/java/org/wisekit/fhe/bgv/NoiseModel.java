package org.wisekit.fhe.bgv;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The average-case noise model behind {@link Ciphertext#estimatedNoiseBudget()}: it tracks the variance V of
 * the coefficients of v = c_0 + c_1 s (+ c_2 s^2), treating coefficients as independent. A product of two
 * polynomials with coefficient variances V_1, V_2 has coefficient variance about phi r V_1 V_2, where r = 2
 * for prime m (reducing modulo Phi_m subtracts the top coefficient from all others, doubling the variance)
 * and r = 1 for a power of two. The bound on |v| is sqrt(V) times 2^{@link #SAFETY_BITS}, far in the tail of
 * the largest of phi coefficients. Values are log2 of variances. Stateless.
 *
 * <p><b>Correlated operands.</b> The product rule holds for independent operands. Powers of one ciphertext are
 * not: if v is a polynomial with independent Gaussian-like coefficients, v^i and v^j share them, and pairing the
 * factors (Wick's theorem) gives v^(i+j) a variance C(i+j, i) times the independent rule's (2 for a square). The
 * Paterson-Stockmeyer powers of the comparison are such products, and once products are no longer followed by a
 * modulus switch whose fresh rounding hides the shared part, the independent rule underestimates them by
 * 10-20 bits. So each estimate ({@link Estimate}) is a sum of a few independent components, each with a
 * <i>lineage</i>, an id for its random polynomial, and the <i>degree</i> to which that polynomial appears: fresh
 * noise (encryption, the rounding of a modulus switch or a key switch's noise) is a new component of degree 1; a
 * product multiplies components pairwise, a pair of one lineage keeping it with the degrees' sum and paying
 * log2 C(i+j, i) bits of variance, capped at the worst case |ab| &lt;= 2 phi |a| |b| (log2(phi r) +
 * 2 {@link #SAFETY_BITS} bits), a pair of different lineages being independent (the lineage of the pair).
 * Automorphisms and plaintext products map lineages to others (sigma_k(v) and v, or k v and v, pair like
 * independent polynomials in products), scalars keep them, a modulus switch divides every component and adds its
 * rounding as a new one, so the shared part fades as it is divided. Components of one lineage and degree add
 * standard deviations (the worst case), others variances; at most {@link #MAX_COMPONENTS} are kept.
 */
final class NoiseModel {

    /** The bound is this many bits above the standard deviation (about 11 standard deviations). */
    static final double SAFETY_BITS = 3.5;

    private static final double LOG2 = Math.log(2);

    private NoiseModel() {
    }

    /** An estimate keeps at most this many components. */
    static final int MAX_COMPONENTS = 8;

    private static final AtomicLong LINEAGES = new AtomicLong(0x5eedL);

    /** A new lineage id (fresh noise). */
    static long newLineage() {
        return mix(LINEAGES.incrementAndGet(), 0x9e3779b97f4a7c15L);
    }

    private static long mix(long a, long b) {
        long z = a * 0xbf58476d1ce4e5b9L + b;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * A monomial in independent random polynomials: sorted lineage ids with their degrees. Immutable.
     */
    private record Monomial(long[] ids, int[] degrees) {

        static Monomial fresh() {
            return new Monomial(new long[] {newLineage()}, new int[] {1});
        }

        /** The product: degrees of common lineages add. */
        Monomial times(Monomial other) {
            long[] ids = new long[this.ids.length + other.ids.length];
            int[] degrees = new int[ids.length];
            int i = 0;
            int j = 0;
            int n = 0;
            while (i < this.ids.length || j < other.ids.length) {
                if (j == other.ids.length || (i < this.ids.length && this.ids[i] < other.ids[j])) {
                    ids[n] = this.ids[i];
                    degrees[n++] = this.degrees[i++];
                } else if (i == this.ids.length || other.ids[j] < this.ids[i]) {
                    ids[n] = other.ids[j];
                    degrees[n++] = other.degrees[j++];
                } else {
                    ids[n] = this.ids[i];
                    degrees[n++] = (int) Math.min((long) this.degrees[i++] + other.degrees[j++], 1 << 20);
                }
            }
            return new Monomial(java.util.Arrays.copyOf(ids, n), java.util.Arrays.copyOf(degrees, n));
        }

        /** log2 of prod over common lineages of C(i+j, i): the Wick pairings of the shared factors. */
        double log2Pairings(Monomial other) {
            double sum = 0;
            int i = 0;
            int j = 0;
            while (i < ids.length && j < other.ids.length) {
                if (ids[i] < other.ids[j]) {
                    i++;
                } else if (other.ids[j] < ids[i]) {
                    j++;
                } else {
                    sum += log2Binomial(degrees[i++] + other.degrees[j], other.degrees[j++]);
                }
            }
            return sum;
        }

        /** Every lineage mapped by {@code tag} (an automorphism or a plaintext product). */
        Monomial relabeled(long tag) {
            long[] mapped = new long[ids.length];
            for (int k = 0; k < ids.length; k++) {
                mapped[k] = mix(ids[k], tag);
            }
            int[] order = java.util.stream.IntStream.range(0, ids.length).boxed()
                    .sorted((x, y) -> Long.compare(mapped[x], mapped[y])).mapToInt(Integer::intValue).toArray();
            long[] sortedIds = new long[ids.length];
            int[] sortedDegrees = new int[ids.length];
            for (int k = 0; k < ids.length; k++) {
                sortedIds[k] = mapped[order[k]];
                sortedDegrees[k] = degrees[order[k]];
            }
            return new Monomial(sortedIds, sortedDegrees);
        }

        int maxDegree() {
            int max = 0;
            for (int d : degrees) {
                max = Math.max(max, d);
            }
            return max;
        }

        boolean sameAs(Monomial other) {
            return java.util.Arrays.equals(ids, other.ids) && java.util.Arrays.equals(degrees, other.degrees);
        }
    }

    /** log2 C(n, k), summed term by term (k is small in practice; stops past 64 bits, far above any cap). */
    private static double log2Binomial(int n, int k) {
        k = Math.min(k, n - k);
        double sum = 0;
        for (int t = 1; t <= k && sum < 64; t++) {
            sum += log2((double) (n - k + t) / t);
        }
        return sum;
    }

    /**
     * The noise estimate of one ciphertext: a few independent components, each the log2 variance of a monomial in
     * independent random polynomials (see the class comment); the total variance is their sum. Immutable.
     */
    static final class Estimate {

        private final double[] variances;
        private final Monomial[] monomials;
        private final double total;

        private Estimate(double[] variances, Monomial[] monomials) {
            this.variances = variances;
            this.monomials = monomials;
            double sum = Double.NEGATIVE_INFINITY;
            for (double v : variances) {
                sum = log2Sum(sum, v);
            }
            this.total = sum;
        }

        /** Fresh noise of variance 2^v: one component of a new lineage. */
        static Estimate fresh(double v) {
            return new Estimate(new double[] {v}, new Monomial[] {Monomial.fresh()});
        }

        /** log2 of the total variance. */
        double log2Variance() {
            return total;
        }

        int components() {
            return variances.length;
        }

        /** The largest degree of a lineage in any component (1: no product has correlated the noise). */
        int maxDegree() {
            int max = 0;
            for (Monomial m : monomials) {
                max = Math.max(max, m.maxDegree());
            }
            return max;
        }

        /** Every component's variance times 2^{@code log2Factor} (a scalar keeps the lineages). */
        Estimate scaled(double log2Factor) {
            double[] v = variances.clone();
            for (int i = 0; i < v.length; i++) {
                v[i] += log2Factor;
            }
            return new Estimate(v, monomials);
        }

        /** Every component's variance times 2^{@code log2Factor} and its lineages mapped by {@code tag}. */
        Estimate relabeled(double log2Factor, long tag) {
            Monomial[] m = new Monomial[monomials.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = monomials[i].relabeled(tag);
            }
            return new Estimate(variances, m).scaled(log2Factor);
        }

        /** Plus independent fresh noise of variance 2^v (a new component). */
        Estimate plus(double v) {
            Builder b = new Builder();
            b.addAll(this);
            b.add(v, Monomial.fresh());
            return b.build();
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("Estimate[");
            for (int i = 0; i < variances.length; i++) {
                text.append(String.format(i == 0 ? "%.1f^%d" : ", %.1f^%d", variances[i], monomials[i].maxDegree()));
            }
            return text.append(']').toString();
        }
    }

    /**
     * Collects components, merging equal monomials by adding standard deviations (they may be the same
     * polynomial), and keeps the {@link #MAX_COMPONENTS} largest; the variance of the others goes to the largest
     * (so the total never shrinks).
     */
    private static final class Builder {
        private final List<Double> variance = new ArrayList<>();
        private final List<Monomial> monomial = new ArrayList<>();

        void add(double v, Monomial m) {
            if (v == Double.NEGATIVE_INFINITY) {
                return;
            }
            for (int i = 0; i < variance.size(); i++) {
                if (monomial.get(i).sameAs(m)) {
                    double a = Math.max(variance.get(i), v);
                    double b = Math.min(variance.get(i), v);
                    variance.set(i, 2 * (0.5 * a + Math.log1p(Math.pow(2, 0.5 * (b - a))) / LOG2));
                    return;
                }
            }
            variance.add(v);
            monomial.add(m);
        }

        void addAll(Estimate e) {
            for (int i = 0; i < e.variances.length; i++) {
                add(e.variances[i], e.monomials[i]);
            }
        }

        Estimate build() {
            if (variance.isEmpty()) {
                return Estimate.fresh(Double.NEGATIVE_INFINITY);
            }
            Integer[] order = new Integer[variance.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (x, y) -> Double.compare(variance.get(y), variance.get(x)));
            int kept = Math.min(MAX_COMPONENTS, order.length);
            double[] v = new double[kept];
            Monomial[] m = new Monomial[kept];
            for (int i = 0; i < kept; i++) {
                v[i] = variance.get(order[i]);
                m[i] = monomial.get(order[i]);
            }
            for (int i = kept; i < order.length; i++) {
                v[0] = log2Sum(v[0], variance.get(order[i]));
            }
            return new Estimate(v, m);
        }
    }

    /**
     * The product of two estimates (three-part result, before relinearization): every pair of components
     * multiplies by the independent rule, plus log2 of the Wick pairings of their shared lineages
     * (prod C(i+j, i)), capped at the worst case |ab| &lt;= 2 phi |a| |b|; the monomials multiply.
     */
    static Estimate product(BgvParameters parameters, Estimate a, Estimate b) {
        Builder builder = new Builder();
        double expansion = expansion(parameters);
        double cap = expansion + 2 * SAFETY_BITS;
        for (int i = 0; i < a.variances.length; i++) {
            for (int j = 0; j < b.variances.length; j++) {
                double pairings = Math.min(a.monomials[i].log2Pairings(b.monomials[j]), cap);
                builder.add(a.variances[i] + b.variances[j] + expansion + pairings,
                        a.monomials[i].times(b.monomials[j]));
            }
        }
        return builder.build();
    }

    /** The sum of two estimates: equal monomials add standard deviations, others variances. */
    static Estimate sum(Estimate a, Estimate b) {
        Builder builder = new Builder();
        builder.addAll(a);
        builder.addAll(b);
        return builder.build();
    }

    /** Times an integer constant c (centred mod p); a zero leaves the message's variance only. */
    static Estimate multiplyConstant(BgvParameters parameters, Estimate a, long centred) {
        if (centred == 0) {
            return Estimate.fresh(message(parameters));
        }
        return a.scaled(2 * log2(Math.abs((double) centred)));
    }

    /** Times a plaintext with centred coefficients of mean square {@code meanSquare}, identified by {@code tag}. */
    static Estimate multiplyPlain(BgvParameters parameters, Estimate a, double meanSquare, long tag) {
        if (meanSquare == 0) {
            return Estimate.fresh(message(parameters));
        }
        return a.relabeled(expansion(parameters) + log2(meanSquare), tag);
    }

    /** Plus a plaintext (its message). */
    static Estimate addPlain(BgvParameters parameters, Estimate a) {
        return a.plus(message(parameters) + 2);
    }

    /** A modulus switch from {@code fromLevel} to {@code toLevel}: every component divided, plus the rounding. */
    static Estimate switched(BgvParameters parameters, Estimate a, int fromLevel, int toLevel) {
        double log2Dropped = parameters.log2Modulus(fromLevel) - parameters.log2Modulus(toLevel);
        return a.scaled(-2 * log2Dropped).plus(rescaleFloor(parameters));
    }

    /** A key switch (relinearization or automorphism) at {@code level}: plus its independent noise. */
    static Estimate keySwitched(BgvParameters parameters, Estimate a, int level) {
        return a.plus(keySwitch(parameters, level));
    }

    /** The fused relinearization and modulus switch of a three-part product from {@code level} to {@code toLevel}. */
    static Estimate relinearizedAndSwitched(BgvParameters parameters, Estimate a, int level, int toLevel) {
        double log2Dropped = parameters.log2Modulus(level) - parameters.log2Modulus(toLevel);
        return a.plus(keySwitchKeyTerms(parameters, level)).scaled(-2 * log2Dropped).plus(rescaleFloor(parameters));
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

    static double multiply(BgvParameters parameters, double a, double b) {
        return a + b + expansion(parameters);
    }

    /** The rounding term p (t_0 + t_1 s) with t uniform in [-1/2, 1/2): what every division leaves. */
    private static double rounding(BgvParameters parameters, double spread) {
        double p = parameters.plaintextModulus();
        double ternaryProduct = (2.0 / 3) * Math.pow(2, expansion(parameters));
        return log2(p * p * spread * (1 + ternaryProduct));
    }

    /**
     * What every exact rounded division (modulus switch, the key switch's division by P, or both at once) adds:
     * p (t_0 + t_1 s) with t the centred rounding error, uniform in [-1/2, 1/2). A modulus switch cannot take the
     * noise below this floor.
     */
    static double rescaleFloor(BgvParameters parameters) {
        return rounding(parameters, 1.0 / 12);
    }

    /** Dividing by the dropped prime q_(level): v / q + rounding. */
    static double modulusSwitch(BgvParameters parameters, double v, int fromLevel) {
        return modulusSwitch(parameters, v, fromLevel, fromLevel - 1);
    }

    /** Dividing by q_(toLevel+1) ... q_(fromLevel) in one rounding: v / Q_D^2 (variance) + rounding. */
    static double modulusSwitch(BgvParameters parameters, double v, int fromLevel, int toLevel) {
        double log2Dropped = parameters.log2Modulus(fromLevel) - parameters.log2Modulus(toLevel);
        return log2Sum(v - 2 * log2Dropped, rescaleFloor(parameters));
    }

    /**
     * The noise a key switch at {@code level} adds: the division by P (the centred rounding,
     * {@link #rescaleFloor}) plus p sum_j dtilde_j e_j / P with dtilde_j below |D_j| Q_(D_j).
     */
    static double keySwitch(BgvParameters parameters, int level) {
        return log2Sum(rescaleFloor(parameters), keySwitchKeyTerms(parameters, level));
    }

    /** p sum_j dtilde_j e_j / P at {@code level}: the key switch's noise before its rounding. */
    static double keySwitchKeyTerms(BgvParameters parameters, int level) {
        List<double[]> log2Digits = new ArrayList<>();
        for (int[] group : parameters.digitGroups()) {
            int[] sources = IntStream.of(group).filter(i -> i <= level).toArray();
            if (sources.length > 0) {
                double bits = log2(sources.length);
                for (int i : sources) {
                    bits += log2(parameters.prime(i));
                }
                log2Digits.add(new double[] {bits});
            }
        }
        return keyTerms(parameters, parameters.log2SpecialModulus(),
                log2Digits.stream().mapToDouble(d -> d[0]).toArray());
    }

    /**
     * The same for a special modulus of {@code log2P} bits and digits of log2(|D_j| Q_(D_j)) = {@code log2Digits}:
     * each digit adds p^2 sigma^2 phi r (|D_j| Q_(D_j) / P)^2 / 3, so a digit larger than P costs twice its
     * excess in log2 variance. Used by {@link BgvParameters} before its level constants exist.
     */
    static double keySwitch(BgvParameters parameters, double log2P, double[] log2Digits) {
        return log2Sum(rescaleFloor(parameters), keyTerms(parameters, log2P, log2Digits));
    }

    private static double keyTerms(BgvParameters parameters, double log2P, double[] log2Digits) {
        double p = parameters.plaintextModulus();
        double sigma2 = BgvParameters.ERROR_STD_DEV * BgvParameters.ERROR_STD_DEV;
        double keyTerms = Double.NEGATIVE_INFINITY;
        for (double log2Digit : log2Digits) {
            keyTerms = log2Sum(keyTerms, 2 * (log2Digit - log2P) + log2(p * p * sigma2 / 3) + expansion(parameters));
        }
        return keyTerms;
    }

    /**
     * Times the integer t (the centred scalar that brings a ciphertext to another one's scalar factor before an
     * addition): the whole of v, noise and message, is scaled by t, so the variance by t^2.
     */
    static double scale(double v, long t) {
        return v + 2 * log2(Math.abs((double) t));
    }
}
