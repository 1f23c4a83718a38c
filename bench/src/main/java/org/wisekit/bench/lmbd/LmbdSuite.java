package org.wisekit.bench.lmbd;

import java.util.List;
import java.util.Locale;
import org.wisekit.bench.BenchSuite;
import org.wisekit.lmbd.Geometry;
import org.wisekit.lmbd.LmbdSettings;
import org.wisekit.lmbd.MbdSettings;

/**
 * The {@code lmbd} suite (chem-lmbd): the per-atom lMBD energy in the bulk of a benzene cluster at rMbd 10 and 15 A,
 * dense MBD@rsSCS (and its screening and eigenvalue steps) at 250 and 500 atoms, and the machine's double FMA peak,
 * one thread. The runner only divides times, so each kernel's GFLOP/s against the peak is printed as the time of the
 * peak loop run for the kernel's flop count over the kernel's time ({@link PeakBenchmark}); the crossover as full MBD
 * time over one lMBD atom's time, to be set against N.
 */
public final class LmbdSuite implements BenchSuite {

    private String notes;

    @Override
    public String name() {
        return "lmbd";
    }

    @Override
    public String description() {
        return "lMBD per-atom energy (benzene bulk, rMbd 10/15 A) and dense MBD@rsSCS (250/500 atoms) against the"
                + " double FMA peak of one core, and full MBD against N lMBD atoms (crossover); 1 thread";
    }

    @Override
    public String includePattern() {
        return "org\\.wisekit\\.bench\\.lmbd\\..*";
    }

    @Override
    public List<Integer> threadCounts() {
        return List.of(1);
    }

    @Override
    public List<Ratio> ratios() {
        return List.of(
                new Ratio("lMBD atom: GFLOP/s / peak", "atomPeak", "atom"),
                new Ratio("MBD@rsSCS: GFLOP/s / peak", "rsScsPeak", "rsScs"),
                new Ratio("rsSCS screening: GFLOP/s / peak", "screenPeak", "screen"),
                new Ratio("MBD eigenvalues: GFLOP/s / peak", "eigenPeak", "eigen"),
                new Ratio("full MBD@rsSCS(N) / lMBD atom (rMbd 15) = atoms lMBD does meanwhile", "rsScs", "lmbdAtom"));
    }

    /** Explains the scores and lists the flop counts (computed once, from the same data as the benchmarks). */
    @Override
    public synchronized String notes() {
        if (notes == null) {
            notes = explanation() + flopTable();
        }
        return notes;
    }

    private static String explanation() {
        return """
                `peak` is in ops/ns with one operation per flop, i.e. GFLOP/s: %d independent chains of register-only \
                `DoubleVector` FMAs (preferred species), one core. Every other score is the time of one call.

                `...: GFLOP/s / peak` rows: each `...Peak` benchmark runs the same FMA loop for the flop count of its \
                kernel (below), so its time over the kernel's time is the kernel's GFLOP/s over the peak's (the \
                kernel's GFLOP/s is that ratio times the `peak` score). Flops count multiply and add once each and \
                only the arithmetic the method needs: lMBD atom, 13 frequencies x 2 sparse products x (54 flops per \
                stored coupling between sphere atoms (a 3x3 block times 3 columns) + 108 per sphere atom (the central \
                atom's column and row)); screening, 16 frequencies x (n^3/3 Cholesky + 6 n^2 solves); eigenvalues, \
                (4/3) n^3; n = 3N.

                Crossover: lMBD's cost for N bulk atoms is N x `lmbdAtom` (the per-atom energy at TurboGAP's \
                defaults, the same as `atom` at rMbd 15). The last rows give full MBD@rsSCS time over one lMBD atom's \
                time, the number of atoms lMBD computes while full MBD does N: lMBD is the cheaper where it exceeds N \
                (the clusters have 252 and 504 atoms), lMBD time / full MBD time = N / ratio, and with full MBD's \
                N^3 the two cost the same at N* = N sqrt(N / ratio). The lMBD system (local screening of all atoms \
                of a 9000-atom cluster, coupling lists) is prepared once per trial and not timed; its time is printed \
                in the JMH log.
                """.formatted(PeakBenchmark.ACCUMULATORS);
    }

    private static String flopTable() {
        BenzeneClusters clusters = BenzeneClusters.load();
        StringBuilder sb = new StringBuilder("\n| benchmark | params | system | flops per call |\n|---|---|---|---|\n");
        Geometry big = clusters.cluster(BenzeneClusters.LMBD_CLUSTER_ATOMS);
        int centre = BenzeneClusters.centralAtom(big);
        for (double rMbd : new double[]{10, 15}) {
            LmbdSettings settings = BenzeneClusters.lmbdSettings(rMbd);
            BenzeneClusters.Sphere sphere = BenzeneClusters.Sphere.of(big, centre, settings);
            sb.append(String.format(Locale.ROOT, "| atom | rMbd=%.0f | atom %d of %d, sphere %.0f A: m = %d atoms,"
                            + " E = %d couplings | %.4g |%n", rMbd, centre + 1, big.size(), settings.sphereRadius(),
                    sphere.atoms(), sphere.couplings(), sphere.flops(settings)));
        }
        int frequencies = MbdSettings.defaults().grid().size();
        for (int atoms : new int[]{250, 500}) {
            int n = clusters.cluster(atoms).size();
            double screen = BenzeneClusters.screenFlops(n, frequencies);
            double eigen = BenzeneClusters.eigenFlops(n);
            sb.append(String.format(Locale.ROOT, "| rsScs, screen, eigen | atoms=%d | %d atoms, n = %d | %.4g, %.4g,"
                    + " %.4g |%n", atoms, n, 3 * n, screen + eigen, screen, eigen));
        }
        return sb.toString();
    }
}
