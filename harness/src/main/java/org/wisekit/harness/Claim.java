package org.wisekit.harness;

import java.util.Objects;

/**
 * One checked statement of a paper: what the paper says, what was measured here, the rule that decides,
 * and the verdict that follows from them.
 *
 * <p>Build claims with the factories, which compute the verdict from the measurement and record the rule
 * in machine-readable form ({@link #rule()}): {@link #atLeast}, {@link #atMost}, {@link #within},
 * {@link #counted} for one measurement; {@link #overSeeds} for a measurement repeated over seeds (a 95 %
 * interval that straddles the threshold gives {@link Verdict#INCONCLUSIVE}); {@link #invariant} for a
 * check that holds by construction (never counted as a reproduction); {@link #notRun} and
 * {@link #outOfScope} for claims without a measurement. Use the canonical constructor only for a compound
 * rule that the reproduction computes itself (stated in {@code threshold}; {@code rule} is then null).
 *
 * @param key        short stable identifier, unique within a reproduction (e.g. {@code "speedup-80"})
 * @param statement  the claim in one sentence
 * @param paperValue the paper's figure as printed there ("1.7x", "92.4 %"), or "not stated"
 * @param measured   the measured figure (over seeds: the mean), or {@code null} when nothing was measured
 * @param unit       unit of {@code measured} ("x", "%", "ms", "points"; "" when dimensionless)
 * @param threshold  the deciding rule in words/symbols (e.g. {@code ">= 1.5"}, {@code "<= 1.15 on >= 7 of 9 shapes"})
 * @param verdict    the verdict
 * @param note       why the verdict is what it is when that is not obvious (always set for OUT_OF_SCOPE
 *                   and NOT_RUN); may be empty
 * @param rule       the machine-readable rule, or {@code null} for a compound rule described only in words
 * @param seeds      the per-seed values and their summary, or {@code null} for a single measurement
 */
public record Claim(String key, String statement, String paperValue, Double measured, String unit,
                    String threshold, Verdict verdict, String note, Threshold rule, SeedSummary seeds) {

    public Claim {
        requireText(key, "key");
        requireText(statement, "statement");
        Objects.requireNonNull(verdict, "verdict");
        paperValue = paperValue == null || paperValue.isBlank() ? "not stated" : paperValue;
        unit = unit == null ? "" : unit;
        threshold = threshold == null || threshold.isBlank() ? (rule == null ? "" : rule.text()) : threshold;
        note = note == null ? "" : note;
        if (measured != null && !Double.isFinite(measured)) {
            throw new IllegalArgumentException("claim '" + key + "': measured is " + measured
                    + "; pass null when nothing finite was measured");
        }
        if ((verdict == Verdict.OUT_OF_SCOPE || verdict == Verdict.NOT_RUN) && note.isBlank()) {
            throw new IllegalArgumentException("claim '" + key + "': " + verdict + " needs a reason in note");
        }
        if (measured == null && (verdict == Verdict.REPRODUCED || verdict == Verdict.PARTIAL)) {
            throw new IllegalArgumentException("claim '" + key + "': verdict " + verdict + " needs a measurement");
        }
        if (verdict == Verdict.INCONCLUSIVE && (seeds == null || seeds.n() < 2)) {
            throw new IllegalArgumentException("claim '" + key + "': INCONCLUSIVE needs a measurement over two or more seeds");
        }
    }

    /** A claim with a rule described in words only (compound rules the reproduction decides itself). */
    public Claim(String key, String statement, String paperValue, Double measured, String unit, String threshold,
                 Verdict verdict, String note) {
        this(key, statement, paperValue, measured, unit, threshold, verdict, note, null, null);
    }

    /** REPRODUCED when {@code measured >= threshold}, else NOT_REPRODUCED (NaN-safe: NaN fails). */
    public static Claim atLeast(String key, String statement, String paperValue, double measured, String unit,
                                double threshold) {
        return single(key, statement, paperValue, measured, unit, Threshold.atLeast(threshold));
    }

    /** REPRODUCED when {@code measured <= threshold}, else NOT_REPRODUCED (NaN-safe: NaN fails). */
    public static Claim atMost(String key, String statement, String paperValue, double measured, String unit,
                               double threshold) {
        return single(key, statement, paperValue, measured, unit, Threshold.atMost(threshold));
    }

    /** REPRODUCED when {@code |measured - target| <= tolerance}, else NOT_REPRODUCED. */
    public static Claim within(String key, String statement, String paperValue, double measured, String unit,
                               double target, double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("claim '" + key + "': tolerance must be >= 0, got " + tolerance);
        }
        return single(key, statement, paperValue, measured, unit, Threshold.within(target, tolerance));
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
        Threshold rule = Threshold.count(total, partialFrom);
        return new Claim(key, statement, paperValue, (double) holding, "of " + total, rule.text(),
                rule.check(holding), "", rule, null);
    }

    /**
     * A measurement repeated over seeds, decided on the 95 % Student-t interval of its mean: REPRODUCED
     * when the whole interval meets {@code rule}, NOT_REPRODUCED when none of it does, INCONCLUSIVE when it
     * straddles the threshold. With one seed the verdict comes from the value and the statement says
     * "(one seed)". A NaN among the values gives NOT_REPRODUCED with nothing measured.
     */
    public static Claim overSeeds(String key, String statement, String paperValue, double[] perSeed, String unit,
                                  Threshold rule) {
        Objects.requireNonNull(rule, "rule");
        SeedSummary seeds = SeedSummary.of(perSeed);
        Verdict verdict = seeds.n() == 1 ? rule.check(seeds.mean()) : rule.check(seeds.low(), seeds.high());
        String text = seeds.n() == 1 ? statement + " (one seed)" : statement;
        return new Claim(key, text, paperValue, finiteOrNull(seeds.mean()), unit, rule.text(), verdict, "", rule,
                Double.isNaN(seeds.mean()) ? null : seeds);
    }

    /**
     * A check that holds by construction (a clamp, an identity, a theorem, a count recomputed by the same
     * code): verdict INVARIANT when it holds, INVARIANT_VIOLATED when it does not. Shown in reports and
     * tested, never counted as a reproduction of the paper.
     *
     * @param measured  the value checked, or {@code null}
     * @param rule      the property in words (e.g. "accuracy equal to TS's", "theta = 0")
     */
    public static Claim invariant(String key, String statement, boolean holds, Double measured, String unit,
                                  String rule) {
        return new Claim(key, statement, "by construction", measured, unit, rule,
                holds ? Verdict.INVARIANT : Verdict.INVARIANT_VIOLATED, "", null, null);
    }

    /** A claim this profile does not run; {@code reason} names the profile that does (e.g. "runs at the full profile"). */
    public static Claim notRun(String key, String statement, String paperValue, String reason) {
        return new Claim(key, statement, paperValue, null, "", "", Verdict.NOT_RUN, reason, null, null);
    }

    /** A claim that cannot be checked here, with the reason (e.g. "needs a GPU"). */
    public static Claim outOfScope(String key, String statement, String paperValue, String reason) {
        return new Claim(key, statement, paperValue, null, "", "", Verdict.OUT_OF_SCOPE, reason, null, null);
    }

    /** The same claim with a note attached. */
    public Claim withNote(String text) {
        return new Claim(key, statement, paperValue, measured, unit, threshold, verdict, text, rule, seeds);
    }

    private static Claim single(String key, String statement, String paperValue, double measured, String unit,
                                Threshold rule) {
        return new Claim(key, statement, paperValue, finiteOrNull(measured), unit, rule.text(), rule.check(measured),
                "", rule, null);
    }

    /** The measurement as printed in reports: up to 4 significant decimals, or an em dash. */
    public String measuredText() {
        if (measured == null) {
            return "—";
        }
        String u = unit.isEmpty() ? "" : " " + unit;
        if (seeds == null || seeds.n() < 2) {
            return format(measured) + u;
        }
        return format(measured) + " ± " + format(seeds.std()) + u + " (n = " + seeds.n() + ", 95 % CI "
                + format(seeds.low()) + " to " + format(seeds.high()) + ")";
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
