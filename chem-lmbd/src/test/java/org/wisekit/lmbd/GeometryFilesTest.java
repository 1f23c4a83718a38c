package org.wisekit.lmbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XYZ and POSCAR on small hand-written files: coordinates, units, scale factors and malformed input. */
class GeometryFilesTest {

    private static final double A = Units.BOHR_PER_ANGSTROM;

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, content);
        return path;
    }

    private static void assertAngstrom(Geometry g, int atom, double x, double y, double z) {
        assertThat(g.coordinate(atom, 0) / A).isCloseTo(x, within(1e-12));
        assertThat(g.coordinate(atom, 1) / A).isCloseTo(y, within(1e-12));
        assertThat(g.coordinate(atom, 2) / A).isCloseTo(z, within(1e-12));
    }

    @Test
    void readsXyzInAngstrom() throws IOException {
        Geometry g = GeometryFiles.readXyz(file("w.xyz", "3\nwater\nO 0 0 0.1\nH 0.96 0.0 0.0 extra 7\n  h  -0.24 0.93 0\n\n"));
        assertThat(g.atomicNumbers()).containsExactly(8, 1, 1);
        assertAngstrom(g, 0, 0, 0, 0.1);
        assertAngstrom(g, 1, 0.96, 0, 0);
        assertAngstrom(g, 2, -0.24, 0.93, 0);
        Geometry numbers = GeometryFiles.readXyz(file("n.xyz", "2\n\n8 0 0 0\nCL 1 2 3\n"));
        assertThat(numbers.atomicNumbers()).containsExactly(8, 17);
        assertThat(GeometryFiles.readXyz(file("empty.xyz", "0\nnothing\n")).size()).isZero();
    }

    @Test
    void readsExtendedXyzColumnsFromProperties() throws IOException {
        Geometry plain = GeometryFiles.readXyz(file("e1.xyz", "2\nLattice=\"10 0 0 0 10 0 0 0 10\""
                + " Properties=species:S:1:pos:R:3:forces:R:3 energy=-1.5 pbc=\"T T T\"\nC 1 2 3 0.1 0.2 0.3\n"
                + "O 4 5 6 0 0 0\n"));
        assertThat(plain.atomicNumbers()).containsExactly(6, 8);
        assertAngstrom(plain, 1, 4, 5, 6);
        Geometry reordered = GeometryFiles.readXyz(file("e2.xyz", "1\nProperties=id:I:1:pos:R:3:species:S:1\n"
                + "17 1.5 2.5 3.5 N\n"));
        assertThat(reordered.atomicNumbers()).containsExactly(7);
        assertAngstrom(reordered, 0, 1.5, 2.5, 3.5);
        assertThatThrownBy(() -> GeometryFiles.readXyz(file("e3.xyz", "1\nProperties=species:S:1:forces:R:3\nC 1 2 3\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("e3.xyz line 2")
                .hasMessageContaining("pos:R:3");
    }

    @Test
    void xyzRoundTripsAndWritesAtomically() throws IOException {
        Random random = new Random(3);
        int n = 40;
        int[] z = new int[n];
        double[] xyz = new double[3 * n];
        for (int i = 0; i < n; i++) {
            z[i] = 1 + random.nextInt(54);
            for (int c = 0; c < 3; c++) {
                xyz[3 * i + c] = 200 * (random.nextDouble() - 0.5);
            }
        }
        Geometry g = Geometry.ofBohr(z, xyz);
        Path out = dir.resolve("round.xyz");
        Files.writeString(out, "old content");
        GeometryFiles.writeXyz(g, out);
        Geometry back = GeometryFiles.readXyz(out);
        assertThat(back.atomicNumbers()).containsExactly(z);
        double[] read = back.coordinates();
        for (int k = 0; k < xyz.length; k++) {
            assertThat(read[k]).isCloseTo(xyz[k], within(1e-9));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("round.xyz");
        }
        assertThat(Files.readAllLines(out).get(1)).isEqualTo(g.formula());
    }

    @Test
    void malformedXyzNamesFileAndLine() throws IOException {
        String[][] cases = {
            {"count.xyz", "abc\n\nH 0 0 0\n", "count.xyz line 1", "abc"},
            {"blank.xyz", "", "blank.xyz line 1", "empty file"},
            {"negative.xyz", "-1\n\n", "negative.xyz line 1", "-1"},
            {"short.xyz", "3\ncomment\nH 0 0 0\nH 0 0 1\n", "short.xyz", "truncated"},
            {"long.xyz", "1\ncomment\nH 0 0 0\nH 0 0 1\n", "long.xyz line 4", "more atom lines"},
            {"element.xyz", "2\n\nH 0 0 0\nQq 0 0 1\n", "element.xyz line 4", "unknown element 'Qq'"},
            {"number.xyz", "1\n\nH 0 1.2.3 0\n", "number.xyz line 3", "'1.2.3'"},
            {"nan.xyz", "1\n\nH 0 NaN 0\n", "nan.xyz line 3", "'NaN'"},
            {"columns.xyz", "1\n\nH 0 0\n", "columns.xyz line 3", "columns"},
        };
        for (String[] c : cases) {
            Path path = file(c[0], c[1]);
            assertThatThrownBy(() -> GeometryFiles.readXyz(path)).as(c[0]).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(c[2]).hasMessageContaining(c[3]);
        }
    }

    @Test
    void readsDirectPoscar() throws IOException {
        Crystal crystal = GeometryFiles.readPoscar(file("POSCAR", """
                hydrogen and carbon
                   1.0
                     4.0 0.0 0.0
                     0.0 5.0 0.0
                     1.0 0.0 6.0
                   H C
                   2 1
                Direct
                  0.0 0.0 0.0
                  0.25 0.5 0.5
                  0.5 0.0 0.5

                  0.0 0.0 0.0
                """));
        assertThat(crystal.atomsPerCell()).isEqualTo(3);
        assertThat(crystal.cell().atomicNumbers()).containsExactly(1, 1, 6);
        assertThat(crystal.lattice()).containsExactly(new double[] {4 * A, 0, 0, 0, 5 * A, 0, 1 * A, 0, 6 * A},
                within(1e-12));
        assertAngstrom(crystal.cell(), 1, 1.5, 2.5, 3.0);
        assertAngstrom(crystal.cell(), 2, 2.5, 0, 3.0);
        assertThat(crystal.volume()).isCloseTo(120 * A * A * A, within(1e-9));
    }

    @Test
    void readsCartesianPoscarScaledAndWithSelectiveDynamics() throws IOException {
        Crystal crystal = GeometryFiles.readPoscar(file("POSCAR", """
                scaled by two
                2.0
                  2.0 0.0 0.0
                  0.0 2.0 0.0
                  0.0 0.0 2.0
                O_h Si/1a2b3c
                1 1
                selective dynamics
                cartesian
                  0.5 0.25 0.0 T T F
                  1.0 1.0 1.0 F F F
                """));
        assertThat(crystal.cell().atomicNumbers()).containsExactly(8, 14);
        assertThat(crystal.lattice()[0]).isCloseTo(4 * A, within(1e-12));
        assertAngstrom(crystal.cell(), 0, 1.0, 0.5, 0);
        assertAngstrom(crystal.cell(), 1, 2.0, 2.0, 2.0);
    }

    @Test
    void negativeScaleIsTheCellVolume() throws IOException {
        Crystal crystal = GeometryFiles.readPoscar(file("POSCAR", """
                volume 192 A^3 from a 2 x 3 x 4 cell: factor 2
                -192
                  2 0 0
                  0 3 0
                  0 0 4
                N
                2
                Direct
                  0.5 0.5 0.5
                  0.1 0.0 0.0
                """));
        assertThat(crystal.volume() / (A * A * A)).isCloseTo(192, within(1e-9));
        assertThat(crystal.lattice()[8] / A).isCloseTo(8, within(1e-12));
        assertAngstrom(crystal.cell(), 0, 2, 3, 4);
        assertAngstrom(crystal.cell(), 1, 0.4, 0, 0);
        Crystal cartesian = GeometryFiles.readPoscar(file("POSCAR2", """
                Cartesian positions scale with the factor too
                -192
                  2 0 0
                  0 3 0
                  0 0 4
                N
                1
                Kartesian
                  0.5 0.5 0.5
                """));
        assertAngstrom(cartesian.cell(), 0, 1, 1, 1);
    }

    @Test
    void malformedPoscarNamesFileAndLine() throws IOException {
        String good = "c\n1.0\n4 0 0\n0 4 0\n0 0 4\nH O\n1 1\nDirect\n0 0 0\n0.2 0 0\n";
        String[][] cases = {
            {"truncated", "c\n1.0\n4 0 0\n0 4 0\n0 0 4\nH O\n1 1\nDirect\n0 0 0\n", "line 10", "truncated"},
            {"header", "c\n1.0\n4 0 0\n", "line 4", "truncated"},
            {"scale", good.replace("1.0\n", "one\n"), "line 2", "'one'"},
            {"zero", good.replace("1.0\n", "0\n"), "line 2", "must not be 0"},
            {"lattice", good.replace("0 4 0\n", "0 4\n"), "line 4", "3 numbers"},
            {"flat", good.replace("0 0 4\n", "0 0 0\n"), "line 5", "linearly dependent"},
            {"vasp4", good.replace("H O\n1 1\n", "1 1\n"), "line 6", "VASP 4"},
            {"element", good.replace("H O\n", "H Xx\n"), "line 6", "'Xx'"},
            {"counts", good.replace("1 1\n", "1\n"), "line 7", "2 element symbols but 1 counts"},
            {"count", good.replace("1 1\n", "1 x\n"), "line 7", "'x'"},
            {"mode", good.replace("Direct", "Fractional"), "line 8", "Direct or Cartesian"},
            {"coordinate", good.replace("0.2 0 0", "0.2 zero 0"), "line 10", "'zero'"},
            {"short", good.replace("0.2 0 0", "0.2 0"), "line 10", "3 numbers"},
        };
        for (String[] c : cases) {
            Path path = file("POSCAR-" + c[0], c[1]);
            assertThatThrownBy(() -> GeometryFiles.readPoscar(path)).as(c[0]).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("POSCAR-" + c[0] + " " + c[2]).hasMessageContaining(c[3]);
        }
        assertThat(GeometryFiles.readPoscar(file("POSCAR-good", good)).atomsPerCell()).isEqualTo(2);
    }
}
