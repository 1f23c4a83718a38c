package org.wisekit.lmbd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.datasets.Dataset;
import org.wisekit.datasets.testing.RealData;
import org.wisekit.harness.Tool;
import org.wisekit.harness.testing.ToolRunner;
import org.wisekit.lmbd.AtomicParameters;
import org.wisekit.lmbd.Benchmarks;
import org.wisekit.lmbd.Dimer;
import org.wisekit.lmbd.FreeAtomTable;
import org.wisekit.lmbd.Geometry;
import org.wisekit.lmbd.GeometryFiles;
import org.wisekit.lmbd.Lmbd;
import org.wisekit.lmbd.LmbdResult;
import org.wisekit.lmbd.LmbdSettings;
import org.wisekit.lmbd.Mbd;
import org.wisekit.lmbd.MbdResult;
import org.wisekit.lmbd.MbdSettings;
import org.wisekit.lmbd.Units;

/**
 * {@code wisekit mbd energy | dimers} on small files written here: the CLI convention, energies against libMBD's
 * reference, a hand-written TS sum and the library, the per-atom CSV, POSCAR clusters, volume ratios, and every bad
 * input (exit 2, one line naming the file, atom or option).
 */
class MbdToolTest {

    private static final double A = Units.BOHR_PER_ANGSTROM;
    private static final String HEADER = "\"symbol\",\"N\",\"Z\",\"alpha_0(BG)\",\"alpha_0(TS)\",\"C6(BG)\",\"C6(TS)\","
            + "\"R_vdw(TS)\",\"alpha_0(TSsurf)\",\"C6(TSsurf)\",\"R_vdw(TSsurf)\"";
    /** libMBD's TS values of H, C and Ar (alpha0 bohr^3, C6 hartree bohr^6, R bohr). */
    private static final double[][] TS = {{4.5, 6.5, 3.1}, {12.0, 46.6, 3.59}, {11.1, 64.3, 3.55}};

    @TempDir
    Path dir;

    // ------------------------------------------------------------------------------------------------- fixtures

    private Path params() throws IOException {
        return write("vdw-params.csv", HEADER + "\n"
                + "\"H\",1,1,4.499159818,4.5,6.51,6.5,3.1,,,\n"
                + "\"C\",6,6,12.0,12.0,46.6,46.6,3.59,,,\n"
                + "\"Ar\",18,18,11.09879641,11.1,67.4,64.3,3.55,,,\n");
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** An XYZ file of {@code symbols} at {@code xyz} (angstrom). */
    private Path xyz(String name, String[] symbols, double[] xyz) throws IOException {
        StringBuilder s = new StringBuilder().append(symbols.length).append("\ntest\n");
        for (int i = 0; i < symbols.length; i++) {
            s.append(String.format(Locale.ROOT, "%s %.8f %.8f %.8f%n", symbols[i], xyz[3 * i], xyz[3 * i + 1],
                    xyz[3 * i + 2]));
        }
        return write(name, s.toString());
    }

    private Path argonDimer() throws IOException {
        return xyz("ar2.xyz", new String[] {"Ar", "Ar"}, new double[] {0, 0, 0, 0, 0, 4});
    }

    private static final double[] TRIMER = {0, 0, 0, 3.8, 0, 0, 1.9, 3.3, 0.4};

    private Path argonTrimer() throws IOException {
        return xyz("ar3.xyz", new String[] {"Ar", "Ar", "Ar"}, TRIMER);
    }

    private static final double H = 0.629;
    private static final double[] METHANE = {0, 0, 0, H, H, H, -H, -H, H, -H, H, -H, H, -H, -H};

    private Path methane() throws IOException {
        return xyz("ch4.xyz", new String[] {"C", "H", "H", "H", "H"}, METHANE);
    }

    /** The conventional cell of fcc argon, a = 5.26 A, 4 atoms. */
    private Path fccArgon(String name) throws IOException {
        return write(name, "fcc argon\n1.0\n5.26 0 0\n0 5.26 0\n0 0 5.26\nAr\n4\nDirect\n"
                + "0 0 0\n0.5 0.5 0\n0.5 0 0.5\n0 0.5 0.5\n");
    }

    private static String[] args(Object... parts) {
        return Arrays.stream(parts).map(Object::toString).toArray(String[]::new);
    }

    private static String[] concat(String[] head, String... tail) {
        List<String> all = new ArrayList<>(Arrays.asList(head));
        all.addAll(Arrays.asList(tail));
        return all.toArray(String[]::new);
    }

    private static Geometry geometry(int[] z, double[] angstrom) {
        return Geometry.ofAngstrom(z, angstrom);
    }

    /** TS parameters of elements H, C, Ar (indices 0, 1, 2) scaled by nu: alpha0, C6, R per atom. */
    private static double[][] tsParameters(int[] element, double[] nu) {
        double[][] p = new double[3][element.length];
        for (int i = 0; i < element.length; i++) {
            double v = nu == null ? 1 : nu[i];
            p[0][i] = v * TS[element[i]][0];
            p[1][i] = v * v * TS[element[i]][1];
            p[2][i] = Math.cbrt(v) * TS[element[i]][2];
        }
        return p;
    }

    /** The TS energy written out from its definition (sR 0.94, d 20), coordinates in angstrom. */
    private static double tsReference(double[] angstrom, double[][] p) {
        int n = angstrom.length / 3;
        double energy = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double r2 = 0;
                for (int c = 0; c < 3; c++) {
                    double d = (angstrom[3 * i + c] - angstrom[3 * j + c]) * A;
                    r2 += d * d;
                }
                double r = Math.sqrt(r2);
                double c6 = 2 * p[1][i] * p[1][j] / (p[0][j] / p[0][i] * p[1][i] + p[0][i] / p[0][j] * p[1][j]);
                double damping = 1 / (1 + Math.exp(-20 * (r / (0.94 * (p[2][i] + p[2][j])) - 1)));
                energy -= c6 * damping / Math.pow(r, 6);
            }
        }
        return energy;
    }

    // ------------------------------------------------------------------------------------------------- energy

    @Test
    void theToolIsRegistered() {
        assertThat(ServiceLoader.load(Tool.class).stream().map(p -> p.type().getName()))
                .contains(MbdTool.class.getName());
    }

    @Test
    void argonDimerMbdMatchesLibmbd() throws IOException {
        JsonNode o = ToolRunner.assertConvention(new MbdTool(), dir, List.of(), "energy", "--geom",
                argonDimer().toString(), "--params", params().toString(), "--method", "mbd", "--json").json();
        double reference = -0.0002462647623815428;
        assertThat(o.get("energyHartree").asDouble()).isCloseTo(reference, within(1e-8 * -reference));
        assertThat(o.get("energyEv").asDouble()).isCloseTo(o.get("energyHartree").asDouble() * 27.211386245988,
                within(1e-18));
        assertThat(o.get("method").asText()).isEqualTo("mbd");
        assertThat(o.get("atoms").asInt()).isEqualTo(2);
        assertThat(o.get("formula").asText()).isEqualTo("Ar2");
        assertThat(o.get("format").asText()).isEqualTo("xyz");
        assertThat(o.get("nu").asText()).isEqualTo("1 (free atoms)");
        assertThat(o.get("perAtomHartree").isNull()).isTrue();
        assertThat(o.get("cluster").isNull()).isTrue();
        assertThat(o.get("out").isNull()).isTrue();
        assertThat(o.get("seconds").asDouble()).isPositive();
        // the screened values are the library's
        MbdResult direct = Mbd.rsScs(geometry(new int[] {18, 18}, new double[] {0, 0, 0, 0, 0, 4}),
                AtomicParameters.of(new double[] {11.1, 11.1}, new double[] {64.3, 64.3}, new double[] {3.55, 3.55}),
                MbdSettings.defaults().withThreads(1));
        assertThat(o.get("alphaScs").get(0).asDouble()).isEqualTo(direct.screened().alpha0(0));
        assertThat(o.get("omegaScs").get(1).asDouble()).isEqualTo(direct.screened().omega(1));
        assertThat(o.get("settings").get("beta").asDouble()).isEqualTo(0.83);
        assertThat(o.get("settings").get("grid").asText()).startsWith("Gauss-Legendre, 15 points");
    }

    @Test
    void argonDimerWithTheDataDirectoryParameters() throws IOException {
        RealData.load(d -> d.verifiedPath(Dataset.MOLECULES, ModelOptions.DEFAULT_PARAMS));
        JsonNode o = ToolRunner.assertConvention(new MbdTool(), dir, List.of(), "energy", "--geom",
                argonDimer().toString(), "--method", "mbd", "--json").json();
        assertThat(o.get("energyHartree").asDouble()).isCloseTo(-0.0002462647623815428, within(1e-8 * 2.5e-4));
        assertThat(o.get("params").asText()).endsWith("vdw-params.csv");
    }

    @Test
    void everyMethodFollowsTheConventionAndAgreesWithItsReference() throws IOException {
        Path geom = argonTrimer();
        Path params = params();
        Geometry g = geometry(new int[] {18, 18, 18}, TRIMER);
        double[][] p = tsParameters(new int[] {2, 2, 2}, null);
        AtomicParameters free = AtomicParameters.of(p[0], p[1], p[2]);
        double[] energies = new double[4];
        String[] methods = {"mbd", "lmbd", "ts", "plain"};
        for (int k = 0; k < methods.length; k++) {
            JsonNode o = ToolRunner.assertConvention(new MbdTool(), dir, List.of(), "energy", "--geom", geom.toString(),
                    "--params", params.toString(), "--method", methods[k], "--threads", "2", "--json").json();
            assertThat(o.get("method").asText()).isEqualTo(methods[k]);
            assertThat(o.get("atoms").asInt()).isEqualTo(3);
            assertThat(o.get("formula").asText()).isEqualTo("Ar3");
            energies[k] = o.get("energyHartree").asDouble();
            assertThat(energies[k]).as(methods[k]).isNegative();
            assertThat(o.get("perAtomHartree").isNull()).as(methods[k]).isEqualTo(!methods[k].equals("lmbd"));
        }
        MbdSettings mbd = MbdSettings.defaults().withThreads(1);
        assertThat(energies[0]).isCloseTo(Mbd.rsScs(g, free, mbd).energy(), within(1e-13 * -energies[0]));
        LmbdResult lmbd = Lmbd.energy(g, free, LmbdSettings.defaults().withThreads(1));
        assertThat(energies[1]).isCloseTo(lmbd.energy(), within(1e-13 * -energies[1]));
        assertThat(energies[2]).isCloseTo(tsReference(TRIMER, p), within(1e-12 * -energies[2]));
        assertThat(energies[3]).isCloseTo(Mbd.plain(g, free, mbd), within(1e-13 * -energies[3]));
        // lMBD with TurboGAP's defaults is close to the full MBD@rsSCS for three atoms well inside its cutoffs
        assertThat(energies[1]).isCloseTo(energies[0], within(0.1 * -energies[0]));
    }

    @Test
    void outWritesThePerAtomTableAndNuScalesTheParameters() throws IOException {
        Path geom = methane();
        Path params = params();
        Path nu = write("nu.txt", "# Hirshfeld ratios\n0.85  # C\n\n0.7\n0.7\n  0.7\n0.7\n");
        Path out = dir.resolve("atoms.csv");
        JsonNode o = ToolRunner.assertConvention(new MbdTool(), dir, List.of(Path.of("atoms.csv")), "energy",
                "--geom", geom.toString(), "--params", params.toString(), "--nu", nu.toString(), "--out",
                out.toString(), "--json").json();
        assertThat(o.get("nu").asText()).isEqualTo(nu.toString());
        assertThat(o.get("out").asText()).isEqualTo(out.toString());
        double total = o.get("energyHartree").asDouble();

        double[] ratios = {0.85, 0.7, 0.7, 0.7, 0.7};
        double[][] p = tsParameters(new int[] {1, 0, 0, 0, 0}, ratios);
        Geometry g = geometry(new int[] {6, 1, 1, 1, 1}, METHANE);
        LmbdResult direct = Lmbd.energy(g, AtomicParameters.of(p[0], p[1], p[2]), LmbdSettings.defaults());
        assertThat(total).isCloseTo(direct.energy(), within(1e-13 * Math.abs(total)));

        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo("atom,element,x_A,y_A,z_A,energy_Ha,energy_eV,alpha_scs,omega_scs");
        double sum = 0;
        for (int i = 0; i < 5; i++) {
            String[] cells = lines.get(i + 1).split(",", -1);
            assertThat(cells).hasSize(9);
            assertThat(cells[0]).isEqualTo(String.valueOf(i + 1));
            assertThat(cells[1]).isEqualTo(i == 0 ? "C" : "H");
            for (int c = 0; c < 3; c++) {
                assertThat(Double.parseDouble(cells[2 + c])).isCloseTo(METHANE[3 * i + c], within(1e-9));
            }
            double e = Double.parseDouble(cells[5]);
            assertThat(e).isEqualTo(o.get("perAtomHartree").get(i).asDouble());
            assertThat(e).isCloseTo(direct.perAtom()[i], within(1e-13 * Math.abs(total)));
            assertThat(Double.parseDouble(cells[6])).isCloseTo(e * Units.EV_PER_HARTREE, within(1e-15));
            assertThat(Double.parseDouble(cells[7])).isCloseTo(direct.alphaScs()[i], within(1e-12 * direct.alphaScs()[i]));
            assertThat(Double.parseDouble(cells[8])).isCloseTo(direct.omegaScs()[i], within(1e-12 * direct.omegaScs()[i]));
            sum += e;
        }
        assertThat(sum).isCloseTo(total, within(1e-15));

        // TS with the same ratios: the hand-written sum; the table has no per-atom energies or screened values
        JsonNode ts = ToolRunner.run(new MbdTool(), "energy", "--geom", geom.toString(), "--params",
                params.toString(), "--nu", nu.toString(), "--method", "ts", "--out", out.toString(), "--json").json();
        assertThat(ts.get("energyHartree").asDouble()).isCloseTo(tsReference(METHANE, p), within(1e-12 * 1e-3));
        assertThat(Files.readAllLines(out).get(1)).endsWith(",,,,").startsWith("1,C,0.0000000000,");
        // ratios of 1 in a file are the free atoms of the default
        Path ones = write("ones.txt", "1\n1\n1\n1\n1\n");
        double withOnes = ToolRunner.run(new MbdTool(), "energy", "--geom", geom.toString(), "--params",
                params.toString(), "--nu", ones.toString(), "--method", "ts", "--json").json().get("energyHartree")
                .asDouble();
        double freeAtoms = ToolRunner.run(new MbdTool(), "energy", "--geom", geom.toString(), "--params",
                params.toString(), "--method", "ts", "--json").json().get("energyHartree").asDouble();
        assertThat(withOnes).isEqualTo(freeAtoms)
                .isCloseTo(tsReference(METHANE, tsParameters(new int[] {1, 0, 0, 0, 0}, null)), within(1e-15));
        assertThat(withOnes).isNotCloseTo(ts.get("energyHartree").asDouble(), within(1e-6));
    }

    @Test
    void theDefaultsAreTurboGapsAndTheTextSummaryIsShort() throws IOException {
        Path geom = argonTrimer();
        JsonNode s = ToolRunner.run(new MbdTool(), "energy", "--geom", geom.toString(), "--params",
                params().toString(), "--json").json().get("settings");
        LmbdSettings d = LmbdSettings.defaults();
        assertThat(s.get("rScs").asDouble()).isEqualTo(d.rScs());
        assertThat(s.get("buffer").asDouble()).isEqualTo(d.buffer());
        assertThat(s.get("rLoc").asDouble()).isEqualTo(d.rLoc());
        assertThat(s.get("rMbd").asDouble()).isEqualTo(d.rMbd());
        assertThat(s.get("rMbd2").asDouble()).isEqualTo(d.rMbd2());
        assertThat(s.get("r2b").asDouble()).isEqualTo(d.r2b());
        assertThat(s.get("grid").asText()).isEqualTo(d.grid().toString());
        assertThat(s.get("order").asInt()).isEqualTo(d.order());
        assertThat(s.get("log").asText()).isEqualTo("taylor");
        assertThat(s.get("lanczos").asInt()).isEqualTo(d.lanczosSteps());
        assertThat(s.get("omegaRef").asDouble()).isEqualTo(d.omegaRef());
        assertThat(s.get("screening").asText()).isEqualTo("local");
        assertThat(s.get("beta").asDouble()).isEqualTo(d.beta());
        assertThat(s.get("threads").asInt()).isEqualTo(d.threads());

        ToolRunner.Run text = ToolRunner.run(new MbdTool(), "energy", "--geom", geom.toString(), "--params",
                params().toString(), "--order", "8", "--log", "FIT");
        assertThat(text.exitCode()).as(text.err()).isZero();
        List<String> lines = text.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("method: lmbd (lMBD, linear-scaling atom-wise MBD as in TurboGAP)");
        assertThat(lines.get(1)).isEqualTo("geometry: Ar3, 3 atoms, XYZ file " + geom);
        assertThat(lines.get(2)).isEqualTo("nu: 1 (free atoms)");
        assertThat(lines.get(4)).contains("fit log of order 8 (20 Lanczos steps)");
        assertThat(lines.get(5)).startsWith("energy: -").contains(" Ha = -").endsWith(" eV");
        assertThat(lines.get(7)).isEqualTo("per-atom energies:");
        assertThat(lines).hasSize(11);
        assertThat(lines.get(8)).startsWith("     1 Ar ");
        ToolRunner.Run ts = ToolRunner.run(new MbdTool(), "energy", "--geom", geom.toString(), "--params",
                params().toString(), "--method", "ts");
        assertThat(ts.out().lines().toList()).hasSize(7).noneMatch(l -> l.contains("per-atom"));
        assertThat(ts.out()).contains("settings: sR 0.94, d 20");
    }

    @Test
    void aPoscarNeedsClusterAndThenGivesTheClustersEnergy() throws IOException {
        Path poscar = fccArgon("POSCAR");
        Path params = params();
        assertBad(args("energy", "--geom", poscar, "--params", params), "--geom " + poscar
                + " is a periodic POSCAR and periodic MBD (Ewald sums, k-points) is not implemented; pass --cluster N");
        JsonNode o = ToolRunner.assertConvention(new MbdTool(), dir, List.of(), "energy", "--geom", poscar.toString(),
                "--params", params.toString(), "--cluster", "50", "--json").json();
        assertThat(o.get("format").asText()).isEqualTo("poscar");
        assertThat(o.get("cluster").asInt()).isEqualTo(50);
        assertThat(o.get("atoms").asInt()).isEqualTo(50);   // one atom per molecule: exactly the target
        assertThat(o.get("formula").asText()).isEqualTo("Ar50");
        assertThat(o.get("perAtomHartree")).hasSize(50);
        Geometry cluster = GeometryFiles.readPoscar(poscar).cluster(50);
        double direct = Lmbd.energy(cluster, AtomicParameters.fromVolumeRatios(cluster,
                FreeAtomTable.read(params), null), LmbdSettings.defaults()).energy();
        assertThat(o.get("energyHartree").asDouble()).isCloseTo(direct, within(1e-13 * -direct));

        // a name that says nothing: POSCAR by content; and an XYZ by its integer first line
        Path unnamed = fccArgon("argon.cell");
        assertThat(ToolRunner.run(new MbdTool(), "energy", "--geom", unnamed.toString(), "--params",
                params.toString(), "--cluster", "50", "--json").json().get("energyHartree").asDouble())
                .isEqualTo(o.get("energyHartree").asDouble());
        Path xyzContent = write("trimer.geom", Files.readString(argonTrimer()));
        JsonNode trimer = ToolRunner.run(new MbdTool(), "energy", "--geom", xyzContent.toString(), "--params",
                params.toString(), "--method", "ts", "--json").json();
        assertThat(trimer.get("format").asText()).isEqualTo("xyz");
        assertThat(trimer.get("atoms").asInt()).isEqualTo(3);

        // ratios for a cluster: one per cluster atom; more than 50 atoms: no per-atom lines on stdout
        Path nu = write("nu-cluster.txt", "0.9\n".repeat(50));
        assertThat(ToolRunner.run(new MbdTool(), "energy", "--geom", poscar.toString(), "--params", params.toString(),
                "--cluster", "50", "--nu", nu.toString(), "--method", "ts", "--json").exitCode()).isZero();
        assertBad(args("energy", "--geom", poscar, "--params", params, "--cluster", "53", "--nu", nu, "--method", "ts"),
                "--nu " + nu + " holds 50 ratios but the --cluster 53 cluster has 53 atoms (the ratios apply to the"
                        + " cluster's atoms, in its order)");
        ToolRunner.Run big = ToolRunner.run(new MbdTool(), "energy", "--geom", poscar.toString(), "--params",
                params.toString(), "--cluster", "51", "--r-mbd", "6", "--r-mbd2", "5", "--r-2b", "6");
        assertThat(big.exitCode()).as(big.err()).isZero();
        assertThat(big.out()).contains("geometry: Ar51, 51 atoms, cluster of whole molecules (at least 51 atoms) cut"
                + " from the 4-atom cell of POSCAR " + poscar).doesNotContain("per-atom energies");
    }

    @Test
    void aPolarizationCatastropheIsExitOneNamingTheFile() throws IOException {
        Path huge = write("huge.csv", HEADER + "\n\"Ar\",18,18,500,500,50,50,0.2,,,\n");
        Path geom = xyz("close.xyz", new String[] {"Ar", "Ar"}, new double[] {0, 0, 0, 0, 0, 1});
        Path out = dir.resolve("never.csv");
        ToolRunner.Run run = ToolRunner.run(new MbdTool(), "energy", "--geom", geom.toString(), "--params",
                huge.toString(), "--method", "plain", "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errors()).singleElement().asString()
                .startsWith("PolarizationCatastropheException: --geom " + geom + ", --method plain: ");
        assertThat(run.out()).isEmpty();
        assertThat(out).doesNotExist();
    }

    @Test
    void missingDataIsADatasetError() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("no-data"));
        ToolRunner.Run run = ToolRunner.run(new MbdTool(), "energy", "--geom", argonDimer().toString(), "--data-dir",
                empty.toString());
        // the wisekit CLI maps DatasetUnavailableException to exit 3; ToolRunner reports it as a failure
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errors()).singleElement().asString().startsWith("DatasetUnavailableException: ");
    }

    // ------------------------------------------------------------------------------------------------ bad input

    /** Runs a bad command line: exit 2, exactly one line on stderr holding every fragment, and no file written. */
    private void assertBad(String[] args, String... fragments) {
        Set<Path> before = ToolRunner.files(dir);
        ToolRunner.Run run = ToolRunner.run(new MbdTool(), args);
        assertThat(run.exitCode()).as("exit status of %s; stderr %s", Arrays.toString(args), run.err()).isEqualTo(2);
        assertThat(run.err().lines().toList()).as("stderr").hasSize(1);
        assertThat(run.errors()).singleElement().asString().contains(fragments);
        assertThat(run.out()).isEmpty();
        assertThat(ToolRunner.files(dir)).as("files after a failed run").isEqualTo(before);
    }

    @Test
    void everyBadInputToEnergyIsExitTwoWithOneLineNamingIt() throws IOException {
        Path params = params();
        Path geom = argonTrimer();
        String[] base = args("energy", "--geom", geom, "--params", params);
        Path missing = dir.resolve("missing.xyz");
        assertBad(args("energy", "--geom", missing, "--params", params), "--geom " + missing + ": no such file");
        assertBad(args("energy", "--geom", dir, "--params", params), "--geom " + dir + ": is a folder");
        assertBad(concat(base, "--method", "rpa"), "--method must be mbd, lmbd, ts or plain, got 'rpa'");
        assertBad(concat(base, "--cluster", "10"), "--cluster cuts a finite cluster from a periodic POSCAR; --geom "
                + geom + " is an XYZ file");
        Path poscar = fccArgon("CONTCAR");
        assertBad(args("energy", "--geom", poscar, "--params", params, "--cluster", "0"),
                "--cluster must be at least 1, got 0");
        Path unknown = write("unknown.xyz", "2\n\nAr 0 0 0\nQq 0 0 4\n");
        assertBad(args("energy", "--geom", unknown, "--params", params), unknown + " line 4: ", "Qq");
        Path neon = write("neon.xyz", "2\n\nAr 0 0 0\nNe 0 0 4\n");
        assertBad(args("energy", "--geom", neon, "--params", params), "--geom " + neon + ": atom 2 is Ne, which has no"
                + " free-atom TS parameters in " + params);
        Path truncated = write("truncated.xyz", "3\n\nAr 0 0 0\nAr 0 0 4\n");
        assertBad(args("energy", "--geom", truncated, "--params", params), truncated + ": line 1 gives 3 atoms");
        Path close = xyz("close.xyz", new String[] {"Ar", "Ar", "Ar"}, new double[] {0, 0, 0, 4, 0, 0, 4.05, 0, 0});
        assertBad(args("energy", "--geom", close, "--params", params),
                "--geom " + close + ": atoms 2 (Ar) and 3 (Ar) are 0.0500 A apart, closer than 0.10 A");
        assertBad(args("energy", "--geom", close, "--params", params, "--method", "ts"), "atoms 2 (Ar) and 3 (Ar)");

        Path two = write("two.txt", "1.0\n# third atom forgotten\n0.9\n");
        assertBad(concat(base, "--nu", two.toString()), "--nu " + two + " holds 2 ratios but the geometry has 3 atoms");
        Path negative = write("negative.txt", "1.0\n-0.5\n1.0\n");
        assertBad(concat(base, "--nu", negative.toString()), "--nu " + negative + " line 2: the volume ratio of atom 2"
                + " (Ar) must be positive and finite, got -0.5");
        Path zero = write("zero.txt", "1\n1\n0\n");
        assertBad(concat(base, "--nu", zero.toString()), "--nu " + zero + " line 3: ", "atom 3", "got 0");
        Path word = write("word.txt", "1\nabc\n1\n");
        assertBad(concat(base, "--nu", word.toString()), "--nu " + word + " line 2: expected a number, got 'abc'");
        Path pair = write("pair.txt", "1 1\n1\n");
        assertBad(concat(base, "--nu", pair.toString()), "--nu " + pair + " line 1: expected one ratio per line");
        assertBad(concat(base, "--nu", missing.toString()), "--nu " + missing + ": no such file");

        assertBad(concat(base, "--r-mbd", "3"), "--r-mbd must be at least --r-scs = 5.0 A, got 3.0");
        assertBad(concat(base, "--r-loc", "6"), "--r-loc must be in [0, --r-scs = 5.0], got 6.0");
        assertBad(concat(base, "--buffer", "0"), "--buffer must be positive and finite, got 0.0");
        assertBad(concat(base, "--order", "1"), "--order must be in [2, 40], got 1");
        assertBad(concat(base, "--lanczos", "1"), "--lanczos must be at least 2, got 1");
        assertBad(concat(base, "--omega-ref", "-1"), "--omega-ref must be positive and finite, got -1.0");
        assertBad(concat(base, "--n-freq", "1"), "--n-freq must be at least 2, got 1");
        assertBad(concat(base, "--omega-max", "0"), "--omega-max must be positive and finite, got 0.0");
        assertBad(concat(base, "--log", "pade"), "--log must be taylor, fit or exact, got 'pade'");
        assertBad(concat(base, "--screening", "none"), "--screening must be local or full, got 'none'");
        assertBad(concat(base, "--beta", "0"), "--beta must be positive and finite, got 0.0");
        assertBad(concat(base, "--threads", "0"), "--threads must be at least 1, got 0");
        assertBad(concat(base, "--method", "mbd", "--r-mbd", "20"), "--r-mbd is an lMBD setting; it has no effect with"
                + " --method mbd");
        assertBad(concat(base, "--method", "ts", "--beta", "0.8"), "--beta has no effect with --method ts");
        assertBad(concat(base, "--r-scs", "five"), "--r-scs", "five");
        assertBad(args("energy", "--params", params), "--geom");

        assertBad(concat(base, "--out", dir.toString()), "--out " + dir + " is a folder; name a file");
        assertBad(concat(base, "--out", geom.toString()), "--out " + geom + " is also an input file");
        Path nowhere = dir.resolve("no/such/folder/out.csv");
        assertBad(concat(base, "--out", nowhere.toString()), "--out " + nowhere + ": folder ", "does not exist");
        assertBad(args("energy", "--geom", geom, "--params", missing), "--params " + missing + ": no such file");
        Path badParams = write("bad-params.csv", "\"symbol\",\"alpha_0(TS)\"\n\"Ar\",11.1\n");
        assertBad(args("energy", "--geom", geom, "--params", badParams), "--params " + badParams
                + ": no column 'C6(TS)'");
        assertBad(args("energy", "--geom", geom, "--data-dir", missing), "--data-dir " + missing + " is not a directory");
        assertBad(new String[0], "missing subcommand");
    }

    // ----------------------------------------------------------------------------------------------- dimers

    @Test
    void s22WithTsGivesTwentyTwoRowsBesideTheReference() throws IOException {
        Path json = RealData.load(d -> d.verifiedPath(Dataset.S22, "s22.json"));
        Path params = RealData.load(d -> d.verifiedPath(Dataset.MOLECULES, ModelOptions.DEFAULT_PARAMS));
        JsonNode o = ToolRunner.assertConvention(new MbdTool(), dir, List.of(), "dimers", "--set", "s22", "--method",
                "ts", "--json").json();
        assertThat(o.get("set").asText()).isEqualTo("s22");
        assertThat(o.get("method").asText()).isEqualTo("ts");
        assertThat(o.get("reference").asText()).contains("total CCSD(T) interaction energy");
        JsonNode rows = o.get("dimers");
        assertThat(rows).hasSize(22);
        List<Dimer> s22 = Benchmarks.s22(json);
        FreeAtomTable table = FreeAtomTable.read(params);
        for (int k = 0; k < 22; k++) {
            JsonNode row = rows.get(k);
            Dimer d = s22.get(k);
            assertThat(row.get("index").asInt()).isEqualTo(k + 1);
            assertThat(row.get("name").asText()).isEqualTo(d.name());
            assertThat(row.get("atoms").asInt()).isEqualTo(d.complex().size());
            double e = row.get("energyHartree").asDouble();
            assertThat(e).as(d.name()).isNegative();   // TS dispersion binds every complex
            assertThat(row.get("energyKcalMol").asDouble()).isCloseTo(e * 627.509474, within(1e-12));
            assertThat(row.get("referenceKcalMol").asDouble())
                    .isCloseTo(d.referenceEnergy() * Units.KCAL_PER_MOL_PER_HARTREE, within(1e-12));
            double direct = ts(d.complex(), table) - ts(d.monomerA(), table) - ts(d.monomerB(), table);
            assertThat(e).as(d.name()).isCloseTo(direct, within(1e-12 * -direct));
        }
        assertThat(rows.get(1).get("name").asText()).isEqualTo("Water_dimer");
        assertThat(rows.get(1).get("referenceKcalMol").asDouble())
                .isCloseTo(-0.2177 / Units.EV_PER_HARTREE * Units.KCAL_PER_MOL_PER_HARTREE, within(1e-9));

        // one complex at a time gives the same numbers; the text names the reference
        ToolRunner.Run text = ToolRunner.run(new MbdTool(), "dimers", "--set", "S22", "--method", "ts", "--threads", "1");
        assertThat(text.exitCode()).as(text.err()).isZero();
        List<String> lines = text.out().lines().toList();
        assertThat(lines.get(1)).isEqualTo("note: " + DimersCommand.REFERENCE_NOTE);
        assertThat(lines).hasSize(4 + 1 + 22 + 2);
        String water = lines.get(6);
        assertThat(water).contains("Water_dimer").contains(String.format(Locale.ROOT, "%.4f",
                rows.get(1).get("energyKcalMol").asDouble()));
        assertBad(args("dimers", "--set", "s23"), "--set must be s22 or s66, got 's23'");
        assertBad(args("dimers", "--set", "s22", "--method", "ts", "--order", "8"), "--order is an lMBD setting");
    }

    private static double ts(Geometry g, FreeAtomTable table) {
        return Mbd.ts(g, AtomicParameters.fromVolumeRatios(g, table, null), 0.94, 20);
    }

    @Test
    void s66WithLmbdAgreesWithTheLibraryOnOneThreadOrTwo() {
        Path py = RealData.load(d -> d.verifiedPath(Dataset.S66, "S66.py"));
        Path params = RealData.load(d -> d.verifiedPath(Dataset.MOLECULES, ModelOptions.DEFAULT_PARAMS));
        JsonNode two = ToolRunner.run(new MbdTool(), "dimers", "--set", "s66", "--threads", "2", "--json").json();
        JsonNode one = ToolRunner.run(new MbdTool(), "dimers", "--set", "s66", "--threads", "1", "--json").json();
        assertThat(two.get("dimers")).hasSize(66);
        assertThat(two.get("dimers")).isEqualTo(one.get("dimers"));
        assertThat(two.get("settings").get("threads").asInt()).isEqualTo(1);
        Dimer water = Benchmarks.s66(py).get(0);
        FreeAtomTable table = FreeAtomTable.read(params);
        LmbdSettings s = LmbdSettings.defaults().withThreads(1);
        double direct = lmbd(water.complex(), table, s) - lmbd(water.monomerA(), table, s)
                - lmbd(water.monomerB(), table, s);
        assertThat(two.get("dimers").get(0).get("energyHartree").asDouble()).isEqualTo(direct);
    }

    private static double lmbd(Geometry g, FreeAtomTable table, LmbdSettings s) {
        return Lmbd.energy(g, AtomicParameters.fromVolumeRatios(g, table, null), s).energy();
    }
}
