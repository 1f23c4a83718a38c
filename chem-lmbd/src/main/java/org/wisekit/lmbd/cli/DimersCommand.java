package org.wisekit.lmbd.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.wisekit.datasets.Dataset;
import org.wisekit.harness.Json;
import org.wisekit.harness.Progress;
import org.wisekit.lmbd.AtomicParameters;
import org.wisekit.lmbd.Benchmarks;
import org.wisekit.lmbd.Dimer;
import org.wisekit.lmbd.Geometry;
import org.wisekit.lmbd.PolarizationCatastropheException;
import org.wisekit.lmbd.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit mbd dimers --set s22|s66 [--method mbd|lmbd|ts|plain] [lMBD knobs] [--threads T] [--json]}: the
 * dispersion interaction energy E(AB) - E(A) - E(B) of every complex of S22 or S66, free atoms (nu = 1), in kcal/mol
 * beside the set's CCSD(T) interaction energy. Each calculation runs on one thread, {@code --threads} complexes at a
 * time.
 */
@Command(name = "dimers", mixinStandardHelpOptions = true,
        description = {"Dispersion interaction energies E(AB) - E(A) - E(B) of the S22 (Jurecka et al. 2006, from ASE)"
                + " or S66 (Rezac et al. 2011, from Psi4) complexes with free-atom parameters (nu = 1), in kcal/mol"
                + " beside the CCSD(T) reference.",
                "The reference is the total CCSD(T) interaction energy (electrostatics, exchange, induction and"
                        + " dispersion), not dispersion alone: compare trends, not values.",
                "Exit status: 3 when the set or the default --params is missing (see 'wisekit data')."})
public final class DimersCommand implements Callable<Integer> {

    static final String REFERENCE_NOTE = "the reference is the total CCSD(T) interaction energy (all contributions),"
            + " not dispersion alone";

    @ParentCommand
    MbdCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--set", required = true, paramLabel = "s22|s66", description = "The benchmark set.")
    String set;

    @Mixin
    ModelOptions model;

    @Option(names = "--threads", paramLabel = "T",
            description = "Complexes computed at a time, one thread each (default: the available processors).")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        String key = set.strip().toLowerCase(Locale.ROOT);
        if (!key.equals("s22") && !key.equals("s66")) {
            throw new IllegalArgumentException("--set must be s22 or s66, got '" + set + "'");
        }
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        Model m = model.model(spec.commandLine().getParseResult(), workers).withThreads(1);
        String setName = key.toUpperCase(Locale.ROOT);
        List<Dimer> dimers = key.equals("s22")
                ? Benchmarks.s22(model.datasets().verifiedPath(Dataset.S22, "s22.json"))
                : Benchmarks.s66(model.datasets().verifiedPath(Dataset.S66, "S66.py"));
        ModelOptions.FreeAtoms free = model.freeAtoms();
        for (Dimer d : dimers) {
            free.requireElements(d.complex(), setName + " complex " + d.name());
        }

        Progress progress = parent == null ? Progress.SILENT : parent.progress();
        long start = System.nanoTime();
        double[] energies;
        try (Progress.Task task = progress.start(setName + " " + m.method().id(), dimers.size())) {
            energies = interactionEnergies(m, free, dimers, setName, workers, task);
        }
        double seconds = (System.nanoTime() - start) * 1e-9;

        PrintWriter pw = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int k = 0; k < dimers.size(); k++) {
                Dimer d = dimers.get(k);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("index", k + 1);
                row.put("name", d.name());
                row.put("atoms", d.complex().size());
                row.put("formula", d.complex().formula());
                row.put("energyHartree", energies[k]);
                row.put("energyKcalMol", energies[k] * Units.KCAL_PER_MOL_PER_HARTREE);
                row.put("referenceHartree", d.referenceEnergy());
                row.put("referenceKcalMol", d.referenceEnergy() * Units.KCAL_PER_MOL_PER_HARTREE);
                rows.add(row);
            }
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("set", key);
            o.put("method", m.method().id());
            o.put("nu", "1 (free atoms)");
            o.put("params", free.file().toString());
            o.put("quantity", "E(AB) - E(A) - E(B), dispersion only");
            o.put("reference", REFERENCE_NOTE);
            o.put("seconds", seconds);
            o.put("settings", m.settings());
            o.put("dimers", rows);
            pw.println(Json.write(o));
        } else {
            pw.println(setName + ": dispersion interaction energies E(AB) - E(A) - E(B) of " + dimers.size()
                    + " complexes by " + m.method().id() + " (" + m.method().title() + "), nu: 1 (free atoms)");
            pw.println("note: " + REFERENCE_NOTE);
            pw.println("free-atom parameters: " + free.file());
            pw.println("settings: " + m.describe() + " per complex, " + workers + " at a time");
            pw.printf(Locale.ROOT, "%4s  %-40s %5s %12s %12s%n", "#", "complex", "atoms", "dispersion", "CCSD(T)");
            for (int k = 0; k < dimers.size(); k++) {
                Dimer d = dimers.get(k);
                pw.printf(Locale.ROOT, "%4d  %-40s %5d %12.4f %12.4f%n", k + 1, d.name(), d.complex().size(),
                        energies[k] * Units.KCAL_PER_MOL_PER_HARTREE,
                        d.referenceEnergy() * Units.KCAL_PER_MOL_PER_HARTREE);
            }
            pw.println("(kcal/mol)");
            pw.printf(Locale.ROOT, "time: %.3f s%n", seconds);
        }
        pw.flush();
        return 0;
    }

    /** E(AB) - E(A) - E(B) of every dimer in hartree, {@code workers} dimers at a time. */
    private static double[] interactionEnergies(Model m, ModelOptions.FreeAtoms free, List<Dimer> dimers,
            String setName, int workers, Progress.Task task) {
        double[] energies = new double[dimers.size()];
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(workers, dimers.size())));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int k = 0; k < dimers.size(); k++) {
                int index = k;
                futures.add(pool.submit(() -> {
                    Dimer d = dimers.get(index);
                    try {
                        energies[index] = energy(m, free, d.complex()) - energy(m, free, d.monomerA())
                                - energy(m, free, d.monomerB());
                    } catch (PolarizationCatastropheException e) {
                        throw EnergyCommand.catastrophe(setName + " complex " + (index + 1) + " (" + d.name() + ")", e);
                    }
                    synchronized (task) {
                        task.step();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing " + setName, e);
        } finally {
            pool.shutdownNow();
        }
        return energies;
    }

    private static double energy(Model m, ModelOptions.FreeAtoms free, Geometry g) {
        return m.run(g, AtomicParameters.fromVolumeRatios(g, free.table(), null), fraction -> { }).energy();
    }
}
