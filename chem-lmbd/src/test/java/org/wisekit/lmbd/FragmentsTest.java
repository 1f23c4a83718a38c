package org.wisekit.lmbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Covalent fragments: known molecules, the bond criterion's edge, and random clouds against union-find. */
class FragmentsTest {

    /** Three water molecules about 2.8 A apart (O-H 0.96 A), in angstrom. */
    static Geometry waterTrimer() {
        double[] xyz = {
            0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0,
            2.8, 0, 0, 3.1, 0.9, 0.2, 3.1, -0.5, 0.75,
            1.4, 2.4, 0, 1.2, 3.3, 0.2, 2.3, 2.45, -0.3};
        return Geometry.ofAngstrom(new int[] {8, 1, 1, 8, 1, 1, 8, 1, 1}, xyz);
    }

    @Test
    void waterTrimerHasThreeFragments() {
        Geometry trimer = waterTrimer();
        assertThat(Fragments.labels(trimer)).containsExactly(0, 0, 0, 1, 1, 1, 2, 2, 2);
        List<int[]> split = Fragments.split(trimer);
        assertThat(split).hasSize(3);
        for (int[] molecule : split) {
            assertThat(trimer.subset(molecule).formula()).isEqualTo("H2O");
        }
    }

    @Test
    void labelsAreNumberedByFirstAtomWhenAtomsInterleave() {
        Geometry trimer = waterTrimer();
        int[] order = {3, 0, 6, 4, 1, 2, 8, 5, 7};
        Geometry shuffled = trimer.subset(order);
        assertThat(Fragments.labels(shuffled)).containsExactly(0, 1, 2, 0, 1, 1, 2, 0, 2);
        assertThat(Fragments.split(shuffled)).containsExactly(new int[] {0, 3, 7}, new int[] {1, 4, 5},
                new int[] {2, 6, 8});
    }

    @Test
    void bondCriterionIsInclusiveAtTwelveTenthsOfTheRadiusSum() {
        double limit = 1.2 * (0.76 + 0.66);
        Geometry bonded = Geometry.ofAngstrom(new int[] {6, 8}, new double[] {0, 0, 0, 0, 0, limit * (1 - 1e-12)});
        Geometry apart = Geometry.ofAngstrom(new int[] {6, 8}, new double[] {0, 0, 0, 0, 0, limit * (1 + 1e-9)});
        assertThat(Fragments.split(bonded)).hasSize(1);
        assertThat(Fragments.split(apart)).hasSize(2);
        assertThat(Fragments.covalentRadius(1)).isEqualTo(0.31 * Units.BOHR_PER_ANGSTROM);
        assertThat(Fragments.covalentRadius(53)).isEqualTo(1.39 * Units.BOHR_PER_ANGSTROM);
        assertThat(Fragments.covalentRadius(35)).isEqualTo(1.20 * Units.BOHR_PER_ANGSTROM);
    }

    @Test
    void randomCloudsMatchUnionFind() {
        Random random = new Random(5);
        int[] elements = {1, 6, 7, 8, 16, 17};
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + random.nextInt(300);
            int[] z = new int[n];
            double[] xyz = new double[3 * n];
            double box = 1.8 * Math.cbrt(n);
            for (int i = 0; i < n; i++) {
                z[i] = elements[random.nextInt(elements.length)];
                for (int c = 0; c < 3; c++) {
                    xyz[3 * i + c] = box * random.nextDouble();
                }
            }
            Geometry g = Geometry.ofAngstrom(z, xyz);
            assertThat(Fragments.labels(g)).isEqualTo(unionFindLabels(g));
        }
    }

    /** The slow reference: union-find over all pairs, then labels in order of first atom. */
    private static int[] unionFindLabels(Geometry g) {
        int n = g.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double limit = 1.2 * (Fragments.covalentRadius(g.atomicNumber(i)) + Fragments.covalentRadius(g.atomicNumber(j)));
                if (g.distance(i, j) <= limit) {
                    parent[root(parent, i)] = root(parent, j);
                }
            }
        }
        int[] label = new int[n];
        int[] labelOfRoot = new int[n];
        java.util.Arrays.fill(labelOfRoot, -1);
        int next = 0;
        for (int i = 0; i < n; i++) {
            int r = root(parent, i);
            if (labelOfRoot[r] < 0) {
                labelOfRoot[r] = next++;
            }
            label[i] = labelOfRoot[r];
        }
        return label;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            i = parent[i];
        }
        return i;
    }

    @Test
    void emptyGeometryHasNoFragments() {
        Geometry empty = Geometry.ofBohr(new int[0], new double[0]);
        assertThat(Fragments.labels(empty)).isEmpty();
        assertThat(Fragments.split(empty)).isEmpty();
    }

    @Test
    void elementWithoutRadiusIsAnError() {
        Geometry caesium = Geometry.ofAngstrom(new int[] {1, 55}, new double[] {0, 0, 0, 3, 0, 0});
        assertThatThrownBy(() -> Fragments.labels(caesium)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("atom 2").hasMessageContaining("Cs");
    }
}
