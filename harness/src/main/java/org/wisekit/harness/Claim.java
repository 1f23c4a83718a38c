package org.wisekit.harness;

import java.util.Objects;

/**
 * One checked statement of a paper: what the paper says, what was measured here, the threshold that
 * decides, and the verdict that follows from them.
 *
 * <p>Build claims with the factories ({@link #atLeast}, {@link #atMost}, {@link #outOfScope}), which
 * compute the verdict from the measurement; use the canonical constructor only for a compound rule that
 * the reproduction computes itself (and states in {@code threshold}).
 *
 * @param key        short stable identifier, unique within a reproduction (e.g. {@code "speedup-80"})
 * @param statement  the claim in one sentence
 * @param paperValue the paper's figure as printed there ("1.7x", "92.4 %"), or "not stated"
 * @param measured   the measured figure, or {@code null} when nothing could be measured
 * @param unit       unit of {@code measured} ("x", "%", "ms", "points"; "" when dimensionless)
 * @param threshold  the deciding rule in words/symbols (e.g. {@code ">= 1.5"}, {@code "<= 1.15 on >= 7 of 9 shapes"})
 * @param verdict    the verdict
 * @param note       why the verdict is what it is when that is not obvious (always set for OUT_OF_SCOPE); may be empty
 */
public record Claim(String key, String statement, String paperValue, Double measured, String unit,
                    String threshold, Verdict verdict, String note) {

    public Claim {
        requireText(key, "key");
        requireText(statement, "statement");
        Objects.requireNonNull(verdict, "verdict");
        paperValue = paperValue == null || paperValue.isBlank() ? "not stated" : paperValue;
        unit = unit == null ? "" : unit;
        threshold = threshold == null ? "" : threshold;
        note = note == null ? "" : note;
        if (measured != null && !Double.isFinite(measured)) {
            throw new IllegalArgumentException("claim '" + key + "': measured is " + measured
                    + "; pass null when nothing finite was measured");
        }
        if (verdict == Verdict.OUT_OF_SCOPE && note.isBlank()) {
            throw new IllegalArgumentException("claim '" + key + "': OUT_OF_SCOPE needs a reason in note");
        }
        if (measured == null && (verdict == Verdict.REPRODUCED || verdict == Verdict.PARTIAL)) {
            throw new IllegalArgumentException("claim '" + key + "': verdict " + verdict + " needs a measurement");
        }
    }

    /** REPRODUCED when {@code measured >= threshold}, else NOT_REPRODUCED (NaN-safe: NaN fails). */
    public static Claim atLeast(String key, String statement, String paperValue, double measured, String unit,
                                double threshold) {
        Verdict v = measured >= threshold ? Verdict.REPRODUCED : Verdict.NOT_REPRODUCED;
        return new Claim(key, statement, paperValue, finiteOrNull(measured), unit, ">= " + format(threshold), v, "");
    }

    /** REPRODUCED when {@code measured <= threshold}, else NOT_REPRODUCED (NaN-safe: NaN fails). */
    public static Claim atMost(String key, String statement, String paperValue, double measured, String unit,
                               double threshold) {
        Verdict v = measured <= threshold ? Verdict.REPRODUCED : Verdict.NOT_REPRODUCED;
        return new Claim(key, statement, paperValue, finiteOrNull(measured), unit, "<= " + format(threshold), v, "");
    }

    /** REPRODUCED when {@code |measured - target| <= tolerance}, else NOT_REPRODUCED. */
    public static Claim within(String key, String statement, String paperValue, double measured, String unit,
                               double target, double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("claim '" + key + "': tolerance must be >= 0, got " + tolerance);
        }
        Verdict v = Math.abs(measured - target) <= tolerance ? Verdict.REPRODUCED : Verdict.NOT_REPRODUCED;
        return new Claim(key, statement, paperValue, finiteOrNull(measured), unit,
                format(target) + " +- " + format(tolerance), v, "");
    }

    /**
     * For a claim made of {@code total} parts: REPRODUCED when all hold, PARTIAL when at least
     * {@code partialFrom} hold, else NOT_REPRODUCED. The measurement is the number of parts that hold.
     */
    public static Claim counted(String key, String statement, String paperValue, int holding, int total,
                                int partialFrom) {
        if (total <= 0 || holding < 0 || holding > total || partialFrom < 1 || partialFrom > total) {
            throw new IllegalArgumentException("claim '" + key + "': need 0 <= holding <= total, 1 <= partialFrom <= total,"
                    + " got holding=" + holding + ", total=" + total + ", partialFrom=" + partialFrom);
        }
        Verdict v = holding == total ? Verdict.REPRODUCED
                : holding >= partialFrom ? Verdict.PARTIAL : Verdict.NOT_REPRODUCED;
        return new Claim(key, statement, paperValue, (double) holding, "of " + total,
                total + " of " + total + " (partial from " + partialFrom + ")", v, "");
    }

    /** A claim that cannot be checked here, with the reason (e.g. "needs a GPU"). */
    public static Claim outOfScope(String key, String statement, String paperValue, String reason) {
        return new Claim(key, statement, paperValue, null, "", "", Verdict.OUT_OF_SCOPE, reason);
    }

    /** The same claim with a note attached. */
    public Claim withNote(String text) {
        return new Claim(key, statement, paperValue, measured, unit, threshold, verdict, text);
    }

    /** The measurement as printed in reports: up to 4 significant decimals, or an em dash. */
    public String measuredText() {
        return measured == null ? "—" : format(measured) + (unit.isEmpty() ? "" : " " + unit);
    }

    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static void requireText(String s, String name) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("claim " + name + " must not be blank");
        }
    }
}
