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
import org.wisekit.lmbd.AtomicParameters;
import org.wisekit.lmbd.Geometry;
import org.wisekit.lmbd.LmbdSettings;
import org.wisekit.lmbd.LmbdSystem;

/**
 * The unit of lMBD's linear scaling: one atom's energy ({@link LmbdSystem#atomEnergy}) for the atom nearest the centre
 * of a {@value BenzeneClusters#LMBD_CLUSTER_ATOMS}-atom benzene cluster, whose sphere (21 A at rMbd 10, 23 A at rMbd
 * 15) is full, so the time is that of any atom in the bulk. TurboGAP's defaults with rMbd = r2b = {@code rMbd} and
 * rMbd2 = 8 A (Taylor log of order 6, 13 frequencies). The system (local screening of every atom, shared couplings)
 * is prepared once per trial on every processor and not timed; the energy runs on the benchmark thread.
 *
 * <p>{@code atomPeak} runs {@link PeakBenchmark}'s FMA loop for the flops of that atom's kernel
 * ({@link BenzeneClusters} gives the count: 13 x 2 x (54 E + 108 (m - 1)) for m sphere atoms and E couplings between
 * them), so atomPeak time / atom time is the kernel's GFLOP/s over the peak's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LmbdAtomBenchmark {

    @Param({"10", "15"})
    double rMbd;

    /** Declared for the runner; the energy runs on the benchmark thread. */
    @Param("1")
    int threads;

    Geometry cluster;
    AtomicParameters parameters;
    LmbdSettings settings;
    int centre;
    BenzeneClusters.Sphere sphere;
    long peakIterations;
    double scale = 0.999;
    double shift = 1e-3;

    /** The cluster, its central atom (sphere checked full) and the flop count; cheap next to {@link Prepared}. */
    @Setup(Level.Trial)
    public void setUp() {
        BenzeneClusters clusters = BenzeneClusters.load();
        cluster = clusters.cluster(BenzeneClusters.LMBD_CLUSTER_ATOMS);
        parameters = clusters.freeAtoms(cluster);
        settings = BenzeneClusters.lmbdSettings(rMbd);
        centre = BenzeneClusters.centralAtom(cluster);
        clusters.requireFullSphere(cluster, centre, settings.sphereRadius());
        sphere = BenzeneClusters.Sphere.of(cluster, centre, settings);
        peakIterations = PeakBenchmark.iterationsFor(sphere.flops(settings));
    }

    /** The prepared lMBD system, built only for the benchmark that needs it. */
    @State(Scope.Benchmark)
    public static class Prepared {

        LmbdSystem system;

        /** Prepares the system (timed and printed) and checks that the kernel's sphere is the one counted. */
        @Setup(Level.Trial)
        public void prepare(LmbdAtomBenchmark bench) {
            system = BenzeneClusters.prepare(bench.cluster, bench.parameters, bench.settings, bench.centre,
                    bench.sphere);
        }
    }

    /** The lMBD energy of the central atom (hartree). */
    @Benchmark
    public double atom(Prepared prepared) {
        return prepared.system.atomEnergy(centre);
    }

    /** The peak FMA loop for the flops of {@link #atom}. */
    @Benchmark
    public double atomPeak() {
        return PeakBenchmark.fma(peakIterations, scale, shift);
    }
}
