package org.wisekit.fhe.compare;

/**
 * The operations a polynomial evaluation needs, over plaintext values (the reference) or ciphertexts (the
 * circuit), so that {@link PatersonStockmeyer} is one algorithm for both. Constants are residues mod p.
 */
public interface PolyAlgebra<T> {

    /** A non-scalar product (a ciphertext multiplication: one level). */
    T multiply(T a, T b);

    T add(T a, T b);

    /** a times the constant c. */
    T multiplyConstant(T a, long c);

    /** a plus the constant c. */
    T addConstant(T a, long c);
}
