package org.wisekit.lmbd.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wisekit.datasets.io.AtomicFiles;
import org.wisekit.harness.Json;
import org.wisekit.harness.Progress;
import org.wisekit.lmbd.AtomicParameters;
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
 * {@code wisekit mbd energy --geom FILE [--method mbd|lmbd|ts|plain] [--nu FILE] [--params FILE] [--cluster N]
 * [lMBD knobs] [--threads T] [--out FILE.csv] [--json]}: the dispersion energy of a finite system in hartree and eV,
 * with per-atom energies for lMBD (on stdout up to 50 atoms, and as a CSV table with {@code --out}).
 */
@Command(name = "energy", mixinStandardHelpOptions = true,
        description = {"The dispersion energy of a finite system: an XYZ file (angstrom), or a cluster of whole"
                + " molecules cut from a POSCAR/CONTCAR/.vasp crystal with --cluster (periodic MBD is not implemented).",
                "Free-atom TS parameters scaled by Hirshfeld volume ratios nu (--nu; default 1, free atoms):"
                        + " alpha0 = nu alpha0_free, C6 = nu^2 C6_free, R = nu^(1/3) R_free.",
                "--out writes atom,element,x_A,y_A,z_A,energy_Ha,energy_eV,alpha_scs,omega_scs (alpha_scs in bohr^3,"
                        + " omega_scs in hartree); the energies are per atom for lmbd only and empty otherwise, the"
                        + " screened values empty for ts and plain.",
                "Exit status: 2 for bad input (one line naming the file, atom or option), 3 when the default --params"
                        + " is missing from the data directory, 1 for a polarization catastrophe."})
public final class EnergyCommand implements Callable<Integer> {

    /** Up to this many atoms the per-atom energies are printed on stdout. */
    static final int PRINTED_ATOMS = 50;

    static final String CSV_HEADER = "atom,element,x_A,y_A,z_A,energy_Ha,energy_eV,alpha_scs,omega_scs";

    @ParentCommand
    MbdCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--geom", required = true, paramLabel = "FILE",
            description = "The geometry: .xyz, or a POSCAR/CONTCAR/.vasp (with --cluster); other names by content (an"
                    + " integer first line is XYZ).")
    Path geom;

    @Option(names = "--nu", paramLabel = "FILE",
            description = "Hirshfeld volume ratios, one per line in atom order (blank lines and # comments skipped);"
                    + " with --cluster, one per atom of the cluster in its order. Default: 1 (free atoms).")
    Path nu;

    @Option(names = "--cluster", paramLabel = "N",
            description = "For a POSCAR: cut the cluster of whole molecules nearest the cell centre with at least N"
                    + " atoms (required for a POSCAR).")
    Integer cluster;

    @Mixin
    ModelOptions model;

    @Option(names = "--threads", paramLabel = "T",
            description = "Threads of the calculation (default: the available processors).")
    Integer threads;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Write the per-atom table (CSV) here.")
    Path out;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        Model m = model.model(spec.commandLine().getParseResult(),
                threads == null ? Runtime.getRuntime().availableProcessors() : threads);
        checkOut();
        Inputs.Structure structure = Inputs.structure(geom, cluster);
        Geometry geometry = structure.geometry();
        ModelOptions.FreeAtoms free = model.freeAtoms();
        free.requireElements(geometry, "--geom " + geom);
        double[] ratios = nu == null ? null : Inputs.volumeRatios(nu, geometry, cluster);
        AtomicParameters parameters = AtomicParameters.fromVolumeRatios(geometry, free.table(), ratios);

        Progress progress = parent == null ? Progress.SILENT : parent.progress();
        Model.Outcome outcome;
        long start = System.nanoTime();
        try (Progress.Task task = progress.start(m.method().id() + " energy of " + geometry.size() + " atoms",
                MbdCommand.FRACTION_STEPS)) {
            outcome = m.run(geometry, parameters, MbdCommand.fractions(task));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--geom " + geom + ": " + e.getMessage(), e);
        } catch (PolarizationCatastropheException e) {
            throw catastrophe("--geom " + geom + ", --method " + m.method().id(), e);
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        if (out != null) {
            AtomicFiles.writeString(out, table(geometry, outcome));
        }

        PrintWriter pw = spec.commandLine().getOut();
        String nuText = nu == null ? "1 (free atoms)" : nu.toString();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("method", m.method().id());
            o.put("geom", geom.toString());
            o.put("format", structure.format().id());
            o.put("cluster", cluster);
            o.put("atoms", geometry.size());
            o.put("formula", geometry.formula());
            o.put("nu", nuText);
            o.put("params", free.file().toString());
            o.put("energyHartree", outcome.energy());
            o.put("energyEv", outcome.energy() * Units.EV_PER_HARTREE);
            o.put("perAtomHartree", outcome.perAtom());
            o.put("alphaScs", outcome.alphaScs());
            o.put("omegaScs", outcome.omegaScs());
            o.put("seconds", seconds);
            o.put("out", out == null ? null : out.toString());
            o.put("settings", m.settings());
            pw.println(Json.write(o));
        } else {
            pw.println("method: " + m.method().id() + " (" + m.method().title() + ")");
            pw.println("geometry: " + geometry.formula() + ", " + geometry.size() + " atoms, " + (cluster == null
                    ? "XYZ file " + geom
                    : "cluster of whole molecules (at least " + cluster + " atoms) cut from the "
                            + structure.cellAtoms() + "-atom cell of POSCAR " + geom));
            pw.println("nu: " + nuText);
            pw.println("free-atom parameters: " + free.file());
            pw.println("settings: " + m.describe());
            pw.printf(Locale.ROOT, "energy: %.12g Ha = %.10g eV%n", outcome.energy(),
                    outcome.energy() * Units.EV_PER_HARTREE);
            pw.printf(Locale.ROOT, "time: %.3f s%n", seconds);
            if (outcome.perAtom() != null && geometry.size() <= PRINTED_ATOMS) {
                pw.println("per-atom energies:");
                for (int i = 0; i < geometry.size(); i++) {
                    pw.printf(Locale.ROOT, "%6d %-2s %20.12g Ha %18.10g eV%n", i + 1, geometry.symbol(i),
                            outcome.perAtom()[i], outcome.perAtom()[i] * Units.EV_PER_HARTREE);
                }
            }
            if (out != null) {
                pw.println("wrote the per-atom table (" + geometry.size() + " rows) to " + out);
            }
        }
        pw.flush();
        return 0;
    }

    /** {@code e} with {@code where} in front of its message (the CLI prints only the message). */
    static PolarizationCatastropheException catastrophe(String where, PolarizationCatastropheException e) {
        PolarizationCatastropheException named = new PolarizationCatastropheException(where + ": " + e.getMessage());
        named.initCause(e);
        return named;
    }

    /** Refuses an {@code --out} that is a folder, an input, or in a folder that does not exist. */
    private void checkOut() {
        if (out == null) {
            return;
        }
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a folder; name a file");
        }
        for (Path in : new Path[] {geom, nu, model.params}) {
            if (in != null && in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("--out " + out + " is also an input file; name another file");
            }
        }
        Path folder = out.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("--out " + out + ": folder " + folder + " does not exist");
        }
    }

    /** The per-atom CSV: coordinates in angstrom, energies where the method defines them. */
    static String table(Geometry geometry, Model.Outcome outcome) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (int i = 0; i < geometry.size(); i++) {
            csv.append(i + 1).append(',').append(geometry.symbol(i));
            for (int c = 0; c < 3; c++) {
                csv.append(',').append(String.format(Locale.ROOT, "%.10f",
                        geometry.coordinate(i, c) / Units.BOHR_PER_ANGSTROM));
            }
            double[] perAtom = outcome.perAtom();
            csv.append(',').append(perAtom == null ? "" : Double.toString(perAtom[i]));
            csv.append(',').append(perAtom == null ? "" : Double.toString(perAtom[i] * Units.EV_PER_HARTREE));
            csv.append(',').append(outcome.alphaScs() == null ? "" : Double.toString(outcome.alphaScs()[i]));
            csv.append(',').append(outcome.omegaScs() == null ? "" : Double.toString(outcome.omegaScs()[i]));
            csv.append('\n');
        }
        return csv.toString();
    }
}
