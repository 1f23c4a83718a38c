/**
 * The ring layer: Z_Q[X]/Phi_m(X) for Q a product of word-sized primes, m an odd prime or a power of two.
 *
 * <p>{@link org.wisekit.fhe.ring.Modulus} does Barrett and Shoup arithmetic modulo one prime below 2^61;
 * {@link org.wisekit.fhe.ring.Primes} finds primes q = 1 mod M and roots of unity;
 * {@link org.wisekit.fhe.ring.PowerOfTwoNtt} is the cyclic and negacyclic NTT with lazy butterflies;
 * {@link org.wisekit.fhe.ring.BluesteinDft} the length-m DFT for odd m on top of it;
 * {@link org.wisekit.fhe.ring.Cyclotomic} the index structure (evaluation order, automorphism permutations,
 * reduction modulo Phi_m); {@link org.wisekit.fhe.ring.EvaluationTransform} maps coefficients to evaluations
 * per prime; {@link org.wisekit.fhe.ring.RnsRing} collects the primes; {@link org.wisekit.fhe.ring.DoubleCrt}
 * is a polynomial in double-CRT form (a mutable buffer); {@link org.wisekit.fhe.ring.BasisConversion} moves
 * residues between prime sets; {@link org.wisekit.fhe.ring.Sampler} draws secrets, errors and uniform
 * residues.
 *
 * <p>No BigInteger in any transform or element-wise loop; tables are immutable and shared, scratch space is
 * per thread. Everything here is thread-safe except {@code DoubleCrt}, which is a mutable buffer.
 */
package org.wisekit.fhe.ring;
