package org.wisekit.bench.lmbd;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.wisekit.lmbd.Geometry;
import org.wisekit.lmbd.LmbdSettings;
import org.wisekit.lmbd.LmbdSystem;

/**
 * The baseline of the crossover ratio: one bulk atom's lMBD energy at TurboGAP's defaults (rMbd = r2b = 15 A,
 * rMbd2 = 8 A), the same measurement as {@link LmbdAtomBenchmark} at rMbd 15 but without the rMbd parameter, so that
 * the bench runner can set it against {@link FullMbdBenchmark} at every atom count. lMBD's cost for N bulk atoms is
 * N times this; full MBD@rsSCS time / this time is the number of atoms lMBD handles in the time full MBD takes for N.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CrossoverBenchmark {

    /** Declared for the runner; the energy runs on the benchmark thread. */
    @Param("1")
    int threads;

    LmbdSystem system;
    int centre;

    /** The {@value BenzeneClusters#LMBD_CLUSTER_ATOMS}-atom cluster prepared for lMBD (not timed). */
    @Setup(Level.Trial)
    public void setUp() {
        BenzeneClusters clusters = BenzeneClusters.load();
        Geometry cluster = clusters.cluster(BenzeneClusters.LMBD_CLUSTER_ATOMS);
        LmbdSettings settings = BenzeneClusters.lmbdSettings(LmbdSettings.defaults().rMbd());
        centre = BenzeneClusters.centralAtom(cluster);
        clusters.requireFullSphere(cluster, centre, settings.sphereRadius());
        system = BenzeneClusters.prepare(cluster, clusters.freeAtoms(cluster), settings, centre,
                BenzeneClusters.Sphere.of(cluster, centre, settings));
    }

    /** The lMBD energy of the central atom (hartree). */
    @Benchmark
    public double lmbdAtom() {
        return system.atomEnergy(centre);
    }
}
