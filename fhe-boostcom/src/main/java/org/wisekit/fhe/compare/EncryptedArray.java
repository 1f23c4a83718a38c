package org.wisekit.fhe.compare;

/**
 * An encrypted array x_0 .. x_(N-1) in the all-pairs layout the array circuits need: row i, column c
 * (c = 0 .. N-2) is word i (N-1) + c, holding x_i in {@code rows} and x_j in {@code columns}, with
 * j = c for c &lt; i and c + 1 otherwise. The client lays the array out when it encrypts it
 * ({@link WordEncryptor#encryptArray}), which costs N(N-1) l slots instead of N l. Immutable.
 */
public record EncryptedArray(EncryptedWords rows, EncryptedWords columns, int size) {

    public EncryptedArray {
        if (size < 2) {
            throw new IllegalArgumentException("an array needs at least 2 elements, got " + size);
        }
        if (rows.count() != size * (size - 1) || columns.count() != size * (size - 1)
                || !rows.format().equals(columns.format())) {
            throw new IllegalArgumentException("rows and columns must both hold N(N-1) = " + size * (size - 1)
                    + " words of one format");
        }
    }

    public WordFormat format() {
        return rows.format();
    }

    /** The row-major position of (i, j), j != i. */
    static int pairIndex(int size, int i, int j) {
        return i * (size - 1) + (j < i ? j : j - 1);
    }

    /** The column element j of row i's column c. */
    static int column(int i, int c) {
        return c < i ? c : c + 1;
    }
}
