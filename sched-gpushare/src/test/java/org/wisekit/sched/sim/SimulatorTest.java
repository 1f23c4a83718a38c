package org.wisekit.sched.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wisekit.sched.Cluster;
import org.wisekit.sched.Interference;
import org.wisekit.sched.Job;
import org.wisekit.sched.Trace;

class SimulatorTest {

    static final SimulationOptions OPT = SimulationOptions.defaults();

    /** Random trace: arrivals on a Poisson clock, GPUs from {1, 2, 4}, durations 60 s .. 2 h. */
    static Trace randomTrace(int jobs, long seed, List<String> types, Interference table, double meanGap, boolean multiGpu) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Job> out = new ArrayList<>();
        double t = 0;
        for (int i = 0; i < jobs; i++) {
            t += -meanGap * Math.log(1 - rng.nextDouble());
            String type = types.get(rng.nextInt(types.size()));
            int gpus = multiGpu ? new int[] {1, 1, 1, 2, 4}[rng.nextInt(5)] : 1;
            double seconds = 60 + rng.nextDouble() * 7200;
            out.add(new Job(i, type, gpus, t, Math.max(1, (long) (seconds * table.isolated(type, gpus)))));
        }
        return new Trace("random-" + seed, out, "");
    }

    @Test
    void invariantsHoldOnRandomTracesForEveryPolicy() {
        Interference table = TestTables.memory(6);
        List<String> types = TestTables.types(6);
        Cluster cluster = new Cluster(2, 4, "v100");
        boolean sawSubBatch = false;
        for (long seed = 1; seed <= 4; seed++) {
            Trace trace = randomTrace(120, seed, types, table, 300, true);
            for (String id : Policies.ids()) {
                Policy policy = Policies.byId(id);
                SimulationResult r = Simulator.run(trace, cluster, table, policy, OPT);
                assertThat(r.jobs()).hasSize(trace.jobs().size());
                for (JobResult j : r.jobs()) {
                    assertThat(j.jct()).isGreaterThanOrEqualTo(j.exclusiveSeconds() * (1 - 1e-9));
                    assertThat(j.queueingDelay()).isGreaterThanOrEqualTo(0);
                    assertThat(j.smallestSubBatch()).isLessThanOrEqualTo(64);
                    if (!policy.shares()) {
                        assertThat(j.everShared()).isFalse();
                    }
                    sawSubBatch |= j.smallestSubBatch() < 64;
                }
                if (!policy.shares()) {
                    assertThat(r.sharedPlacements()).isZero();
                    assertThat(r.shareDecisions()).isEmpty();
                }
                if (id.startsWith("sjf-bsbf")) {
                    assertThat(r.shareDecisions()).allSatisfy(d -> assertThat(d.tCon()).isLessThan(d.tSeq()));
                }
                assertThat(r.utilisation()).isBetween(0.0, 1.0 + 1e-9);
                assertThat(r.averageJct()).isPositive();
                assertThat(r.p99Jct()).isGreaterThanOrEqualTo(r.averageJct() * 0.5);
            }
        }
        assertThat(sawSubBatch).as("some job ran a sub-batch").isTrue();
    }

    @Test
    void deterministic() {
        Interference table = TestTables.memory(5);
        Trace trace = randomTrace(150, 3, TestTables.types(5), table, 200, true);
        for (String id : Policies.ids()) {
            SimulationResult a = Simulator.run(trace, new Cluster(2, 4, "v100"), table, Policies.byId(id), OPT);
            SimulationResult b = Simulator.run(trace, new Cluster(2, 4, "v100"), table, Policies.byId(id), OPT);
            assertThat(a.jobs()).isEqualTo(b.jobs());
            assertThat(a.shareDecisions()).isEqualTo(b.shareDecisions());
            assertThat(a.events()).isEqualTo(b.events());
        }
    }

    @Test
    void singleJobRunsForItsExclusiveTime() {
        Interference table = TestTables.memory(3);
        for (String id : Policies.ids()) {
            for (double arrival : new double[] {0, 120}) {
                Trace trace = new Trace("one", List.of(new Job(5, TestTables.name(1, 64), 2, arrival, 12_345)), "");
                SimulationResult r = Simulator.run(trace, new Cluster(1, 4, "v100"), table, Policies.byId(id), OPT);
                JobResult j = r.jobs().get(0);
                assertThat(j.jct()).isCloseTo(j.exclusiveSeconds(), within(1e-6));
                assertThat(j.exclusiveSeconds()).isCloseTo(12_345 / table.isolated(TestTables.name(1, 64), 2), within(1e-9));
                assertThat(r.makespanSeconds()).isCloseTo(j.exclusiveSeconds(), within(1e-6));
            }
        }
    }

    @Test
    void unitSlowdownMakesBsbfActLikeFfs() {
        List<String> types = List.of("A (batch size 8)", "B (batch size 8)", "C (batch size 8)");
        Interference table = TestTables.fixedXi(1.0, types);
        for (long seed = 1; seed <= 3; seed++) {
            Trace trace = randomTrace(200, seed, types, table, 120, false);
            SimulationResult ffs = Simulator.run(trace, new Cluster(2, 4, "v100"), table, Policies.byId("sjf-ffs"), OPT);
            SimulationResult bsbf = Simulator.run(trace, new Cluster(2, 4, "v100"), table, Policies.byId("sjf-bsbf"), OPT);
            // with xi = 1 every partner is a candidate (t_con < t_seq whenever etc_b > 0), so BSBF places exactly
            // when FFS does; partners may differ (best benefit vs first fit), which changes nothing at xi = 1
            assertThat(ffs.sharedPlacements()).isPositive();
            assertThat(bsbf.sharedPlacements()).isPositive();
            assertThat(times(bsbf)).isEqualTo(times(ffs));
        }
    }

    static List<List<Double>> times(SimulationResult r) {
        return r.jobs().stream().map(j -> List.of((double) j.id(), j.startSeconds(), j.finishSeconds())).toList();
    }

    @Test
    void hugeSlowdownMakesBsbfActLikeSjf() {
        List<String> types = List.of("A (batch size 8)", "B (batch size 8)", "C (batch size 8)");
        Interference table = TestTables.fixedXi(1e6, types);
        for (long seed = 1; seed <= 3; seed++) {
            Trace trace = randomTrace(200, seed, types, table, 120, true);
            SimulationResult sjf = Simulator.run(trace, new Cluster(2, 4, "v100"), table, Policies.byId("sjf"), OPT);
            for (String id : List.of("sjf-bsbf", "sjf-bsbf-consolidated")) {
                SimulationResult bsbf = Simulator.run(trace, new Cluster(2, 4, "v100"), table, Policies.byId(id), OPT);
                assertThat(bsbf.sharedPlacements()).isZero();
                assertThat(bsbf.jobs()).isEqualTo(sjf.jobs());
            }
        }
    }

    @Test
    void srtfAndTiresiasPreemptWithOverhead() {
        List<String> types = List.of("A (batch size 8)");
        Interference table = TestTables.fixedXi(1.5, types); // isolated = 1 it/s on 1 GPU
        Trace trace = new Trace("preempt", List.of(new Job(1, types.get(0), 1, 0, 1000), new Job(2, types.get(0), 1, 60, 100)), "");
        Cluster one = new Cluster(1, 1, "v100");
        SimulationResult fifo = Simulator.run(trace, one, table, Policies.byId("fifo"), OPT);
        assertThat(fifo.jobs().get(0).finishSeconds()).isCloseTo(1000, within(1e-9));
        assertThat(fifo.jobs().get(1).startSeconds()).isCloseTo(1020, within(1e-9));
        assertThat(fifo.jobs().get(1).finishSeconds()).isCloseTo(1120, within(1e-9));

        SimulationResult srtf = Simulator.run(trace, one, table, Policies.byId("srtf"), OPT);
        assertThat(srtf.jobs().get(1).finishSeconds()).isCloseTo(160, within(1e-9));
        assertThat(srtf.jobs().get(0).finishSeconds()).isCloseTo(180 + 30 + 940, within(1e-9));

        SimulationOptions tiny = new SimulationOptions(60, 30, 100, true);
        SimulationResult tiresias = Simulator.run(trace, one, table, Policies.byId("tiresias"), tiny);
        assertThat(tiresias.jobs().get(1).startSeconds()).isCloseTo(120, within(1e-9));
        assertThat(tiresias.jobs().get(1).finishSeconds()).isCloseTo(220, within(1e-9));
        assertThat(tiresias.jobs().get(0).finishSeconds()).isCloseTo(240 + 30 + 880, within(1e-9));
    }

    @Test
    void subBatchWhenMemoryIsShortAndFullBatchWhenThePartnerLeaves() {
        Interference table = TestTables.memory(4);
        String big = TestTables.name(3, 64); // 0.706 of the GPU at batch 64, 0.578 at 32
        String small = TestTables.name(0, 64); // 0.406 at 64: only fits next to big's sub-batch 32
        assertThat(table.colocated(big, 1, small, 1)[0]).isZero();
        Trace trace = new Trace("mem", List.of(new Job(1, big, 1, 0, 50_000), new Job(2, small, 1, 60, 2_000)), "");
        SimulationResult r = Simulator.run(trace, new Cluster(1, 1, "v100"), table, Policies.byId("sjf-ffs"), OPT);
        assertThat(r.shareDecisions()).hasSize(1);
        ShareDecision d = r.shareDecisions().get(0);
        assertThat(d.subBatchJob()).isEqualTo(64);
        assertThat(d.subBatchPartner()).isEqualTo(32);
        double xiB = table.isolated(big, 1) / (table.colocated(TestTables.name(3, 32), 1, small, 1)[0] * 32 / 64);
        double xiA = table.isolated(small, 1) / table.colocated(small, 1, TestTables.name(3, 32), 1)[0];
        double rateB = table.isolated(big, 1);
        double finishA = 60 + 2_000 / table.isolated(small, 1) * xiA;
        double doneB = 60 * rateB + (finishA - 60) * rateB / xiB;
        double finishB = finishA + (50_000 - doneB) / rateB; // back at its global batch, alone
        assertThat(r.jobs().get(1).finishSeconds()).isCloseTo(finishA, within(1e-6));
        assertThat(r.jobs().get(0).finishSeconds()).isCloseTo(finishB, within(1e-6));
        assertThat(r.jobs().get(0).smallestSubBatch()).isEqualTo(32);
        assertThat(r.jobs().get(1).smallestSubBatch()).isEqualTo(64);
        assertThat(r.jobs()).allSatisfy(j -> assertThat(j.everShared()).isTrue());
    }

    @Test
    void badInput() {
        Interference table = TestTables.memory(2);
        Trace wide = new Trace("w", List.of(new Job(42, TestTables.name(0, 64), 16, 0, 10)), "");
        assertThatThrownBy(() -> Simulator.run(wide, new Cluster(2, 4, "v100"), table, Policies.byId("fifo"), OPT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("job 42");
        Trace unknown = new Trace("u", List.of(new Job(7, "Nope (batch size 3)", 1, 0, 10)), "");
        assertThatThrownBy(() -> Simulator.run(unknown, new Cluster(2, 4, "v100"), table, Policies.byId("fifo"), OPT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("job 7").hasMessageContaining("Nope");
        assertThatThrownBy(() -> Policies.byId("lottery")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sjf-bsbf");
        assertThat(Policies.ids()).containsExactly("fifo", "sjf", "srtf", "tiresias", "sjf-ffs", "sjf-bsbf",
                "sjf-bsbf-consolidated");
        assertThatThrownBy(() -> new SimulationOptions(0, 30, 100, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hundredThousandJobSyntheticTraceTakesSeconds() {
        List<String> types = TestTables.types(6);
        Interference table = TestTables.memory(6);
        Trace trace = SyntheticTraces.poisson(100_000, 40, types, 1, table, 600, 8);
        assertThat(trace.jobs()).hasSize(100_000);
        SimulationOptions fast = OPT.withCheckInvariants(false);
        SimulationResult r = Simulator.run(trace, new Cluster(8, 8, "v100"), table, Policies.byId("sjf-bsbf"), fast);
        assertThat(r.jobs()).hasSize(100_000);
        assertThat(r.events()).isGreaterThan(200_000);
        assertThat(r.wallSeconds()).isLessThan(20);
    }
}
