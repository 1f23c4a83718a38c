/**
 * The BGV scheme (Brakerski-Gentry-Vaikuntanathan) with HElib's and lattigo's structure: a parameter literal
 * ({@link org.wisekit.fhe.bgv.ParametersLiteral}) becomes validated {@link org.wisekit.fhe.bgv.BgvParameters}
 * (with a {@link org.wisekit.fhe.bgv.SecurityEstimate} from the {@link org.wisekit.fhe.bgv.HeStandard} table;
 * {@link org.wisekit.fhe.bgv.ParameterTier} holds the BoostCom note's tiers);
 * {@link org.wisekit.fhe.bgv.KeyGenerator} makes the {@link org.wisekit.fhe.bgv.SecretKey},
 * {@link org.wisekit.fhe.bgv.PublicKey} and {@link org.wisekit.fhe.bgv.EvaluationKeys};
 * {@link org.wisekit.fhe.bgv.Encoder}, {@link org.wisekit.fhe.bgv.Encryptor} and
 * {@link org.wisekit.fhe.bgv.Decryptor} move between slot vectors, {@link org.wisekit.fhe.bgv.Plaintext}s and
 * {@link org.wisekit.fhe.bgv.Ciphertext}s; {@link org.wisekit.fhe.bgv.Evaluator} computes on ciphertexts, in
 * allocating and in-place ({@link org.wisekit.fhe.bgv.MutableCiphertext}) forms, counting its work in
 * {@link org.wisekit.fhe.bgv.OperationCounters}; {@link org.wisekit.fhe.bgv.BgvCodec} serializes.
 *
 * <p>Ciphertexts, plaintexts, keys and parameters are immutable and thread-safe; so is the evaluator.
 * Secret randomness comes from SecureRandom unless a generator is passed explicitly (tests).
 */
package org.wisekit.fhe.bgv;
