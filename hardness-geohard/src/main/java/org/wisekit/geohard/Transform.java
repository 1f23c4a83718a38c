package org.wisekit.geohard;

/**
 * The transform applied to the embeddings before the class statistics: none, a PCA to {@code components}
 * dimensions fitted on the data ({@link Pca}), or UMAP to {@code components} dimensions ({@link Umap} with
 * umap-learn's defaults, seeded with {@link Options#seed()}), which the paper's configuration uses.
 *
 * @param kind       what to do
 * @param components the output dimension for {@link Kind#PCA} and {@link Kind#UMAP} ({@code >= 1}); 0 for
 *                   {@link Kind#NONE}
 */
public record Transform(Kind kind, int components) {

    /** The kinds of transform. */
    public enum Kind {
        /** The embeddings as given. */
        NONE,
        /** Principal components fitted on the data (centred, top {@code components} by variance). */
        PCA,
        /** UMAP fitted on the data ({@link Umap.Settings#defaults(int)}, seeded). */
        UMAP
    }

    /** Checks that {@code components} is 0 for NONE and {@code >= 1} for PCA and UMAP. */
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
        if (kind == Kind.UMAP && components < 1) {
            throw new IllegalArgumentException("components must be >= 1 for transform umap, got " + components);
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

    /** UMAP to {@code components} dimensions (umap-learn's defaults, seeded with {@link Options#seed()}). */
    public static Transform umap(int components) {
        return new Transform(Kind.UMAP, components);
    }

    /**
     * Parses {@code none}, {@code pca:K} or {@code umap:K} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value when it is none of these
     */
    public static Transform parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("transform must not be null");
        }
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("none")) {
            return none();
        }
        for (Kind kind : new Kind[] {Kind.PCA, Kind.UMAP}) {
            String prefix = kind.name().toLowerCase(java.util.Locale.ROOT) + ":";
            if (t.startsWith(prefix)) {
                try {
                    int k = Integer.parseInt(t.substring(prefix.length()));
                    if (k >= 1) {
                        return new Transform(kind, k);
                    }
                } catch (NumberFormatException e) {
                    // fall through to the message below
                }
            }
        }
        throw new IllegalArgumentException("transform must be 'none', 'pca:K' or 'umap:K' with K >= 1, got '" + text
                + "'");
    }

    @Override
    public String toString() {
        return kind == Kind.NONE ? "none" : kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + components;
    }
}
