package org.wisekit.fhe.ring;

/**
 * Coefficients &lt;-&gt; evaluations of one residue ring Z_q[X]/Phi_m(X): the phi coefficients of a polynomial
 * of degree &lt; phi, and its values at the primitive m-th roots of unity in the order of
 * {@link Cyclotomic#exponentAt}. Implementations are immutable and thread-safe.
 */
public interface EvaluationTransform {

    /** phi(m), the length of both forms. */
    int size();

    Modulus modulus();

    /** Coefficients in [0, q) to evaluations in [0, q); the arrays may be the same. */
    void forward(long[] coefficients, long[] evaluations);

    /** Evaluations in [0, q) to coefficients in [0, q); the arrays may be the same. */
    void inverse(long[] evaluations, long[] coefficients);

    /** The transform for ring {@code ring} modulo the prime q (Bluestein for odd prime m, negacyclic NTT else). */
    static EvaluationTransform of(Cyclotomic ring, Modulus q) {
        return ring.isPowerOfTwo() ? new Negacyclic(q, ring.phi()) : new PrimeCyclotomic(q, ring.m());
    }

    /** m = 2^k: the negacyclic NTT of length m/2 already evaluates at the odd powers of a primitive m-th root. */
    final class Negacyclic implements EvaluationTransform {

        private final PowerOfTwoNtt ntt;

        Negacyclic(Modulus q, int phi) {
            this.ntt = PowerOfTwoNtt.negacyclic(q, phi);
        }

        @Override
        public int size() {
            return ntt.length();
        }

        @Override
        public Modulus modulus() {
            return ntt.modulus();
        }

        @Override
        public void forward(long[] coefficients, long[] evaluations) {
            if (evaluations != coefficients) {
                System.arraycopy(coefficients, 0, evaluations, 0, ntt.length());
            }
            ntt.forward(evaluations);
        }

        @Override
        public void inverse(long[] evaluations, long[] coefficients) {
            if (evaluations != coefficients) {
                System.arraycopy(evaluations, 0, coefficients, 0, ntt.length());
            }
            ntt.inverse(coefficients);
        }
    }

    /**
     * Odd prime m: the length-m DFT of the zero-padded coefficients, dropping A_0 (X = 1 is not a root of
     * Phi_m). The inverse sets A_0 = 0, which yields some b of degree &lt; m with the right values at the
     * primitive roots, then reduces modulo Phi_m: a_j = b_j - b_(m-1), where
     * b_(m-1) = (1/m) sum_k A_k omega^k is one dot product.
     */
    final class PrimeCyclotomic implements EvaluationTransform {

        private final BluesteinDft dft;
        private final int phi;
        /** omega^k / m at index k - 1, for b_(m-1). */
        private final long[] lastCoefficientWeights;
        private final long[] lastCoefficientWeightsShoup;

        PrimeCyclotomic(Modulus q, int m) {
            this.dft = BluesteinDft.create(q, m);
            this.phi = m - 1;
            long inverseM = q.inverse(m % q.value());
            lastCoefficientWeights = new long[phi];
            long power = 1;
            for (int k = 1; k < m; k++) {
                power = q.mul(power, dft.omega());
                lastCoefficientWeights[k - 1] = q.mul(power, inverseM);
            }
            lastCoefficientWeightsShoup = PowerOfTwoNtt.shoupAll(q, lastCoefficientWeights);
        }

        @Override
        public int size() {
            return phi;
        }

        @Override
        public Modulus modulus() {
            return dft.modulus();
        }

        @Override
        public void forward(long[] coefficients, long[] evaluations) {
            dft.forward(coefficients, 0, phi, evaluations, 1, phi);
        }

        @Override
        public void inverse(long[] evaluations, long[] coefficients) {
            Modulus q = dft.modulus();
            long last = 0;
            for (int k = 0; k < phi; k++) {
                last = q.add(last, q.mulShoup(evaluations[k], lastCoefficientWeights[k], lastCoefficientWeightsShoup[k]));
            }
            dft.inverse(evaluations, 1, phi, coefficients, 0, phi);
            for (int j = 0; j < phi; j++) {
                coefficients[j] = q.sub(coefficients[j], last);
            }
        }
    }
}
