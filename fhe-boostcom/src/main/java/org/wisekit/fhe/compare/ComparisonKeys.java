package org.wisekit.fhe.compare;

import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.bgv.EvaluationKeys;
import org.wisekit.fhe.bgv.PublicKey;
import org.wisekit.fhe.bgv.SecurityEstimate;

/**
 * The public half of a comparison deployment, what a server computing on ciphertexts needs (and what a client
 * needs to encrypt): the parameters, the security target they were built for, the word format, the public key
 * and the evaluation keys (relinearization and the automorphisms of {@link ComparisonSetup#galoisElements}). No
 * secret key: the client keeps that apart. Serialized by {@link CompareCodec#write(ComparisonKeys)}. Immutable.
 *
 * @param minimumSecurityBits the target the parameters were checked against when built (0 for the insecure
 *                            research tiers; otherwise in [80, 256]), checked again when the keys are read
 */
public record ComparisonKeys(BgvParameters parameters, int minimumSecurityBits, WordFormat format, PublicKey publicKey,
                             EvaluationKeys evaluationKeys) {

    public ComparisonKeys {
        if (minimumSecurityBits != 0 && (minimumSecurityBits < SecurityEstimate.INSECURE_BELOW_BITS
                || minimumSecurityBits > 256)) {
            throw new IllegalArgumentException("minimumSecurityBits must be 0 or in ["
                    + SecurityEstimate.INSECURE_BELOW_BITS + ", 256], got " + minimumSecurityBits);
        }
        if (minimumSecurityBits > 0 && !parameters.security().meets(minimumSecurityBits)) {
            throw new IllegalArgumentException("the parameters do not meet " + minimumSecurityBits + "-bit security: "
                    + parameters.security().label());
        }
        if (publicKey.parameters() != parameters || evaluationKeys.parameters() != parameters) {
            throw new IllegalArgumentException("the public and evaluation keys must be made for these parameters ("
                    + parameters.describe() + ")");
        }
        if (publicKey.keyId() != evaluationKeys.keyId()) {
            throw new IllegalArgumentException("the public key (key id " + Long.toHexString(publicKey.keyId())
                    + ") and the evaluation keys (key id " + Long.toHexString(evaluationKeys.keyId())
                    + ") belong to different secret keys");
        }
        format.checkFits(parameters);
    }

    /** The key id every ciphertext under these keys carries. */
    public long keyId() {
        return publicKey.keyId();
    }

    /** Whether the evaluation keys hold every automorphism that {@code wordCounts} and {@code arraySizes} need. */
    public boolean supports(int[] wordCounts, int[] arraySizes) {
        for (long element : ComparisonSetup.galoisElements(parameters, format, wordCounts, arraySizes)) {
            int k = parameters.cyclotomic().unit(element);
            if (k != 1 && evaluationKeys.automorphism(k).isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
