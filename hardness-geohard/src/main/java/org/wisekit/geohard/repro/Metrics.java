package org.wisekit.geohard.repro;

import java.util.ArrayList;
import java.util.List;
import org.wisekit.geohard.Correlation;

/** The correlation arithmetic of the study: sign-adjusted Pearson per set, pairwise Spearman, averages. */
final class Metrics {

    private Metrics() {
    }

    /** A sign-adjusted correlation and whether it was defined (undefined ones count as 0, the notebook's rule). */
    record Score(double value, boolean defined, int classes) {
    }

    /**
     * The sign-adjusted Pearson (or Spearman) of {@code hardness} against {@code f1} over the classes where both are
     * finite (a class absent from a test split has no F1). Undefined (a constant vector, or fewer than 3 classes
     * left) gives 0 as in the paper's notebook, with {@code defined} false.
     */
    static Score signAdjusted(double[] hardness, double[] f1, boolean spearman) {
        List<double[]> pairs = new ArrayList<>();
        for (int c = 0; c < hardness.length; c++) {
            if (Double.isFinite(hardness[c]) && Double.isFinite(f1[c])) {
                pairs.add(new double[] {hardness[c], f1[c]});
            }
        }
        if (pairs.size() < 2) {
            return new Score(0, false, pairs.size());
        }
        double[] h = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] f = pairs.stream().mapToDouble(p -> p[1]).toArray();
        Correlation.Result r = spearman ? Correlation.spearman(h, f) : Correlation.pearson(h, f);
        return r.defined() ? new Score(r.signAdjusted(), true, pairs.size()) : new Score(0, false, pairs.size());
    }

    /** Spearman rho of two class-F1 vectors over the classes where both are finite; NaN when undefined. */
    static double spearmanOfF1(double[] a, double[] b) {
        List<double[]> pairs = new ArrayList<>();
        for (int c = 0; c < a.length; c++) {
            if (Double.isFinite(a[c]) && Double.isFinite(b[c])) {
                pairs.add(new double[] {a[c], b[c]});
            }
        }
        if (pairs.size() < 3) {
            return Double.NaN;
        }
        Correlation.Result r = Correlation.spearman(pairs.stream().mapToDouble(p -> p[0]).toArray(),
                pairs.stream().mapToDouble(p -> p[1]).toArray());
        return r.defined() ? r.value() : Double.NaN;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Population standard deviation (the paper's "+-" over datasets). */
    static double std(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }

    /** {@code -v}, element-wise: turns an easiness score (higher = easier) into a hardness score. */
    static double[] negate(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
        return out;
    }
}
