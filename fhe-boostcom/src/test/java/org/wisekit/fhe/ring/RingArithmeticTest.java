package org.wisekit.fhe.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Double-CRT arithmetic in Z_Q[X]/Phi_m against BigInteger schoolbook references, for prime and 2-power m. */
class RingArithmeticTest {

    private static RnsRing ring(int m, int... bits) {
        Cyclotomic cyclotomic = Cyclotomic.of(m);
        long congruence = cyclotomic.isPowerOfTwo() ? m : (long) m * BluesteinDft.convolutionLength(m);
        List<Long> primes = new ArrayList<>();
        for (int b : bits) {
            primes.add(Primes.descendingCongruentPrimes(b, congruence, 1, Set.copyOf(primes)).get(0));
        }
        return RnsRing.create(cyclotomic, primes);
    }

    private static List<Long> primes(RnsRing ring) {
        List<Long> primes = new ArrayList<>();
        for (int i = 0; i < ring.primeCount(); i++) {
            primes.add(ring.modulus(i).value());
        }
        return primes;
    }

    private static int[] all(RnsRing ring) {
        return java.util.stream.IntStream.range(0, ring.primeCount()).toArray();
    }

    /** A uniformly random element of Z_Q[X]/Phi_m, as BigInteger coefficients and in double-CRT form. */
    private static DoubleCrt random(RnsRing ring, SplittableRandom random, BigInteger[] coefficientsOut) {
        BigInteger q = RingReference.product(primes(ring));
        long[][] residues = new long[ring.primeCount()][ring.dimension()];
        for (int c = 0; c < ring.dimension(); c++) {
            coefficientsOut[c] = new BigInteger(q.bitLength() + 8, new java.util.Random(random.nextLong())).mod(q);
            for (int i = 0; i < ring.primeCount(); i++) {
                residues[i][c] = coefficientsOut[c].mod(BigInteger.valueOf(ring.modulus(i).value())).longValueExact();
            }
        }
        for (int i = 0; i < ring.primeCount(); i++) {
            ring.transform(i).forward(residues[i], residues[i]);
        }
        return DoubleCrt.wrap(ring, all(ring), residues);
    }

    @Test
    void multiplicationModPhiMatchesSchoolbook() {
        SplittableRandom random = new SplittableRandom(7);
        for (RnsRing ring : new RnsRing[] {ring(307, 40, 61, 50), ring(64, 30, 61), ring(17, 35)}) {
            int n = ring.dimension();
            BigInteger[] a = new BigInteger[n];
            BigInteger[] b = new BigInteger[n];
            DoubleCrt x = random(ring, random, a);
            DoubleCrt y = random(ring, random, b);
            x.multiply(y);
            BigInteger[] expected = RingReference.multiply(a, b, ring.cyclotomic(), RingReference.product(primes(ring)));
            assertThat(RingReference.crt(x.toCoefficients(), primes(ring))).as("m = %d", ring.cyclotomic().m())
                    .isEqualTo(expected);
        }
    }

    /** A ring over primes that are 1 mod m but not 1 mod the Bluestein length (the auxiliary-prime path). */
    private static RnsRing auxiliaryRing(int m, int... bits) {
        List<Long> primes = new ArrayList<>();
        for (int b : bits) {
            primes.add(BluesteinDftTest.auxiliaryPathPrime(m, b, Set.copyOf(primes)));
        }
        return RnsRing.create(Cyclotomic.of(m), primes);
    }

    @Test
    void multiplicationOverAuxiliaryPathPrimesMatchesSchoolbook() {
        SplittableRandom random = new SplittableRandom(17);
        for (RnsRing ring : new RnsRing[] {auxiliaryRing(307, 30, 31, 60), auxiliaryRing(17, 33, 50),
                auxiliaryRing(1087, 31, 45)}) {
            int n = ring.dimension();
            BigInteger[] a = new BigInteger[n];
            BigInteger[] b = new BigInteger[n];
            DoubleCrt x = random(ring, random, a);
            DoubleCrt y = random(ring, random, b);
            assertThat(RingReference.crt(x.toCoefficients(), primes(ring))).isEqualTo(a);
            x.multiply(y);
            BigInteger[] expected = RingReference.multiply(a, b, ring.cyclotomic(), RingReference.product(primes(ring)));
            assertThat(RingReference.crt(x.toCoefficients(), primes(ring))).as("m = %d", ring.cyclotomic().m())
                    .isEqualTo(expected);
        }
    }

    @Test
    void transformsRoundTripAndAdditionIsCoefficientWise() {
        SplittableRandom random = new SplittableRandom(8);
        RnsRing ring = ring(307, 45, 45);
        int n = ring.dimension();
        BigInteger[] a = new BigInteger[n];
        BigInteger[] b = new BigInteger[n];
        DoubleCrt x = random(ring, random, a);
        DoubleCrt y = random(ring, random, b);
        BigInteger q = RingReference.product(primes(ring));
        assertThat(RingReference.crt(x.toCoefficients(), primes(ring))).isEqualTo(a);
        DoubleCrt sum = x.copy();
        sum.add(y);
        DoubleCrt difference = x.copy();
        difference.subtract(y);
        DoubleCrt negated = x.copy();
        negated.negate();
        negated.multiplyScalar(-3);
        BigInteger[] coefficientsOfSum = RingReference.crt(sum.toCoefficients(), primes(ring));
        BigInteger[] coefficientsOfDifference = RingReference.crt(difference.toCoefficients(), primes(ring));
        BigInteger[] coefficientsOfTriple = RingReference.crt(negated.toCoefficients(), primes(ring));
        for (int c = 0; c < n; c++) {
            assertThat(coefficientsOfSum[c]).isEqualTo(a[c].add(b[c]).mod(q));
            assertThat(coefficientsOfDifference[c]).isEqualTo(a[c].subtract(b[c]).mod(q));
            assertThat(coefficientsOfTriple[c]).isEqualTo(a[c].multiply(BigInteger.valueOf(3)).mod(q));
        }
    }

    @Test
    void evaluationPositionsHoldTheStatedRoots() {
        SplittableRandom random = new SplittableRandom(11);
        for (RnsRing ring : new RnsRing[] {ring(307, 40), ring(64, 40)}) {
            Cyclotomic cyclotomic = ring.cyclotomic();
            Modulus q = ring.modulus(0);
            long root = cyclotomic.isPowerOfTwo()
                    ? PowerOfTwoNtt.negacyclic(q, cyclotomic.phi()).root()
                    : BluesteinDft.create(q, cyclotomic.m()).omega();
            long[] coefficients = random.longs(ring.dimension(), 0, q.value()).toArray();
            long[] evaluations = new long[ring.dimension()];
            ring.transform(0).forward(coefficients, evaluations);
            for (int i = 0; i < evaluations.length; i++) {
                long x = q.pow(root, cyclotomic.exponentAt(i));
                assertThat(evaluations[i]).as("m = %d, position %d", cyclotomic.m(), i)
                        .isEqualTo(PowerOfTwoNttTest.evaluate(coefficients, x, q));
            }
        }
    }

    @Test
    void automorphismsPermuteEvaluationsAndCompose() {
        SplittableRandom random = new SplittableRandom(9);
        for (RnsRing ring : new RnsRing[] {ring(307, 40), ring(128, 40)}) {
            Cyclotomic cyclotomic = ring.cyclotomic();
            long q = ring.modulus(0).value();
            int n = ring.dimension();
            long[] coefficients = random.longs(n, 0, q).toArray();
            DoubleCrt x = DoubleCrt.fromSignedCoefficients(ring, new int[] {0}, coefficients);
            int m = cyclotomic.m();
            int k = cyclotomic.isPowerOfTwo() ? 5 : (int) Primes.smallestPrimitiveRoot(m);
            DoubleCrt permuted = x.automorphism(cyclotomic.automorphismSources(k));
            assertThat(permuted.toCoefficients()[0]).isEqualTo(cyclotomic.automorphismOfCoefficients(coefficients, k, q));
            // sigma_k after sigma_j is sigma_(jk); sigma_k^(order of k) is the identity.
            int j = m - 1;
            DoubleCrt composed = x.automorphism(cyclotomic.automorphismSources(j))
                    .automorphism(cyclotomic.automorphismSources(k));
            assertThat(composed.row(0)).isEqualTo(x.automorphism(cyclotomic.automorphismSources((long) j * k)).row(0));
            DoubleCrt cycled = x.copy();
            long order = Primes.multiplicativeOrder(k, m);
            for (long i = 0; i < order; i++) {
                cycled = cycled.automorphism(cyclotomic.automorphismSources(k));
            }
            assertThat(cycled.row(0)).isEqualTo(x.row(0));
        }
    }

    @Test
    void generatorPowerEqualsFrobeniusPowerForPrimeM() {
        // For m = 307, p = 17 (d = 3, l = 102 slots), g^l lies in <p>: sigma_g^l is a Frobenius power.
        int m = 307;
        Cyclotomic cyclotomic = Cyclotomic.of(m);
        Modulus mm = Modulus.of(m);
        long g = Primes.smallestPrimitiveRoot(m);
        long gl = mm.pow(g, 102);
        boolean isFrobeniusPower = false;
        for (int j = 0; j < 3; j++) {
            isFrobeniusPower |= mm.pow(17, j) == gl;
        }
        assertThat(isFrobeniusPower).isTrue();
        assertThat(cyclotomic.automorphismSources(gl)).isEqualTo(composePowers(cyclotomic, g, 102));
    }

    private static int[] composePowers(Cyclotomic cyclotomic, long k, int times) {
        int[] identity = cyclotomic.automorphismSources(1);
        int[] result = identity;
        int[] step = cyclotomic.automorphismSources(k);
        for (int i = 0; i < times; i++) {
            int[] next = new int[result.length];
            for (int c = 0; c < next.length; c++) {
                next[c] = result[step[c]];
            }
            result = next;
        }
        return result;
    }

    @Test
    void basisConversionIsExactUpToAMultipleOfTheSourceModulus() {
        SplittableRandom random = new SplittableRandom(10);
        RnsRing ring = ring(307, 40, 41, 42, 50, 55);
        int[] from = {0, 1, 2};
        int[] to = {3, 4};
        BasisConversion conversion = new BasisConversion(ring, from, to);
        int n = ring.dimension();
        long[][] input = new long[3][n];
        BigInteger s = BigInteger.ONE;
        for (int i : from) {
            s = s.multiply(BigInteger.valueOf(ring.modulus(i).value()));
        }
        BigInteger[] x = new BigInteger[n];
        for (int c = 0; c < n; c++) {
            x[c] = new BigInteger(s.bitLength() + 4, new java.util.Random(random.nextLong())).mod(s);
            for (int i = 0; i < 3; i++) {
                input[i][c] = x[c].mod(BigInteger.valueOf(ring.modulus(from[i]).value())).longValueExact();
            }
        }
        long[][] output = new long[2][n];
        conversion.convert(input, output);
        for (int c = 0; c < n; c++) {
            boolean found = false;
            for (int u = 0; u < 3 && !found; u++) {
                BigInteger candidate = x[c].add(s.multiply(BigInteger.valueOf(u)));
                found = candidate.mod(BigInteger.valueOf(ring.modulus(3).value())).longValueExact() == output[0][c]
                        && candidate.mod(BigInteger.valueOf(ring.modulus(4).value())).longValueExact() == output[1][c];
            }
            assertThat(found).as("coefficient %d", c).isTrue();
        }
    }

    @Test
    void rejectsRingsAndOperandsThatDoNotFit() {
        assertThatThrownBy(() -> Cyclotomic.of(15)).hasMessage("m must be an odd prime or a power of two >= 4, got 15");
        RnsRing ring = ring(17, 35, 36);
        DoubleCrt a = DoubleCrt.zero(ring, new int[] {0, 1});
        DoubleCrt b = DoubleCrt.zero(ring, new int[] {0});
        assertThatThrownBy(() -> a.add(b)).hasMessage("operands live on different primes: [0, 1] and [0]");
        assertThatThrownBy(() -> DoubleCrt.zero(ring, new int[] {1, 0}))
                .hasMessage("prime indices must ascend within [0, 2), got [1, 0]");
        assertThatThrownBy(() -> ring.cyclotomic().unit(34)).hasMessageContaining("unit modulo m = 17, got 34");
    }
}
