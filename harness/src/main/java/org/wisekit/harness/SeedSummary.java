package org.wisekit.harness;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A measurement repeated over seeds: the per-seed values, their mean, sample standard deviation, count
 * and the two-sided 95 % Student-t interval of the mean ({@code mean +- t(0.975, n-1) std / sqrt(n)}).
 * With one seed the interval is the value itself: nothing is known about the spread.
 *
 * @param values the per-seed values, in seed order
 * @param n      how many seeds
 * @param mean   their mean
 * @param std    their sample standard deviation (0 for one seed)
 * @param low    lower end of the 95 % interval of the mean
 * @param high   upper end of the 95 % interval of the mean
 */
public record SeedSummary(double[] values, int n, double mean, double std, double low, double high) {

    public SeedSummary {
        values = values.clone();
    }

    /** The summary of {@code perSeed}; a NaN value makes every statistic NaN. */
    public static SeedSummary of(double[] perSeed) {
        if (perSeed == null || perSeed.length == 0) {
            throw new IllegalArgumentException("a seeded claim needs at least one per-seed value");
        }
        int n = perSeed.length;
        double mean = Stats.mean(perSeed);
        double std = Stats.std(perSeed);
        if (n == 1) {
            return new SeedSummary(perSeed, 1, mean, 0, mean, mean);
        }
        double half = new TDistribution(n - 1).inverseCumulativeProbability(0.975) * std / Math.sqrt(n);
        return new SeedSummary(perSeed, n, mean, std, mean - half, mean + half);
    }

    /** The per-seed values (a copy). */
    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeedSummary s && java.util.Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "SeedSummary" + java.util.Arrays.toString(values);
    }
}
