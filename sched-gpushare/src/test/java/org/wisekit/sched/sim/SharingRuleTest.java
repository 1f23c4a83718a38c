package org.wisekit.sched.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wisekit.sched.Cluster;
import org.wisekit.sched.Job;
import org.wisekit.sched.Trace;

class SharingRuleTest {

    /**
     * Independent 2-job event simulation: b runs alone from now, a starts at tau; while together each runs at
     * 1/xi of its exclusive speed; the survivor then runs alone. Returns the average completion time from now.
     */
    static double pairSimulation(double etcA, double etcB, double xiA, double xiB, double tau) {
        double remB = etcB - tau; // exclusive seconds left for b when a starts
        double remA = etcA;
        double t = tau;
        double finishA;
        double finishB;
        double tA = remA * xiA; // time to finish if together all along
        double tB = remB * xiB;
        if (tA <= tB) {
            finishA = t + tA;
            double doneB = tA / xiB;
            finishB = finishA + (remB - doneB);
        } else {
            finishB = t + tB;
            double doneA = tB / xiA;
            finishA = finishB + (remA - doneA);
        }
        return (finishA + finishB) / 2;
    }

    @Test
    void closedFormEqualsTwoJobEventSimulation() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 2000; trial++) {
            double etcA = 1 + rng.nextDouble() * 10_000;
            double etcB = 1 + rng.nextDouble() * 10_000;
            double xiA = 1 + rng.nextDouble() * 3;
            double xiB = 1 + rng.nextDouble() * 3;
            PairTimes pt = SharingRule.evaluate(etcA, etcB, xiA, xiB);
            double con = pairSimulation(etcA, etcB, xiA, xiB, 0);
            double seq = (etcB + (etcB + etcA)) / 2;
            assertThat(pt.tCon()).isCloseTo(con, within(1e-9 * Math.max(1, con)));
            assertThat(pt.tSeq()).isCloseTo(seq, within(1e-9 * Math.max(1, seq)));
            assertThat(pt.share()).isEqualTo(pt.tCon() < pt.tSeq());
        }
    }

    @Test
    void bruteForceOverStartTimeFindsAnEndPoint() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 300; trial++) {
            double etcA = 1 + rng.nextDouble() * 5_000;
            double etcB = 1 + rng.nextDouble() * 5_000;
            double xiA = 1 + rng.nextDouble() * 2.5;
            double xiB = 1 + rng.nextDouble() * 2.5;
            PairTimes pt = SharingRule.evaluate(etcA, etcB, xiA, xiB);
            double best = Double.POSITIVE_INFINITY;
            int bestK = -1;
            for (int k = 0; k < 1000; k++) {
                double tau = etcB * k / 999.0;
                double v = pairSimulation(etcA, etcB, xiA, xiB, tau);
                if (v < best - 1e-9 * Math.max(1, Math.abs(v))) {
                    best = v;
                    bestK = k;
                }
            }
            assertThat(bestK).as("trial %d", trial).isIn(0, 999);
            assertThat(best).isCloseTo(Math.min(pt.tCon(), pt.tSeq()), within(1e-9 * best));
        }
    }

    @Test
    void symmetricSlowdownThresholdIsOnePointFive() {
        // a is the longer job: share iff xi < 1.5
        assertThat(SharingRule.evaluate(1000, 400, 1.49, 1.49).share()).isTrue();
        assertThat(SharingRule.evaluate(1000, 400, 1.51, 1.51).share()).isFalse();
        assertThat(SharingRule.evaluate(1000, 400, 1.0, 1.0).share()).isTrue();
        assertThat(SharingRule.evaluate(1000, 400, 1e6, 1e6).share()).isFalse();
        assertThatThrownBy(() -> SharingRule.evaluate(10, 10, 0.9, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void simulatorSharedPairMatchesTCon() {
        // one GPU; b starts at 0, a arrives at 60 and shares at the tick at 60 (xi = 1.2 both ways)
        List<String> types = List.of("X (batch size 32)", "Y (batch size 32)");
        var table = TestTables.fixedXi(1.2, types);
        Trace trace = new Trace("pair", List.of(new Job(1, types.get(0), 1, 0, 3000), new Job(2, types.get(1), 1, 60, 2000)), "");
        SimulationResult r = Simulator.run(trace, new Cluster(1, 1, "v100"), table, Policies.byId("sjf-bsbf"),
                SimulationOptions.defaults());
        assertThat(r.shareDecisions()).hasSize(1);
        ShareDecision d = r.shareDecisions().get(0);
        assertThat(d.jobId()).isEqualTo(2);
        assertThat(d.partnerId()).isEqualTo(1);
        double avg = ((r.jobs().get(0).finishSeconds() - 60) + (r.jobs().get(1).finishSeconds() - 60)) / 2;
        assertThat(avg).isCloseTo(d.tCon(), within(1e-9 * avg));
        assertThat(d.tCon()).isLessThan(d.tSeq());
    }
}
