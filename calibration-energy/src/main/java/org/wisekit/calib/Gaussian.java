package org.wisekit.calib;

/**
 * A normal density {@code N(mean, sd^2)}, fitted by maximum likelihood (mean and the ddof = 0 standard
 * deviation, as scipy's {@code norm.fit}).
 *
 * @param mean the mean, finite
 * @param sd   the standard deviation, finite and > 0
 */
public record Gaussian(double mean, double sd) {

    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);

    public Gaussian {
        if (!Double.isFinite(mean) || !(sd > 0) || Double.isInfinite(sd)) {
            throw new IllegalArgumentException("need a finite mean and a finite sd > 0, got mean " + mean + ", sd " + sd);
        }
    }

    /**
     * The maximum-likelihood fit of {@code values}; {@code what} names them in the error raised when there
     * are fewer than two values or all are equal (then no density exists).
     */
    public static Gaussian fit(double[] values, String what) {
        if (values.length < 2) {
            throw new IllegalArgumentException(what + ": need at least 2 values to fit a Gaussian, got " + values.length);
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / values.length);
        if (!(sd > 0)) {
            throw new IllegalArgumentException(what + ": all " + values.length + " values equal " + mean
                    + ", so no Gaussian can be fitted");
        }
        return new Gaussian(mean, sd);
    }

    /** The density {@code exp(-(x - mean)^2 / (2 sd^2)) / (sd sqrt(2 pi))}. */
    public double density(double x) {
        double u = (x - mean) / sd;
        return Math.exp(-0.5 * u * u) * INV_SQRT_2PI / sd;
    }
}
