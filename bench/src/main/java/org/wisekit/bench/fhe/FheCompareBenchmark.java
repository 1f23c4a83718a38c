package org.wisekit.bench.fhe;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.compare.BoostComOptions;
import org.wisekit.fhe.compare.ComparisonResult;
import org.wisekit.fhe.compare.ComparisonSession;
import org.wisekit.fhe.compare.ComparisonTier;
import org.wisekit.fhe.compare.EncryptedWords;
import org.wisekit.fhe.compare.IzComparator;
import org.wisekit.fhe.compare.WordFormat;

/**
 * FheCompare: one fully packed Iliashenko-Zucca comparison (a &lt; b and a == b of every word pair of a batch) at
 * a comparison tier and its word size, the single-thread baseline against BoostCom-CPU (RNS- and circuit-level
 * parallelism on {@code threads} threads, compaction, non-blocking), same ciphertexts. The default tier is the
 * 96-bit preset B2_96 (HElib's B2: p = 131, m = 17293, 64-bit words, 1441 per batch); {@code -p tier=B3_128}
 * times the 128-bit preset. Single-shot: one operation takes about a minute. Keys come from a seeded generator:
 * benchmarks only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class FheCompareBenchmark {

    /** Comparison tier (secure presets: B2_96, B3_128; insecure research tiers: T0, T1, B1, B2). */
    @Param("B2_96")
    String tier;

    @Param("1")
    int threads;

    IzComparator baseline;
    IzComparator boostCom;
    EncryptedWords x;
    EncryptedWords y;

    @Setup
    public void setUp() {
        ComparisonTier comparisonTier = ComparisonTier.parse(tier);
        BgvParameters parameters = comparisonTier.parameters();
        int bits = comparisonTier.defaultWordBits();
        WordFormat format = WordFormat.of(parameters, bits);
        int capacity = format.capacity(parameters);
        ComparisonSession session = ComparisonSession.create(parameters, format, new int[] {capacity}, new int[0],
                new SplittableRandom(21));
        SplittableRandom random = new SplittableRandom(22);
        x = session.encryptor().encrypt(words(random, capacity, bits));
        y = session.encryptor().encrypt(words(random, capacity, bits));
        baseline = session.comparator(BoostComOptions.baseline());
        boostCom = session.comparator(BoostComOptions.all(threads));
        baseline.prepare(capacity);
    }

    private static long[] words(SplittableRandom random, int count, int bits) {
        return bits == 64 ? random.longs(count).toArray() : random.longs(count, 0, 1L << bits).toArray();
    }

    @TearDown
    public void tearDown() {
        baseline.close();
        boostCom.close();
    }

    /** IZ baseline: one thread, d' polynomial evaluations, stage barriers. */
    @Benchmark
    public ComparisonResult packedBaseline() {
        return baseline.compare(x, y);
    }

    @Benchmark
    public ComparisonResult packedBoostCom() {
        return boostCom.compare(x, y);
    }
}
