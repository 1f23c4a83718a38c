package org.wisekit.sched.sim;

/**
 * SJF-BSBF's pair rule (note §2). With etc = remaining exclusive seconds and xi &gt;= 1 the slowdown of each job
 * while co-located, ê = xi · etc:
 * <ul>
 *   <li>t_con = 0.5·etc_a + (1 − 1/(2ξ_a))·ê_b if ê_a &gt;= ê_b, else 0.5·etc_b + (1 − 1/(2ξ_b))·ê_a;</li>
 *   <li>t_seq = etc_b + 0.5·etc_a.</li>
 * </ul>
 * The pair's total JCT as a function of a's start time τ in [0, etc_b] is piecewise linear, so its minimum is
 * at τ = 0 (t_con) or τ = etc_b (t_seq) [reconstructed].
 */
public final class SharingRule {

    private SharingRule() {
    }

    /**
     * @param etcA remaining exclusive seconds of the new job a (>= 0)
     * @param etcB remaining exclusive seconds of the running job b (>= 0)
     * @param xiA  slowdown of a next to b (>= 1)
     * @param xiB  slowdown of b next to a (>= 1)
     */
    public static PairTimes evaluate(double etcA, double etcB, double xiA, double xiB) {
        if (!(etcA >= 0) || !(etcB >= 0) || Double.isInfinite(etcA) || Double.isInfinite(etcB)) {
            throw new IllegalArgumentException("etc must be finite and >= 0, got " + etcA + ", " + etcB);
        }
        if (!(xiA >= 1) || !(xiB >= 1)) {
            throw new IllegalArgumentException("xi must be >= 1, got " + xiA + ", " + xiB);
        }
        double eA = xiA * etcA;
        double eB = xiB * etcB;
        double tCon = eA >= eB
                ? 0.5 * etcA + (1 - 1 / (2 * xiA)) * eB
                : 0.5 * etcB + (1 - 1 / (2 * xiB)) * eA;
        double tSeq = etcB + 0.5 * etcA;
        return new PairTimes(tCon, tSeq, tCon < tSeq);
    }
}
