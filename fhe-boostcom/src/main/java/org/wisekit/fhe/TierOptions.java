package org.wisekit.fhe;

import org.wisekit.fhe.compare.ComparisonTier;

/** Parsing shared by the comparison subcommands. */
final class TierOptions {

    private TierOptions() {
    }

    static ComparisonTier tier(String params) {
        try {
            return ComparisonTier.parse(params);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--params " + e.getMessage().replaceFirst("^tier ", ""));
        }
    }

    /** The word width the tier was sized for: 16 bits at T0, 32 at T1, 64 at B1 and B2. */
    static int defaultBits(ComparisonTier tier) {
        return switch (tier) {
            case T0 -> 16;
            case T1 -> 32;
            case B1, B2 -> 64;
        };
    }

    static int bits(Integer bits, ComparisonTier tier) {
        int width = bits == null ? defaultBits(tier) : bits;
        if (width < 1 || width > 64) {
            throw new IllegalArgumentException("--bits must be in [1, 64], got " + width);
        }
        return width;
    }

    static int threads(int threads) {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("--threads must be in [1, 64], got " + threads);
        }
        return threads;
    }
}
