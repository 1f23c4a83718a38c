package org.wisekit.geohard;

/**
 * The transform applied to the embeddings before the class statistics: none, or a PCA to {@code components}
 * dimensions fitted on the data ({@link Pca}). UMAP, which the paper's configuration uses, is not available yet.
 *
 * @param kind       what to do
 * @param components the output dimension for {@link Kind#PCA} ({@code >= 1}); 0 for {@link Kind#NONE}
 */
public record Transform(Kind kind, int components) {

    /** The kinds of transform. */
    public enum Kind {
        /** The embeddings as given. */
        NONE,
        /** Principal components fitted on the data (centred, top {@code components} by variance). */
        PCA
    }

    /** Checks that {@code components} is 0 for NONE and {@code >= 1} for PCA. */
    public Transform {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        if (kind == Kind.NONE && components != 0) {
            throw new IllegalArgumentException("components must be 0 for transform none, got " + components);
        }
        if (kind == Kind.PCA && components < 1) {
            throw new IllegalArgumentException("components must be >= 1 for transform pca, got " + components);
        }
    }

    /** No transform. */
    public static Transform none() {
        return new Transform(Kind.NONE, 0);
    }

    /** PCA to {@code components} dimensions. */
    public static Transform pca(int components) {
        return new Transform(Kind.PCA, components);
    }

    /**
     * Parses {@code none} or {@code pca:K} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value when it is neither
     */
    public static Transform parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("transform must not be null");
        }
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("none")) {
            return none();
        }
        if (t.startsWith("pca:")) {
            try {
                return pca(Integer.parseInt(t.substring(4)));
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException("transform must be 'none' or 'pca:K' with K >= 1, got '" + text + "'");
    }

    @Override
    public String toString() {
        return kind == Kind.NONE ? "none" : "pca:" + components;
    }
}
