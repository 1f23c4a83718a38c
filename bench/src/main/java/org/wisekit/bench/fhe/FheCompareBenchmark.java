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
import org.wisekit.fhe.compare.EncryptedArray;
import org.wisekit.fhe.compare.EncryptedWords;
import org.wisekit.fhe.compare.IzComparator;
import org.wisekit.fhe.compare.WordFormat;

/**
 * FheCompare: the Iliashenko-Zucca comparison (single-thread baseline) against BoostCom-CPU (RNS- and
 * circuit-level parallelism on {@code threads} threads, compaction, non-blocking; at threads = 1 only
 * compaction and non-blocking apply) on a fully packed comparison and an under-filled array minimum, same
 * ciphertexts. Single-shot: one operation takes seconds (T1) to a minute (B1: {@code -p tier=B1}). Keys come
 * from a seeded generator: benchmarks only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class FheCompareBenchmark {

    /** Comparison tier: T1 (32-bit words, 181 per ciphertext) by default; B1 is the reproduction's tier. */
    @Param("T1")
    String tier;

    /** Array size of the minimum (all-pairs layout: N(N-1) words). */
    @Param("8")
    int arraySize;

    @Param("1")
    int threads;

    IzComparator baseline;
    IzComparator boostCom;
    EncryptedWords x;
    EncryptedWords y;
    EncryptedArray array;

    @Setup
    public void setUp() {
        BgvParameters parameters = ComparisonTier.parse(tier).insecureParameters();
        WordFormat format = WordFormat.of(parameters, 32);
        int capacity = format.capacity(parameters);
        ComparisonSession session = ComparisonSession.create(parameters, format, new int[] {capacity},
                new int[] {arraySize}, new SplittableRandom(21));
        SplittableRandom random = new SplittableRandom(22);
        x = session.encryptor().encrypt(random.longs(capacity, 0, 1L << 32).toArray());
        y = session.encryptor().encrypt(random.longs(capacity, 0, 1L << 32).toArray());
        array = session.encryptor().encryptArray(random.longs(arraySize, 0, 1L << 32).toArray());
        baseline = session.comparator(BoostComOptions.baseline());
        boostCom = session.comparator(BoostComOptions.all(threads));
        baseline.prepare(capacity, arraySize);
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

    @Benchmark
    public EncryptedWords arrayMinBaseline() {
        return baseline.minimum(array);
    }

    @Benchmark
    public EncryptedWords arrayMinBoostCom() {
        return boostCom.minimum(array);
    }
}
