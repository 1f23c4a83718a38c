package org.wisekit.lwquant.dl4j;

/**
 * How the decoder is trained: Adam at {@code learningRate} (linear warm-up over the first 5 % of steps,
 * then cosine decay to 10 %), {@code steps} batches of {@code batch} random windows of {@code window + 1}
 * bytes; weights start from N(0, 0.02) (output projections scaled by 1/sqrt(2 layers)), seeded.
 */
public record TrainingConfig(int steps, int batch, int window, double learningRate, long seed) {

    public TrainingConfig {
        if (steps < 1 || batch < 1 || window < 2) {
            throw new IllegalArgumentException("steps, batch must be >= 1 and window >= 2, got " + steps + ", " + batch
                    + ", " + window);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        }
    }

    /** A stable string for cache keys. */
    public String key() {
        return "s" + steps + "-b" + batch + "-w" + window + "-lr" + learningRate + "-seed" + seed;
    }
}
