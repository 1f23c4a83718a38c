package org.wisekit.lwquant.internal;

/** Small vector helpers shared by the layer-importance scores of the llama and MiniLM models. */
public final class Vectors {

    private Vectors() {
    }

    /**
     * The cosine of {@code a[offset, offset + d)} and {@code b[offset, offset + d)}, accumulated in double;
     * 1 when both are zero, 0 when only one is.
     *
     * @param a      first vector (or rows of vectors)
     * @param b      second vector, same layout
     * @param offset index of the first element
     * @param d      number of elements
     * @return the cosine similarity
     */
    public static double cosine(float[] a, float[] b, int offset, int d) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int j = offset; j < offset + d; j++) {
            dot += (double) a[j] * b[j];
            na += (double) a[j] * a[j];
            nb += (double) b[j] * b[j];
        }
        return na == 0 || nb == 0 ? (na == nb ? 1 : 0) : dot / Math.sqrt(na * nb);
    }
}
