package org.wisekit.sched.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.wisekit.datasets.Dataset;
import org.wisekit.datasets.testing.RealData;
import org.wisekit.sched.Cluster;
import org.wisekit.sched.Trace;
import org.wisekit.sched.trace.GavelTrace;
import org.wisekit.sched.trace.MuriTrace;
import org.wisekit.sched.trace.ThroughputTable;

/** Every policy on shipped traces with Gavel's measured V100 table, invariants checked at every event. */
class RealTableSimulatorTest {

    static Path file(String relative) {
        return RealData.load(d -> d.verifiedPath(Dataset.GPU_TRACES, "gpu-traces/" + relative));
    }

    @Test
    void everyPolicyOnGavelAndMuriTracesKeepsTheInvariants() {
        ThroughputTable table = ThroughputTable.load(file("gavel/simulation_throughputs.json"), "v100");
        Cluster cluster = Cluster.parse("8x8", "v100");
        Trace muri = MuriTrace.read(file("muri/trace1.csv"), table);
        Trace muriHead = new Trace(muri.name(), muri.jobs().subList(0, 400), muri.mapping());
        for (Trace base : new Trace[] {GavelTrace.read(file("gavel/msr/seed=0/2869ce.trace"), table), muriHead}) {
            for (double load : new double[] {4}) {
                Trace trace = base.withLoad(load);
                for (String id : Policies.ids()) {
                    SimulationResult r = Simulator.run(trace, cluster, table, Policies.byId(id), SimulationOptions.defaults());
                    assertThat(r.utilisation()).isBetween(0.0, 1.0 + 1e-9);
                    assertThat(r.jobs()).hasSize(trace.jobs().size());
                    if (id.startsWith("sjf-bsbf")) {
                        assertThat(r.shareDecisions()).allSatisfy(d -> assertThat(d.tCon()).isLessThan(d.tSeq()));
                    }
                }
            }
        }
    }
}
