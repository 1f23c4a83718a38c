package org.wisekit.bench.fhe;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.bgv.Ciphertext;
import org.wisekit.fhe.bgv.Encoder;
import org.wisekit.fhe.bgv.Encryptor;
import org.wisekit.fhe.bgv.EvaluationKeys;
import org.wisekit.fhe.bgv.Evaluator;
import org.wisekit.fhe.bgv.KeyGenerator;
import org.wisekit.fhe.bgv.ParameterTier;
import org.wisekit.fhe.bgv.SecretKey;

/**
 * BGV homomorphic multiplication with relinearization, and the key switch alone, at the B1 and B2
 * parameter tiers on fresh ciphertexts (top level). Keys come from a seeded generator: benchmarks only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BgvBenchmark {

    @Param({"B1", "B2"})
    String tier;

    @Param("1")
    int threads;

    Evaluator evaluator;
    Ciphertext a;
    Ciphertext b;
    Ciphertext product;

    @Setup
    public void setUp() {
        BgvParameters parameters = ParameterTier.parse(tier).insecureParameters();
        KeyGenerator keys = KeyGenerator.withRandomness(parameters, new SplittableRandom(11));
        SecretKey secret = keys.secretKey();
        EvaluationKeys evaluationKeys = keys.evaluationKeys(secret, List.of());
        evaluator = new Evaluator(parameters, evaluationKeys);
        Encoder encoder = new Encoder(parameters);
        Encryptor encryptor = new Encryptor(keys.publicKey(secret), new SplittableRandom(12));
        SplittableRandom rng = new SplittableRandom(13);
        long p = parameters.plaintextModulus();
        a = encryptor.encrypt(encoder.encodeIntegers(rng.longs(encoder.slotCount(), 0, p).toArray()));
        b = encryptor.encrypt(encoder.encodeIntegers(rng.longs(encoder.slotCount(), 0, p).toArray()));
        product = evaluator.multiply(a, b);
    }

    /** Tensor product, relinearization (one key switch) and nothing else. */
    @Benchmark
    public Ciphertext multiplyRelinearize() {
        return evaluator.multiplyRelin(a, b);
    }

    /** One hybrid key switch: a degree-2 ciphertext back to degree 1. */
    @Benchmark
    public Ciphertext keySwitch() {
        return evaluator.relinearize(product);
    }
}
