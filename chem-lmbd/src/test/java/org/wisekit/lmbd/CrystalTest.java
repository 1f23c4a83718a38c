package org.wisekit.lmbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wisekit.datasets.Dataset;
import org.wisekit.datasets.testing.RealData;

/** Supercells and clusters of whole molecules, on hand-made crystals (against a slow reference) and on X23. */
class CrystalTest {

    private static final double A = Units.BOHR_PER_ANGSTROM;

    /** The 23 X23 crystals of the molecules dataset, by folder. */
    static final List<String> X23 = List.of("01CYHEXO", "02acetic_acid", "03adamantane", "04ammonia", "05anthracene",
            "06benzene", "07co2", "08cyanamide", "09cytosine", "10ethylcarbamate", "11formamide", "12imidazole",
            "13naphtalene", "14oxalic_acid_alpha", "15oxalic_acid_beta", "16pyrazine", "17pyrazole", "18triazine",
            "19trioxane", "20uracil", "21urea", "22Hexamine", "23Succinic_acid");

    /**
     * A monoclinic cell with a water molecule and an N2 molecule that both straddle the cell boundary (atoms listed
     * with fractional coordinates below 0 and above 1, interleaved), in angstrom.
     */
    static Crystal straddling() {
        double[] lattice = {5.0, 0, 0, 0, 4.5, 0, -1.0, 0, 5.5};
        double[] xyz = {
            -0.3, 2.0, 2.0,      // O, just outside the a = 0 face
            4.4, 1.0, 0.5,       // N, near the a = 1 face
            0.45, 2.5, 2.2,      // H bonded to O, inside
            -0.6, 2.3, 2.9,      // H bonded to O, outside
            4.4 + 1.1, 1.0, 0.5, // N bonded to the first N, beyond the a = 1 face
        };
        double[] bohr = Arrays.stream(xyz).map(v -> v * A).toArray();
        return Crystal.of(Geometry.ofBohr(new int[] {8, 7, 1, 1, 7}, bohr), Arrays.stream(lattice).map(v -> v * A).toArray());
    }

    @Test
    void supercellReplicatesTheCell() {
        Crystal crystal = straddling();
        Geometry cell = crystal.cell();
        double[] l = crystal.lattice();
        Geometry big = crystal.supercell(2, 1, 3);
        assertThat(big.size()).isEqualTo(6 * 5);
        for (int ia = 0; ia < 2; ia++) {
            for (int ic = 0; ic < 3; ic++) {
                for (int i = 0; i < 5; i++) {
                    int atom = (ia * 3 + ic) * 5 + i;
                    assertThat(big.atomicNumber(atom)).isEqualTo(cell.atomicNumber(i));
                    for (int c = 0; c < 3; c++) {
                        assertThat(big.coordinate(atom, c)).isCloseTo(cell.coordinate(i, c) + ia * l[c] + ic * l[6 + c],
                                within(1e-12));
                    }
                }
            }
        }
        assertThatThrownBy(() -> crystal.supercell(1, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 x 0 x 1");
    }

    @Test
    void clusterTakesTheNearestWholeMoleculesLikeTheSlowReference() {
        Crystal crystal = straddling();
        for (int target : new int[] {1, 5, 40, 333}) {
            Geometry cluster = crystal.cluster(target);
            List<Double> got = new ArrayList<>();
            int atoms = 0;
            for (int[] molecule : Fragments.split(cluster)) {
                String formula = cluster.subset(molecule).formula();
                assertThat(formula).isIn("H2O", "N2");
                got.add(centroidDistance(cluster, molecule, cellCentre(crystal, 0)));
                atoms += molecule.length;
            }
            assertThat(atoms).isEqualTo(cluster.size());
            assertThat(cluster.size()).isBetween(target, target + 2);
            List<Double> expected = referenceDistances(crystal, 9).subList(0, got.size());
            got.sort(null);
            for (int k = 0; k < got.size(); k++) {
                assertThat(got.get(k)).as("target %d molecule %d", target, k).isCloseTo(expected.get(k), within(1e-9));
            }
        }
    }

    /**
     * The slow reference: a 9 x 9 x 9 supercell cut into fragments without periodicity; the complete molecules'
     * centroid distances from the centre of the middle cell, ascending.
     */
    private static List<Double> referenceDistances(Crystal crystal, int n) {
        Geometry big = crystal.supercell(n, n, n);
        double[] centre = cellCentre(crystal, n / 2);
        List<Double> distances = new ArrayList<>();
        for (int[] fragment : Fragments.split(big)) {
            String formula = big.subset(fragment).formula();
            if (formula.equals("H2O") || formula.equals("N2")) {
                distances.add(centroidDistance(big, fragment, centre));
            }
        }
        distances.sort(null);
        return distances;
    }

    private static double[] cellCentre(Crystal crystal, int shift) {
        double[] l = crystal.lattice();
        double[] centre = new double[3];
        for (int c = 0; c < 3; c++) {
            centre[c] = (shift + 0.5) * (l[c] + l[3 + c] + l[6 + c]);
        }
        return centre;
    }

    private static double centroidDistance(Geometry g, int[] atoms, double[] centre) {
        double s = 0;
        for (int c = 0; c < 3; c++) {
            double mean = 0;
            for (int atom : atoms) {
                mean += g.coordinate(atom, c) / atoms.length;
            }
            s += (mean - centre[c]) * (mean - centre[c]);
        }
        return Math.sqrt(s);
    }

    @Test
    void clusterIsDeterministicAndKeepsCellOrderWithinMolecules() {
        Crystal crystal = straddling();
        Geometry first = crystal.cluster(100);
        Geometry second = crystal.cluster(100);
        assertThat(second.coordinates()).containsExactly(first.coordinates());
        assertThat(second.atomicNumbers()).containsExactly(first.atomicNumbers());
        // Each molecule comes out in cell order: O H H for water, N N for nitrogen.
        List<int[]> molecules = Fragments.split(first);
        for (int[] molecule : molecules) {
            int[] z = first.subset(molecule).atomicNumbers();
            assertThat(z).satisfiesAnyOf(v -> assertThat(v).containsExactly(8, 1, 1), v -> assertThat(v).containsExactly(7, 7));
            for (int k = 1; k < molecule.length; k++) {
                assertThat(molecule[k]).isEqualTo(molecule[k - 1] + 1);
            }
        }
    }

    @Test
    void networkSolidsAndOverlappingAtomsAreRejected() {
        Geometry chain = Geometry.ofAngstrom(new int[] {6, 6}, new double[] {0, 0, 0, 1.5, 0, 0});
        Crystal polymer = Crystal.of(chain, new double[] {3 * A, 0, 0, 0, 6 * A, 0, 0, 0, 6 * A});
        assertThatThrownBy(() -> polymer.cluster(10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no finite molecules");
        Geometry overlapping = Geometry.ofAngstrom(new int[] {6, 1}, new double[] {0.02, 0, 0, 4.97, 0, 0});
        Crystal close = Crystal.of(overlapping, new double[] {5 * A, 0, 0, 0, 6 * A, 0, 0, 0, 6 * A});
        assertThatThrownBy(() -> close.cluster(10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("closer than 0.1 A");
        assertThatThrownBy(() -> straddling().cluster(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("targetAtoms").hasMessageContaining("0");
    }

    @Test
    void rejectsBadLattices() {
        Geometry one = Geometry.ofBohr(new int[] {1}, new double[] {0, 0, 0});
        assertThatThrownBy(() -> Crystal.of(one, new double[] {1, 0, 0, 0, 1, 0, 1, 1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linearly dependent");
        assertThatThrownBy(() -> Crystal.of(one, new double[8])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("9 values");
        assertThatThrownBy(() -> Crystal.of(one, new double[] {1, 0, 0, 0, 1, 0, 0, 0, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lattice[8]");
        assertThatThrownBy(() -> Crystal.of(Geometry.ofBohr(new int[0], new double[0]), new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one atom");
    }

    @Test
    void benzeneClusterIsWholeC6H6Molecules() {
        Path poscar = RealData.load(d -> d.verifiedPath(Dataset.MOLECULES, "molecules/x23/06benzene/POSCAR"));
        Crystal benzene = GeometryFiles.readPoscar(poscar);
        assertThat(benzene.atomsPerCell()).isEqualTo(48);
        for (int target : new int[] {1, 500, 20_000}) {
            Geometry cluster = benzene.cluster(target);
            assertThat(cluster.size()).isBetween(target, target + 12);
            List<int[]> molecules = Fragments.split(cluster);
            assertThat(molecules).hasSize(cluster.size() / 12);
            for (int[] molecule : molecules) {
                assertThat(cluster.subset(molecule).formula()).isEqualTo("C6H6");
            }
        }
    }

    @Test
    void everyX23CrystalParsesAndGivesWholeMolecules() {
        for (String name : X23) {
            Path poscar = RealData.load(d -> d.verifiedPath(Dataset.MOLECULES, "molecules/x23/" + name + "/POSCAR"));
            Crystal crystal = GeometryFiles.readPoscar(poscar);
            assertThat(crystal.volume()).as(name).isGreaterThan(100 * A * A * A);
            Geometry cluster = crystal.cluster(300);
            List<int[]> molecules = Fragments.split(cluster);
            String formula = cluster.subset(molecules.get(0)).formula();
            for (int[] molecule : molecules) {
                assertThat(cluster.subset(molecule).formula()).as(name).isEqualTo(formula);
            }
            assertThat(cluster.size()).as(name).isBetween(300, 300 + molecules.get(0).length);
            assertThat(crystal.atomsPerCell() % molecules.get(0).length).as(name).isZero();
        }
    }
}
