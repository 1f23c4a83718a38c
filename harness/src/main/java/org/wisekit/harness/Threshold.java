package org.wisekit.harness;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The machine-readable rule that decides a claim, so that any tool can re-check a verdict from
 * {@code results.json}: a comparator and its numbers, in the claim's unit.
 *
 * <ul>
 *   <li>{@code ">="}: holds when {@code measured >= value};</li>
 *   <li>{@code "<="}: holds when {@code measured <= value};</li>
 *   <li>{@code "within"}: holds when {@code |measured - value| <= tolerance};</li>
 *   <li>{@code "count"}: {@code measured} parts hold out of {@code value}; all is REPRODUCED, at least
 *       {@code tolerance} is PARTIAL.</li>
 * </ul>
 *
 * @param comparator one of {@code >=}, {@code <=}, {@code within}, {@code count}
 * @param value      the bound, the target, or the number of parts
 * @param tolerance  the tolerance of {@code within}, the partial-from count of {@code count}, else 0
 */
public record Threshold(String comparator, double value, double tolerance) {

    public Threshold {
        if (comparator == null || !(comparator.equals(">=") || comparator.equals("<=") || comparator.equals("within")
                || comparator.equals("count"))) {
            throw new IllegalArgumentException("threshold comparator must be >=, <=, within or count, got " + comparator);
        }
        if (!Double.isFinite(value) || !(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("threshold " + comparator + " needs a finite value and a finite tolerance"
                    + " >= 0, got " + value + " and " + tolerance);
        }
    }

    /** Holds when the measurement is at least {@code value}. */
    public static Threshold atLeast(double value) {
        return new Threshold(">=", value, 0);
    }

    /** Holds when the measurement is at most {@code value}. */
    public static Threshold atMost(double value) {
        return new Threshold("<=", value, 0);
    }

    /** Holds when the measurement is within {@code tolerance} of {@code target}. */
    public static Threshold within(double target, double tolerance) {
        return new Threshold("within", target, tolerance);
    }

    /** All of {@code total} parts hold: REPRODUCED; at least {@code partialFrom}: PARTIAL. */
    public static Threshold count(int total, int partialFrom) {
        return new Threshold("count", total, partialFrom);
    }

    /** The verdict for one measurement; NaN never holds. */
    public Verdict check(double measured) {
        if (Double.isNaN(measured)) {
            return Verdict.NOT_REPRODUCED;
        }
        return switch (comparator) {
            case ">=" -> measured >= value ? Verdict.REPRODUCED : Verdict.NOT_REPRODUCED;
            case "<=" -> measured <= value ? Verdict.REPRODUCED : Verdict.NOT_REPRODUCED;
            case "within" -> Math.abs(measured - value) <= tolerance ? Verdict.REPRODUCED : Verdict.NOT_REPRODUCED;
            default -> measured >= value ? Verdict.REPRODUCED
                    : measured >= tolerance ? Verdict.PARTIAL : Verdict.NOT_REPRODUCED;
        };
    }

    /**
     * The verdict for an interval of plausible values {@code [low, high]} (a 95 % interval of a mean):
     * REPRODUCED or NOT_REPRODUCED when every value in it gives that verdict, else INCONCLUSIVE.
     */
    public Verdict check(double low, double high) {
        if (Double.isNaN(low) || Double.isNaN(high)) {
            return Verdict.NOT_REPRODUCED;
        }
        if (comparator.equals("count")) {
            throw new IllegalArgumentException("a count threshold has no interval rule");
        }
        if (comparator.equals("within")) {
            if (low >= value - tolerance && high <= value + tolerance) {
                return Verdict.REPRODUCED;
            }
            return high < value - tolerance || low > value + tolerance ? Verdict.NOT_REPRODUCED : Verdict.INCONCLUSIVE;
        }
        Verdict atLow = check(low);
        return atLow == check(high) ? atLow : Verdict.INCONCLUSIVE;
    }

    /** The rule as printed in reports: {@code ">= 1.5"}, {@code "0.5 +- 0.1"}, {@code "9 of 9 (partial from 7)"}. */
    @JsonIgnore
    public String text() {
        return switch (comparator) {
            case ">=", "<=" -> comparator + " " + Claim.format(value);
            case "within" -> Claim.format(value) + " +- " + Claim.format(tolerance);
            default -> Claim.format(value) + " of " + Claim.format(value) + " (partial from " + Claim.format(tolerance) + ")";
        };
    }
}
