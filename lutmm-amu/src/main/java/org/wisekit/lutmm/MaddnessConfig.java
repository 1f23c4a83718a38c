package org.wisekit.lutmm;

/**
 * How a {@link MaddnessModel} is learned.
 *
 * @param codebooks           C, the number of codebooks (disjoint contiguous input slices), 1..128
 * @param aggregation         how looked-up bytes are combined; {@link Aggregation#AVERAGE} needs C a power of two
 * @param optimizePrototypes  whether the prototypes are refined by ridge regression on the residual
 *                            (MADDNESS); {@code false} keeps the bucket means (MADDNESS-PQ)
 * @param ridgeLambda         the ridge penalty λ (the reference code uses 1), > 0
 */
public record MaddnessConfig(int codebooks, Aggregation aggregation, boolean optimizePrototypes, double ridgeLambda) {

    /** The most codebooks: 128 * 255 still fits the 16-bit accumulator lanes. */
    public static final int MAX_CODEBOOKS = 128;

    public MaddnessConfig {
        if (codebooks < 1 || codebooks > MAX_CODEBOOKS) {
            throw new IllegalArgumentException("codebooks must be in [1, " + MAX_CODEBOOKS + "], got " + codebooks);
        }
        if (aggregation == null) {
            throw new IllegalArgumentException("aggregation must not be null");
        }
        if (aggregation == Aggregation.AVERAGE && Integer.bitCount(codebooks) != 1) {
            throw new IllegalArgumentException("codebooks must be a power of two for AVERAGE aggregation, got "
                    + codebooks);
        }
        if (!(ridgeLambda > 0) || Double.isInfinite(ridgeLambda)) {
            throw new IllegalArgumentException("ridgeLambda must be positive and finite, got " + ridgeLambda);
        }
    }

    /** MADDNESS as in the reference code: ridge-refined prototypes, λ = 1, averaging aggregation. */
    public static MaddnessConfig maddness(int codebooks) {
        return new MaddnessConfig(codebooks, Aggregation.AVERAGE, true, 1.0);
    }

    /** MADDNESS-PQ: the same trees, bucket-mean prototypes, averaging aggregation. */
    public static MaddnessConfig maddnessPq(int codebooks) {
        return new MaddnessConfig(codebooks, Aggregation.AVERAGE, false, 1.0);
    }

    /** The same configuration with another aggregation. */
    public MaddnessConfig withAggregation(Aggregation a) {
        return new MaddnessConfig(codebooks, a, optimizePrototypes, ridgeLambda);
    }

    /** The averaging group size U = min(C, 16). */
    public int group() {
        return Math.min(codebooks, 16);
    }
}
