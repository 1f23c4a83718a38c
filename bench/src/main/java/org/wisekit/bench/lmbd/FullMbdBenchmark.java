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
import org.wisekit.lmbd.Mbd;
import org.wisekit.lmbd.MbdResult;
import org.wisekit.lmbd.MbdSettings;

/**
 * Dense MBD@rsSCS ({@link Mbd#rsScs}, libMBD's 16-point grid) of benzene clusters of {@code atoms} atoms (whole
 * molecules, so 252 and 504), on {@code threads} threads (1 in the suite), and its two steps alone: the screening
 * ({@link Mbd#screen}) and the coupled-oscillator eigenvalues of the screened parameters ({@link Mbd#plain} of
 * them, which is rsSCS's energy step: matrix and eigenvalues).
 *
 * <p>Each has a peak twin running {@link PeakBenchmark}'s FMA loop for its flop count, n = 3N: screening
 * 16 (n^3 / 3 + 6 n^2) (Cholesky factorization and three-column solves per frequency), eigenvalues (4/3) n^3
 * (tridiagonal reduction), rsSCS both; twin time / kernel time is the kernel's GFLOP/s over the peak's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FullMbdBenchmark {

    @Param({"250", "500"})
    int atoms;

    /** Threads of the screening (one frequency per task); the eigenvalues run on one. */
    @Param("1")
    int threads;

    Geometry cluster;
    AtomicParameters parameters;
    MbdSettings settings;
    long screenIterations;
    long eigenIterations;
    double scale = 0.999;
    double shift = 1e-3;

    /** The cluster, its free-atom parameters and the flop counts. */
    @Setup(Level.Trial)
    public void setUp() {
        BenzeneClusters clusters = BenzeneClusters.load();
        cluster = clusters.cluster(atoms);
        parameters = clusters.freeAtoms(cluster);
        settings = MbdSettings.defaults().withThreads(threads);
        screenIterations = PeakBenchmark.iterationsFor(BenzeneClusters.screenFlops(cluster.size(),
                settings.grid().size()));
        eigenIterations = PeakBenchmark.iterationsFor(BenzeneClusters.eigenFlops(cluster.size()));
    }

    /** The screened parameters, computed only for the benchmark that needs them. */
    @State(Scope.Benchmark)
    public static class Screened {

        AtomicParameters screened;

        /** Screens the cluster once. */
        @Setup(Level.Trial)
        public void screen(FullMbdBenchmark bench) {
            screened = Mbd.screen(bench.cluster, bench.parameters, bench.settings);
        }
    }

    /** MBD@rsSCS: screening, then the eigenvalues. */
    @Benchmark
    public MbdResult rsScs() {
        return Mbd.rsScs(cluster, parameters, settings);
    }

    /** The screening alone. */
    @Benchmark
    public AtomicParameters screen() {
        return Mbd.screen(cluster, parameters, settings);
    }

    /** The coupled-oscillator eigenvalue step alone (on the screened parameters). */
    @Benchmark
    public double eigen(Screened screened) {
        return Mbd.plain(cluster, screened.screened, settings);
    }

    /** The peak FMA loop for the flops of {@link #rsScs}. */
    @Benchmark
    public double rsScsPeak() {
        return PeakBenchmark.fma(screenIterations + eigenIterations, scale, shift);
    }

    /** The peak FMA loop for the flops of {@link #screen}. */
    @Benchmark
    public double screenPeak() {
        return PeakBenchmark.fma(screenIterations, scale, shift);
    }

    /** The peak FMA loop for the flops of {@link #eigen}. */
    @Benchmark
    public double eigenPeak() {
        return PeakBenchmark.fma(eigenIterations, scale, shift);
    }
}
