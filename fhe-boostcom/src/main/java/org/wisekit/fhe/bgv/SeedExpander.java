package org.wisekit.fhe.bgv;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.wisekit.fhe.ring.DoubleCrt;
import org.wisekit.fhe.ring.Modulus;

/**
 * Expands a 32-byte seed into the uniform parts a_j of a key-switching key, so that a serialized key can store
 * the seed instead of a_j (half the key). The construction is fixed, since a reader must regenerate exactly what
 * the key generator used:
 *
 * <ul>
 *   <li>the stream for digit j and prime index i is AES-256 in counter mode (JDK {@code AES/CTR/NoPadding}) under
 *       the seed as key, with initial counter block j (i32) || i (i32) || 0 (i64), big-endian; the counter runs
 *       over the whole block, and a row takes far fewer than 2^64 blocks, so streams never overlap;</li>
 *   <li>the row is filled by rejection sampling: each big-endian 64-bit word of keystream, cut to the bit length of
 *       q_i, is taken if it is below q_i and skipped otherwise (so every residue is exactly uniform).</li>
 * </ul>
 *
 * The values are the evaluation-form residues directly (uniform in one form is uniform in the other, the transform
 * being a bijection), so no transform runs. a_j is public; the seed is drawn from the key generator's randomness
 * (SecureRandom by default) so that a_j is uniform. Stateless.
 */
final class SeedExpander {

    /** Seed length: an AES-256 key. */
    static final int SEED_BYTES = 32;

    private SeedExpander() {
    }

    /** a_j over prime indices {@code primes} from {@code seed}, in evaluation form. */
    static DoubleCrt expand(BgvParameters parameters, byte[] seed, int digit, int[] primes) {
        DoubleCrt a = DoubleCrt.zero(parameters.ring(), primes);
        for (int r = 0; r < primes.length; r++) {
            fill(seed, digit, primes[r], parameters.ring().modulus(primes[r]), a.row(r));
        }
        return a;
    }

    /** Row {@code primeIndex} of digit {@code digit}'s a_j: residues uniform in [0, q). */
    static void fill(byte[] seed, int digit, int primeIndex, Modulus q, long[] out) {
        if (seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("seed must have " + SEED_BYTES + " bytes, got " + seed.length);
        }
        Cipher cipher;
        try {
            cipher = Cipher.getInstance("AES/CTR/NoPadding");
            byte[] counter = ByteBuffer.allocate(16).putInt(digit).putInt(primeIndex).putLong(0).array();
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, "AES"), new IvParameterSpec(counter));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR/NoPadding is missing from this JVM", e);
        }
        long mask = q.bits() >= 64 ? -1L : (1L << q.bits()) - 1;
        long value = q.value();
        byte[] zeros = new byte[8 * Math.max(out.length, 64)];
        ByteBuffer words = ByteBuffer.wrap(cipher.update(zeros));
        for (int i = 0; i < out.length; ) {
            if (!words.hasRemaining()) {
                words = ByteBuffer.wrap(cipher.update(zeros));
            }
            long candidate = words.getLong() & mask;
            if (candidate < value) {
                out[i++] = candidate;
            }
        }
    }
}
