package org.wisekit.fhe.cli;

import java.util.function.Function;
import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.compare.ComparisonSession;
import org.wisekit.fhe.compare.ComparisonTier;
import org.wisekit.fhe.compare.WordFormat;

/** Option parsing and set-up shared by the {@code fhe} subcommands. */
final class TierOptions {

    private TierOptions() {
    }

    /**
     * What a comparison subcommand was given, validated: the tier, the word width (the tier's default when
     * {@code --bits} is absent) and the thread count.
     */
    record Choice(ComparisonTier tier, int width, int threads) {

        /** The tier's BGV parameters (secure presets are built with their security check). */
        BgvParameters parameters() {
            return tier.parameters();
        }

        /** Fresh keys (SecureRandom) for comparisons of {@code count} word pairs per ciphertext, no arrays. */
        ComparisonSession session(WordFormat format, int count) {
            return ComparisonSession.create(parameters(), format, new int[] {count}, new int[0], null);
        }
    }

    /** Validates {@code --params}, {@code --bits} and {@code --threads}, in that order. */
    static Choice choose(String params, Integer bits, int threads) {
        ComparisonTier tier = tier(params);
        return new Choice(tier, bits(bits, tier), threads(threads));
    }

    static ComparisonTier tier(String params) {
        return tier(params, ComparisonTier::parse);
    }

    /** {@code params} parsed by {@code parse}, its error message reworded to name the {@code --params} option. */
    static <T> T tier(String params, Function<String, T> parse) {
        return tier(params, parse, "--params");
    }

    /** The same, naming {@code option} in the error. */
    static <T> T tier(String params, Function<String, T> parse, String option) {
        try {
            return parse.apply(params);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + e.getMessage().replaceFirst("^tier ", ""));
        }
    }

    static int bits(Integer bits, ComparisonTier tier) {
        return bits(bits, tier, "--bits");
    }

    /** {@code bits}, or the tier's default word width when null, checked to be in [1, 64]. */
    static int bits(Integer bits, ComparisonTier tier, String option) {
        int width = bits == null ? tier.defaultWordBits() : bits;
        if (width < 1 || width > 64) {
            throw new IllegalArgumentException(option + " must be in [1, 64], got " + width);
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
