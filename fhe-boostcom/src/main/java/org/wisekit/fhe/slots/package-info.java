/**
 * The plaintext slot algebra for prime m (HElib's PAlgebra): Z_p[X]/Phi_m(X) = F_(p^d)^l with d = ord_p(m),
 * l = (m-1)/d.
 *
 * <p>{@link org.wisekit.fhe.slots.SlotAlgebra} fixes the slot field F_p[Y]/R(Y), the generator g and the slot
 * order, encodes and decodes, factors Phi_m modulo p, and gives the automorphism exponents for shifts
 * (g^-s, which need masks because prime m is a "bad dimension") and Frobenius (p^j).
 * {@link org.wisekit.fhe.slots.SlotField} is the arithmetic of F_(p^d); {@link org.wisekit.fhe.slots.SlotVector}
 * is an immutable vector of slot values with the plaintext reference operations (add, multiply, shift,
 * rotate, Frobenius). All types are immutable and thread-safe.
 */
package org.wisekit.fhe.slots;
