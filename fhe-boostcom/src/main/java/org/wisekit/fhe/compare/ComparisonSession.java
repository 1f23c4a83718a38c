package org.wisekit.fhe.compare;

import java.util.random.RandomGenerator;
import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.bgv.Decryptor;
import org.wisekit.fhe.bgv.Encoder;
import org.wisekit.fhe.bgv.Encryptor;
import org.wisekit.fhe.bgv.EvaluationKeys;
import org.wisekit.fhe.bgv.KeyGenerator;
import org.wisekit.fhe.bgv.SecretKey;

/**
 * Both sides of a comparison deployment in one object, for tools, tests and benchmarks: fresh keys with the
 * automorphisms the circuits need, the shared {@link ComparisonSetup}, and the client's encryptor and
 * decryptor. A real deployment keeps the secret key and decryptor on the client. Key generation and setup
 * times are kept apart from the circuits' times.
 */
public final class ComparisonSession {

    private final ComparisonSetup setup;
    private final WordEncryptor encryptor;
    private final WordDecryptor decryptor;
    private final double keyMillis;
    private final double setupMillis;

    private ComparisonSession(ComparisonSetup setup, WordEncryptor encryptor, WordDecryptor decryptor, double keyMillis,
                              double setupMillis) {
        this.setup = setup;
        this.encryptor = encryptor;
        this.decryptor = decryptor;
        this.keyMillis = keyMillis;
        this.setupMillis = setupMillis;
    }

    /**
     * Keys for comparisons of {@code wordCounts} words and the array circuits of {@code arraySizes}. With
     * {@code random} null all randomness comes from SecureRandom; a seeded generator is for tests only.
     */
    public static ComparisonSession create(BgvParameters parameters, WordFormat format, int[] wordCounts,
                                           int[] arraySizes, RandomGenerator random) {
        format.checkFits(parameters);
        long start = System.nanoTime();
        KeyGenerator generator = random == null ? KeyGenerator.create(parameters)
                : KeyGenerator.withRandomness(parameters, random);
        SecretKey secret = generator.secretKey();
        EvaluationKeys keys = generator.evaluationKeys(secret,
                ComparisonSetup.galoisElements(parameters, format, wordCounts, arraySizes));
        Encryptor encryptor = random == null ? new Encryptor(generator.publicKey(secret))
                : new Encryptor(generator.publicKey(secret), random);
        double keyMillis = (System.nanoTime() - start) / 1e6;
        start = System.nanoTime();
        ComparisonSetup setup = new ComparisonSetup(parameters, keys, format);
        double setupMillis = (System.nanoTime() - start) / 1e6;
        return new ComparisonSession(setup, new WordEncryptor(parameters, encryptor, format),
                new WordDecryptor(new Decryptor(secret), new Encoder(parameters)), keyMillis, setupMillis);
    }

    public ComparisonSetup setup() {
        return setup;
    }

    public WordEncryptor encryptor() {
        return encryptor;
    }

    public WordDecryptor decryptor() {
        return decryptor;
    }

    public BgvParameters parameters() {
        return setup.parameters();
    }

    public WordFormat format() {
        return setup.format();
    }

    /** Milliseconds to generate the secret, public, relinearization and automorphism keys. */
    public double keyMillis() {
        return keyMillis;
    }

    /** Milliseconds to build the extraction constants and the evaluator. */
    public double setupMillis() {
        return setupMillis;
    }

    /** A comparator with these switches (close it). */
    public IzComparator comparator(BoostComOptions options) {
        return setup.comparator(options);
    }
}
