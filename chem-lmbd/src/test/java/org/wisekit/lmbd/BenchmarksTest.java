package org.wisekit.lmbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.datasets.Dataset;
import org.wisekit.datasets.testing.RealData;

/** S22 and S66 from the real registry files, hand-written variants of both formats, and the Dimer record. */
class BenchmarksTest {

    @TempDir
    Path dir;

    private static void assertWellFormed(List<Dimer> dimers) {
        for (Dimer d : dimers) {
            assertThat(d.monomerA().size()).as(d.name()).isPositive();
            assertThat(d.monomerB().size()).as(d.name()).isPositive();
            assertThat(d.complex().size()).isEqualTo(d.monomerA().size() + d.monomerB().size());
            assertThat(Fragments.split(d.monomerA())).as(d.name()).hasSize(1);
            assertThat(Fragments.split(d.monomerB())).as(d.name()).hasSize(1);
            assertThat(d.referenceEnergy()).as(d.name()).isNegative().isGreaterThan(-0.05);
        }
        Set<String> names = dimers.stream().map(Dimer::name).collect(Collectors.toSet());
        assertThat(names).hasSameSizeAs(dimers);
    }

    @Test
    void readsTheRealS22() {
        Path json = RealData.load(d -> d.verifiedPath(Dataset.S22, "s22.json"));
        List<Dimer> s22 = Benchmarks.s22(json);
        assertThat(s22).hasSize(22);
        assertWellFormed(s22);
        Dimer water = s22.get(1);
        assertThat(water.name()).isEqualTo("Water_dimer");
        assertThat(water.referenceEnergy()).isCloseTo(-0.2177 / Units.EV_PER_HARTREE, within(1e-15));
        assertThat(water.monomerA().formula()).isEqualTo("H2O");
        assertThat(water.monomerB().formula()).isEqualTo("H2O");
        // Entry 1's first atom, N at (-1.578718, -0.046611, 0) A, is monomer A's first atom.
        Dimer ammonia = s22.get(0);
        assertThat(ammonia.name()).isEqualTo("Ammonia_dimer");
        assertThat(ammonia.monomerA().atomicNumber(0)).isEqualTo(7);
        assertThat(ammonia.monomerA().coordinate(0, 0)).isCloseTo(-1.578718 * Units.BOHR_PER_ANGSTROM, within(1e-12));
        Dimer last = s22.get(21);
        assertThat(last.name()).isEqualTo("Phenol_dimer");
        assertThat(last.monomerA().formula()).isEqualTo("C6H6O");
        assertThat(s22.get(9).monomerB().formula()).isEqualTo("CH4");
    }

    @Test
    void readsTheRealS66() {
        Path py = RealData.load(d -> d.verifiedPath(Dataset.S66, "S66.py"));
        List<Dimer> s66 = Benchmarks.s66(py);
        assertThat(s66).hasSize(66);
        assertWellFormed(s66);
        Dimer water = s66.get(0);
        assertThat(water.name()).isEqualTo("Water Dimer");
        assertThat(water.referenceEnergy()).isCloseTo(-4.918 / Units.KCAL_PER_MOL_PER_HARTREE, within(1e-15));
        assertThat(water.monomerA().formula()).isEqualTo("H2O");
        assertThat(water.complex().coordinate(3, 0)).isCloseTo(2.22087107 * Units.BOHR_PER_ANGSTROM, within(1e-12));
        assertThat(s66.get(23).name()).isEqualTo("Benzene Dimer, pi-pi");
        assertThat(s66.get(23).referenceEnergy() * Units.KCAL_PER_MOL_PER_HARTREE).isCloseTo(-2.822, within(1e-12));
        assertThat(s66.get(65).name()).isEqualTo("Methylamine-Pyridine");
        assertThat(s66.get(65).monomerB().formula()).isEqualTo("C5H5N");
    }

    private Path s22File(String name, String entries) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, "{" + entries + "}");
        return path;
    }

    private static final String WATER_DIMER_ENTRY = "\"1\": {\"key_value_pairs\": {\"cc_energy\": -0.2, \"name\": \"w2\"},"
            + " \"numbers\": [1, 8, 1, 8, 1, 1], \"positions\": [[-1.93, 0.76, 0], [-1.55, -0.11, 0], [1.68, -0.37, -0.76],"
            + " [1.35, 0.11, 0], [-0.6, 0.04, 0], [1.68, -0.37, 0.76]]}";

    @Test
    void s22SplitsInterleavedAtomsIntoMonomers() throws IOException {
        List<Dimer> dimers = Benchmarks.s22(s22File("ok.json", WATER_DIMER_ENTRY + ", \"ids\": [1], \"nextid\": 2"));
        assertThat(dimers).hasSize(1);
        Dimer d = dimers.get(0);
        assertThat(d.name()).isEqualTo("w2");
        assertThat(d.monomerA().atomicNumbers()).containsExactly(1, 8, 1);
        assertThat(d.monomerB().atomicNumbers()).containsExactly(1, 8, 1);
        // Monomer A is atoms 0, 1, 4 of the entry; B is atoms 2, 3, 5.
        assertThat(d.complex().coordinate(2, 0)).isCloseTo(-0.6 * Units.BOHR_PER_ANGSTROM, within(1e-12));
        assertThat(d.complex().coordinate(3, 0)).isCloseTo(1.68 * Units.BOHR_PER_ANGSTROM, within(1e-12));
        assertThat(d.referenceEnergy()).isCloseTo(-0.2 / Units.EV_PER_HARTREE, within(1e-15));
    }

    @Test
    void malformedS22NamesFileAndEntry() throws IOException {
        String[][] cases = {
            {"syntax.json", "\"1\": {", "invalid JSON at"},
            {"ids.json", WATER_DIMER_ENTRY, "no \"ids\""},
            {"missing.json", WATER_DIMER_ENTRY + ", \"ids\": [1, 2]", "entry \"2\""},
            {"energy.json", WATER_DIMER_ENTRY.replace("\"cc_energy\": -0.2,", "") + ", \"ids\": [1]", "cc_energy"},
            {"three.json", WATER_DIMER_ENTRY.replace("[-0.6, 0.04, 0]", "[-0.6, 5.04, 0]") + ", \"ids\": [1]",
                "(w2): covalent connectivity gives 3 fragments"},
            {"rows.json", WATER_DIMER_ENTRY.replace("[1.35, 0.11, 0]", "[1.35, 0.11]") + ", \"ids\": [1]",
                "positions[3]"},
        };
        for (String[] c : cases) {
            Path path = s22File(c[0], c[1]);
            assertThatThrownBy(() -> Benchmarks.s22(path)).as(c[0]).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(c[0]).hasMessageContaining(c[2]);
        }
    }

    private static String s66Entry(int id, String name, String energy, String atomsA, String atomsB) {
        return "BIND['%s-%s'            % (dbse, '" + id + "'                     )] =   " + energy + "\n"
                + "TAGL['%s-%s'            % (dbse, '" + id + "'                     )] = \"\"\"" + name + " \"\"\"\n"
                + "TAGL['%s-%s-dimer'      % (dbse, '" + id + "'                     )] = \"\"\"Dimer from " + name + " \"\"\"\n"
                + "GEOS['%s-%s-dimer' % (dbse, '" + id + "')] = qcdb.Molecule(\"\"\"\n0 1\n" + atomsA + "--\n0 1\n" + atomsB
                + "units angstrom\n\"\"\")\n\n";
    }

    private static final String HE = "He 0.0 0.0 0.0\n";
    private static final String NE = "Ne 0.0 0.0 3.0\n";

    private Path s66File(String name, String content) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, "dbse = 'S66'\nBIND = {}\nBIND_S66A = {}\nBIND_S66A['%s-%s' % (dbse, '1')] = -9.0\n"
                + content);
        return path;
    }

    @Test
    void s66ReadsOnlyTheDictionaryNamedBind() throws IOException {
        Path path = s66File("ok.py", s66Entry(2, "He-Ne", "-0.5", HE, NE) + s66Entry(1, "He-He", "-0.25", HE, HE.replace(
                "0.0\n", "2.5\n")));
        List<Dimer> dimers = Benchmarks.s66(path);
        assertThat(dimers).extracting(Dimer::name).containsExactly("He-He", "He-Ne");
        assertThat(dimers.get(0).referenceEnergy()).isCloseTo(-0.25 / Units.KCAL_PER_MOL_PER_HARTREE, within(1e-15));
        assertThat(dimers.get(1).monomerB().coordinate(0, 2)).isCloseTo(3 * Units.BOHR_PER_ANGSTROM, within(1e-12));
    }

    @Test
    void malformedS66NamesFileAndLineOrEntry() throws IOException {
        String one = s66Entry(1, "He-Ne", "-0.5", HE, NE);
        String[][] cases = {
            {"nosplit.py", one.replace("--\n", ""), "two fragments"},
            {"element.py", one.replace("Ne 0.0", "Xx 0.0"), "unknown element 'Xx'"},
            {"coordinate.py", one.replace("Ne 0.0 0.0 3.0", "Ne 0.0 0.0 three"), "'three'"},
            {"unclosed.py", one.replace("\"\"\")\n", ""), "not closed"},
            {"energy.py", one.replace("-0.5", "minus"), "'minus'"},
            {"nobind.py", one.replace("BIND['%s-%s'            % (dbse, '1'", "BIND['%s-%s'            % (dbse, '2'"),
                "S66-1 has no BIND"},
            {"gap.py", one + s66Entry(3, "He-He", "-0.1", HE, NE), "S66-2 has no geometry"},
            {"twice.py", one + one, "second BIND entry for S66-1"},
            {"empty.py", "", "no GEOS"},
            {"units.py", one.replace("units angstrom", "units furlong"), "unknown units"},
        };
        for (String[] c : cases) {
            Path path = s66File(c[0], c[1]);
            assertThatThrownBy(() -> Benchmarks.s66(path)).as(c[0]).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(c[0]).hasMessageContaining(c[2]);
        }
    }

    @Test
    void dimerChecksThatTheComplexIsMonomerAThenB() {
        Geometry a = Geometry.ofBohr(new int[] {2}, new double[] {0, 0, 0});
        Geometry b = Geometry.ofBohr(new int[] {10}, new double[] {0, 0, 5});
        Dimer d = Dimer.of("HeNe", a, b, -1e-4);
        assertThat(d.complex().atomicNumbers()).containsExactly(2, 10);
        assertThatThrownBy(() -> new Dimer("swapped", Geometry.concat(b, a), a, b, -1e-4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("swapped")
                .hasMessageContaining("monomer A");
        assertThatThrownBy(() -> new Dimer("short", a, a, b, -1e-4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 atoms");
        assertThatThrownBy(() -> Dimer.of(" ", a, b, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> Dimer.of("nan", a, b, Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        Geometry none = Geometry.ofBohr(new int[0], new double[0]);
        assertThatThrownBy(() -> Dimer.of("empty", a, none, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one atom");
    }
}
