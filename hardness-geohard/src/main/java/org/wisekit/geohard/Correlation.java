package org.wisekit.geohard;

import java.util.List;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Pearson and Spearman correlation between per-class hardness and per-class F1 (Commons Math), as the paper
 * evaluates GeoHard. Hardness should fall as F1 rises, so a good measure gives a negative raw correlation; the
 * paper reports it negated ({@link Result#signAdjusted()}, higher is better).
 *
 * <p>Never silently 0: a constant vector (including a constant ranking for Spearman) gives
 * {@code defined = false}, value NaN and a reason; the paper's notebook maps that case to 0, available as
 * {@link Result#notebookValue()}. With two classes every defined correlation is +-1, flagged {@code trivial}.
 */
public final class Correlation {

    private Correlation() {
    }

    /**
     * One correlation.
     *
     * @param method  {@code "pearson"} or {@code "spearman"}
     * @param n       the number of classes
     * @param value   the raw correlation in [-1, 1], or NaN when not defined
     * @param defined false when a vector (or its ranking) is constant
     * @param trivial true when n = 2 (any defined value is +-1 and says nothing)
     * @param reason  why it is undefined or trivial; empty otherwise
     */
    public record Result(String method, int n, double value, boolean defined, boolean trivial, String reason) {

        /** {@code -value} (the paper's convention: higher is better); NaN when not defined. */
        public double signAdjusted() {
            return defined ? -value : Double.NaN;
        }

        /** The raw value, or 0 when not defined (the paper's notebook convention). */
        public double notebookValue() {
            return defined ? value : 0.0;
        }
    }

    /** Pearson r of {@code hardness} and {@code f1} (same length >= 2, finite values). */
    public static Result pearson(double[] hardness, double[] f1) {
        check(hardness, f1);
        String constant = constant(hardness, f1);
        if (constant != null) {
            return undefined("pearson", hardness.length, constant);
        }
        double r = new PearsonsCorrelation().correlation(hardness, f1);
        return result("pearson", hardness.length, Math.max(-1, Math.min(1, r)));
    }

    /** Spearman rho (Pearson of the average ranks) of {@code hardness} and {@code f1}. */
    public static Result spearman(double[] hardness, double[] f1) {
        check(hardness, f1);
        String constant = constant(hardness, f1);
        if (constant != null) {
            return undefined("spearman", hardness.length, constant);
        }
        double r = new SpearmansCorrelation(new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE))
                .correlation(hardness, f1);
        return result("spearman", hardness.length, Math.max(-1, Math.min(1, r)));
    }

    /** The GeoHard values of {@code classes}, in list order (to pair with F1 values in the same order). */
    public static double[] geoHard(List<ClassHardness> classes) {
        return classes.stream().mapToDouble(ClassHardness::geoHard).toArray();
    }

    private static Result result(String method, int n, double r) {
        if (n == 2) {
            return new Result(method, n, r, true, true,
                    "K = 2: every defined " + method + " correlation is +-1 and says nothing");
        }
        return new Result(method, n, r, true, false, "");
    }

    private static Result undefined(String method, int n, String why) {
        return new Result(method, n, Double.NaN, false, n == 2, why + "; correlation undefined (the paper's notebook reports 0)");
    }

    private static String constant(double[] hardness, double[] f1) {
        if (isConstant(hardness)) {
            return "hardness is constant (" + hardness[0] + " for all " + hardness.length + " classes)";
        }
        if (isConstant(f1)) {
            return "f1 is constant (" + f1[0] + " for all " + f1.length + " classes)";
        }
        return null;
    }

    private static boolean isConstant(double[] v) {
        for (double x : v) {
            if (x != v[0]) {
                return false;
            }
        }
        return true;
    }

    private static void check(double[] hardness, double[] f1) {
        if (hardness == null || f1 == null) {
            throw new IllegalArgumentException("hardness and f1 must not be null");
        }
        if (hardness.length != f1.length) {
            throw new IllegalArgumentException("hardness and f1 must have the same length, got " + hardness.length
                    + " and " + f1.length);
        }
        if (hardness.length < 2) {
            throw new IllegalArgumentException("correlation needs >= 2 classes, got " + hardness.length);
        }
        for (int i = 0; i < hardness.length; i++) {
            if (!Double.isFinite(hardness[i])) {
                throw new IllegalArgumentException("hardness[" + i + "] is " + hardness[i] + "; must be finite");
            }
            if (!Double.isFinite(f1[i])) {
                throw new IllegalArgumentException("f1[" + i + "] is " + f1[i] + "; must be finite");
            }
        }
    }
}
