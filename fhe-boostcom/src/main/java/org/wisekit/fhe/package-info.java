/**
 * BoostCom (Yudha, Xue, Lou, Zhou, Solihin, "BoostCom: Towards Efficient Universal Fully Homomorphic
 * Encryption by Boosting the Word-wise Comparisons", PACT 2024, arXiv:2407.07308): a pure-Java BGV scheme over
 * prime cyclotomics, built in layers as HElib and lattigo are (part 1), and the word comparisons on it (part 2).
 *
 * <ul>
 * <li>{@link org.wisekit.fhe.ring}: modular arithmetic below 2^61, power-of-two NTTs, Bluestein's length-m
 * transform, the cyclotomic ring in double-CRT form, fast basis conversion, samplers;</li>
 * <li>{@link org.wisekit.fhe.slots}: the plaintext slot algebra Z_p[X]/Phi_m = F_(p^d)^l for prime m;</li>
 * <li>{@link org.wisekit.fhe.bgv}: parameters and security estimates, keys, encryption, the evaluator (products,
 * relinearization, hybrid key switching, modulus switching, slot shifts and Frobenius), exact noise
 * measurement and serialization;</li>
 * <li>{@link org.wisekit.fhe.compare}: the Iliashenko-Zucca comparison circuits and BoostCom's switches.</li>
 * </ul>
 *
 * <p>This package holds the command-line tool {@code wisekit fhe} ({@link org.wisekit.fhe.FheTool},
 * {@link org.wisekit.fhe.FheCommand}, {@link org.wisekit.fhe.SelftestCommand}, {@link org.wisekit.fhe.CompareCommand},
 * {@link org.wisekit.fhe.BenchCommand}).
 */
package org.wisekit.fhe;
