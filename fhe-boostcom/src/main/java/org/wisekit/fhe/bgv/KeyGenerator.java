package org.wisekit.fhe.bgv;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.wisekit.fhe.ring.DoubleCrt;
import org.wisekit.fhe.ring.Modulus;
import org.wisekit.fhe.ring.Sampler;

/**
 * Generates the secret key, the public key and the key-switching keys. By default all randomness comes from
 * {@link SecureRandom}; {@link #withRandomness} takes any generator and exists for reproducible tests (keys
 * from a seeded generator are as predictable as the seed). Not thread-safe when given a generator that is
 * not.
 */
public final class KeyGenerator {

    private final BgvParameters parameters;
    private final RandomGenerator random;

    private KeyGenerator(BgvParameters parameters, RandomGenerator random) {
        this.parameters = parameters;
        this.random = random;
    }

    /** A generator drawing from a fresh {@link SecureRandom}. */
    public static KeyGenerator create(BgvParameters parameters) {
        return new KeyGenerator(parameters, new SecureRandom());
    }

    /** A generator drawing from {@code random}: deterministic keys for tests only. */
    public static KeyGenerator withRandomness(BgvParameters parameters, RandomGenerator random) {
        return new KeyGenerator(parameters, random);
    }

    /** A uniform ternary secret with a fresh random key id. */
    public SecretKey secretKey() {
        return new SecretKey(parameters, random.nextLong(), Sampler.ternary(random, parameters.ringDimension()));
    }

    /** (b, a) = (-a s + p e, a) modulo Q_L. */
    public PublicKey publicKey(SecretKey secret) {
        checkOwn(secret);
        int[] primes = parameters.primesAt(parameters.maxLevel());
        DoubleCrt a = uniform(primes);
        DoubleCrt b = error(primes);
        DoubleCrt as = a.copy();
        as.multiply(secret.evaluation().restrictTo(primes));
        b.subtract(as);
        return new PublicKey(parameters, secret.keyId(), b, a);
    }

    /** The key from s^2 to s. */
    public KeySwitchKey relinearizationKey(SecretKey secret) {
        checkOwn(secret);
        DoubleCrt square = secret.evaluation().copy();
        square.multiply(secret.evaluation());
        return keySwitchKey(secret, square, KeySwitchKey.Kind.RELINEARIZATION, 1);
    }

    /** The key from sigma_k(s) to s, for the automorphism X -&gt; X^k (k a unit modulo m). */
    public KeySwitchKey automorphismKey(SecretKey secret, long galoisElement) {
        checkOwn(secret);
        int k = parameters.cyclotomic().unit(galoisElement);
        DoubleCrt source = secret.evaluation().automorphism(parameters.cyclotomic().automorphismSources(k));
        return keySwitchKey(secret, source, KeySwitchKey.Kind.AUTOMORPHISM, k);
    }

    /** A relinearization key and automorphism keys for the given Galois elements. */
    public EvaluationKeys evaluationKeys(SecretKey secret, Collection<Long> galoisElements) {
        Map<Long, KeySwitchKey> automorphisms = new HashMap<>();
        for (long element : galoisElements) {
            long k = parameters.cyclotomic().unit(element);
            automorphisms.computeIfAbsent(k, unused -> automorphismKey(secret, k));
        }
        return new EvaluationKeys(parameters, secret.keyId(), relinearizationKey(secret), automorphisms);
    }

    /**
     * Per digit j: b_j = -a_j s + p e_j + P [i in D_j] s' modulo every prime q_i (and -a_j s + p e_j modulo the
     * special primes, where P vanishes). The a_j come from one fresh 32-byte seed per key ({@link SeedExpander}),
     * drawn from this generator's randomness, so that the key serializes at half size.
     */
    private KeySwitchKey keySwitchKey(SecretKey secret, DoubleCrt source, KeySwitchKey.Kind kind, long element) {
        int[] all = parameters.extendedPrimesAt(parameters.maxLevel());
        int[][] groups = parameters.digitGroups();
        DoubleCrt[] b = new DoubleCrt[groups.length];
        DoubleCrt[] a = new DoubleCrt[groups.length];
        byte[] seed = new byte[SeedExpander.SEED_BYTES];
        random.nextBytes(seed);
        for (int j = 0; j < groups.length; j++) {
            a[j] = SeedExpander.expand(parameters, seed, j, all);
            b[j] = error(all);
            DoubleCrt as = a[j].copy();
            as.multiply(secret.evaluation());
            b[j].subtract(as);
            for (int i : groups[j]) {
                Modulus q = parameters.ring().modulus(i);
                long specialModQ = 1;
                for (int k : parameters.specialPrimes()) {
                    specialModQ = q.mul(specialModQ, q.reduce(parameters.prime(k)));
                }
                long[] row = b[j].row(i);
                long[] sourceRow = source.row(i);
                for (int c = 0; c < row.length; c++) {
                    row[c] = q.add(row[c], q.mul(specialModQ, sourceRow[c]));
                }
            }
        }
        return new KeySwitchKey(parameters, secret.keyId(), kind, element, b, a, seed);
    }

    private DoubleCrt uniform(int[] primes) {
        DoubleCrt a = DoubleCrt.zero(parameters.ring(), primes);
        for (int i = 0; i < primes.length; i++) {
            Sampler.uniform(random, parameters.ring().modulus(primes[i]), a.row(i));
        }
        return a;
    }

    /** p e for a fresh Gaussian e, in double-CRT form. */
    private DoubleCrt error(int[] primes) {
        long[] e = Sampler.gaussian(random, parameters.ringDimension(), BgvParameters.ERROR_STD_DEV);
        for (int c = 0; c < e.length; c++) {
            e[c] *= parameters.plaintextModulus();
        }
        return DoubleCrt.fromSignedCoefficients(parameters.ring(), primes, e);
    }

    private void checkOwn(SecretKey secret) {
        if (!secret.parameters().equals(parameters)) {
            throw new IllegalArgumentException("secret key belongs to other parameters: " + secret.parameters().describe());
        }
    }
}
