package org.wisekit.bench.fhe;

import java.util.SplittableRandom;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.wisekit.fhe.ring.BluesteinDft;
import org.wisekit.fhe.ring.Modulus;
import org.wisekit.fhe.ring.PowerOfTwoNtt;
import org.wisekit.fhe.ring.Primes;

/**
 * The ring transforms behind every BGV operation: a negacyclic NTT of length 2^16 over a 50-bit prime
 * and a Bluestein DFT of length m = 17293 (the B2 tier's cyclotomic index), one residue each: over a 55-bit
 * prime that is 1 mod m N (the direct path) and over a 31-bit chain prime that is only 1 mod m (the
 * auxiliary-prime path, split-filter plan).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TransformBenchmark {

    private static final int NTT_LENGTH = 1 << 16;
    private static final int BLUESTEIN_M = 17293;

    @Param("1")
    int threads;

    PowerOfTwoNtt ntt;
    long[] nttData;
    BluesteinDft bluestein;
    long[] dftIn;
    long[] dftOut;
    BluesteinDft auxiliaryBluestein;
    long[] auxiliaryIn;

    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(7);
        Modulus q = Modulus.of(Primes.descendingCongruentPrimes(50, 2L * NTT_LENGTH, 1, Set.of()).get(0));
        ntt = PowerOfTwoNtt.negacyclic(q, NTT_LENGTH);
        nttData = rng.longs(NTT_LENGTH, 0, q.value()).toArray();

        long congruence = (long) BLUESTEIN_M * BluesteinDft.convolutionLength(BLUESTEIN_M);
        Modulus p = Modulus.of(Primes.descendingCongruentPrimes(55, congruence, 1, Set.of()).get(0));
        bluestein = BluesteinDft.create(p, BLUESTEIN_M);
        dftIn = rng.longs(BLUESTEIN_M, 0, p.value()).toArray();
        dftOut = new long[BLUESTEIN_M];

        int n = BluesteinDft.convolutionLength(BLUESTEIN_M);
        long auxiliaryPrime = Primes.descendingCongruentPrimes(31, BLUESTEIN_M, 64, Set.of()).stream()
                .filter(c -> (c - 1) % (n / 2) != 0).findFirst().orElseThrow();
        auxiliaryBluestein = BluesteinDft.create(Modulus.of(auxiliaryPrime), BLUESTEIN_M);
        auxiliaryIn = rng.longs(BLUESTEIN_M, 0, auxiliaryPrime).toArray();
    }

    /** Forward then inverse keeps the data bounded, so the state does not drift between invocations. */
    @Benchmark
    public long[] nttForwardInverse() {
        ntt.forward(nttData);
        ntt.inverse(nttData);
        return nttData;
    }

    @Benchmark
    public long[] bluesteinForward() {
        bluestein.forward(dftIn, dftOut);
        return dftOut;
    }

    @Benchmark
    public long[] bluesteinAuxiliaryForward() {
        auxiliaryBluestein.forward(auxiliaryIn, dftOut);
        return dftOut;
    }

    @Benchmark
    public long[] bluesteinAuxiliaryInverse() {
        auxiliaryBluestein.inverse(auxiliaryIn, dftOut);
        return dftOut;
    }
}
