package org.wisekit.fhe.bgv;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;
import org.wisekit.fhe.ring.DoubleCrt;
import org.wisekit.fhe.ring.Sampler;

/**
 * Public-key BGV encryption at the top level L: for ternary u and Gaussian e_0, e_1,
 * (c_0, c_1) = (b u + p e_0 + m, a u + p e_1), so c_0 + c_1 s = m + p (e u + e_0 + e_1 s). Randomness comes
 * from {@link SecureRandom} unless a generator is given (tests). Not thread-safe when given a generator
 * that is not.
 */
public final class Encryptor {

    private final PublicKey key;
    private final RandomGenerator random;

    public Encryptor(PublicKey key) {
        this(key, new SecureRandom());
    }

    /** An encryptor drawing from {@code random}: reproducible ciphertexts for tests only. */
    public Encryptor(PublicKey key, RandomGenerator random) {
        this.key = key;
        this.random = random;
    }

    public Ciphertext encrypt(Plaintext plaintext) {
        BgvParameters parameters = key.parameters();
        if (!plaintext.parameters().equals(parameters)) {
            throw new IllegalArgumentException("plaintext belongs to other parameters: "
                    + plaintext.parameters().describe());
        }
        int level = parameters.maxLevel();
        int[] primes = parameters.primesAt(level);
        int n = parameters.ringDimension();
        long p = parameters.plaintextModulus();
        DoubleCrt u = DoubleCrt.fromSignedCoefficients(parameters.ring(), primes, Sampler.ternary(random, n));
        long[] message = plaintext.coefficients();
        long[] e0 = Sampler.gaussian(random, n, BgvParameters.ERROR_STD_DEV);
        long[] e1 = Sampler.gaussian(random, n, BgvParameters.ERROR_STD_DEV);
        for (int i = 0; i < n; i++) {
            e0[i] = p * e0[i] + (message[i] > p / 2 ? message[i] - p : message[i]);
            e1[i] *= p;
        }
        DoubleCrt c0 = DoubleCrt.fromSignedCoefficients(parameters.ring(), primes, e0);
        DoubleCrt c1 = DoubleCrt.fromSignedCoefficients(parameters.ring(), primes, e1);
        c0.multiplyAdd(u, key.b());
        c1.multiplyAdd(u, key.a());
        return new Ciphertext(new CiphertextData(parameters, key.keyId(), level, new DoubleCrt[] {c0, c1}, 1,
                NoiseModel.fresh(parameters)));
    }
}
