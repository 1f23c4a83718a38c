package org.wisekit.geohard;

/**
 * How {@link GeoHard#compute} prepares the data.
 *
 * @param transform the transform fitted on all the rows before balancing ({@link Transform#none()} by default)
 * @param balance   0: use every instance; {@code N >= 2}: draw exactly N instances of every class without
 *                  replacement (seeded), after the transform; a class with fewer than N instances is an error
 * @param seed      the seed of the balanced sampling and of a UMAP transform (PCA is deterministic and does not
 *                  use it)
 */
public record Options(Transform transform, int balance, long seed) {

    /** Checks that {@code transform} is set and {@code balance} is 0 or {@code >= 2}. */
    public Options {
        if (transform == null) {
            throw new IllegalArgumentException("transform must not be null");
        }
        if (balance != 0 && balance < 2) {
            throw new IllegalArgumentException("balance must be 0 (off) or >= 2 per class, got " + balance);
        }
    }

    /** No transform, no balancing, seed 0. */
    public static Options defaults() {
        return new Options(Transform.none(), 0, 0L);
    }

    /** These options with another transform. */
    public Options withTransform(Transform t) {
        return new Options(t, balance, seed);
    }

    /** These options with {@code perClass} instances drawn from every class (0: off). */
    public Options withBalance(int perClass) {
        return new Options(transform, perClass, seed);
    }

    /** These options with another seed (balanced sampling and UMAP). */
    public Options withSeed(long s) {
        return new Options(transform, balance, s);
    }
}
