package org.wisekit.lmbd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The cell-list neighbour search against the O(N^2) double loop. */
class NeighbourListTest {

    /** Neighbours of every atom by brute force, ascending. */
    private static List<List<Integer>> bruteForce(double[] xyz, int n, double cutoff) {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Integer> row = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (j != i && distance2(xyz, i, j) <= cutoff * cutoff) {
                    row.add(j);
                }
            }
            out.add(row);
        }
        return out;
    }

    private static int[] bruteClosest(double[] xyz, int n, double below) {
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (distance2(xyz, i, j) < below * below) {
                    return new int[] {i, j};
                }
            }
        }
        return null;
    }

    private static double distance2(double[] xyz, int i, int j) {
        double s = 0;
        for (int c = 0; c < 3; c++) {
            double d = xyz[3 * i + c] - xyz[3 * j + c];
            s += d * d;
        }
        return s;
    }

    private static List<List<Integer>> rows(NeighbourList list) {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < list.atoms(); i++) {
            List<Integer> row = new ArrayList<>();
            for (int k = 0; k < list.count(i); k++) {
                row.add(list.neighbour(i, k));
            }
            out.add(row);
        }
        return out;
    }

    private static double[] uniform(Random random, int n, double box) {
        double[] xyz = new double[3 * n];
        for (int k = 0; k < xyz.length; k++) {
            xyz[k] = box * random.nextDouble();
        }
        return xyz;
    }

    /** Tight clusters of atoms far apart, inside a huge bounding box. */
    private static double[] clustered(Random random, int n, int clusters, double spread, double box) {
        double[][] centres = new double[clusters][3];
        for (double[] centre : centres) {
            for (int c = 0; c < 3; c++) {
                centre[c] = box * random.nextDouble();
            }
        }
        double[] xyz = new double[3 * n];
        for (int i = 0; i < n; i++) {
            double[] centre = centres[random.nextInt(clusters)];
            for (int c = 0; c < 3; c++) {
                xyz[3 * i + c] = centre[c] + spread * random.nextGaussian();
            }
        }
        return xyz;
    }

    private static void assertMatchesBruteForce(double[] xyz, int n, double cutoff) {
        NeighbourList list = NeighbourList.build(xyz, n, cutoff);
        List<List<Integer>> expected = bruteForce(xyz, n, cutoff);
        assertThat(rows(list)).as("n=%d cutoff=%s", n, cutoff).isEqualTo(expected);
        assertThat(list.offsets()).hasSize(n + 1);
        assertThat(list.offsets()[n]).isEqualTo(list.neighbours().length).isEqualTo(list.size());
        assertThat(NeighbourList.closestPair(xyz, n, cutoff)).isEqualTo(bruteClosest(xyz, n, cutoff));
    }

    @Test
    void uniformCloudsMatchBruteForceAtSeveralCutoffs() {
        Random random = new Random(11);
        for (int n : new int[] {2, 7, 50, 400, 3000}) {
            double box = 2.0 * Math.cbrt(n);
            double[] xyz = uniform(random, n, box);
            for (double cutoff : new double[] {0.3, 1.0, 2.5, 7.0, 100.0}) {
                assertMatchesBruteForce(xyz, n, cutoff);
            }
        }
    }

    @Test
    void clusteredAndSparseCloudsMatchBruteForce() {
        Random random = new Random(12);
        double[] clusteredInHugeBox = clustered(random, 3000, 5, 1.5, 1e7);
        for (double cutoff : new double[] {0.5, 2.0, 6.0}) {
            assertMatchesBruteForce(clusteredInHugeBox, 3000, cutoff);
        }
        double[] sparse = uniform(random, 500, 1e4);
        for (double cutoff : new double[] {1.0, 300.0, 2000.0}) {
            assertMatchesBruteForce(sparse, 500, cutoff);
        }
    }

    @Test
    void flatAndLinearCloudsMatchBruteForce() {
        Random random = new Random(13);
        double[] flat = uniform(random, 1000, 40);
        double[] line = uniform(random, 600, 300);
        for (int i = 0; i < 1000; i++) {
            flat[3 * i + 2] = 5.0;
        }
        for (int i = 0; i < 600; i++) {
            line[3 * i] = -3.0;
            line[3 * i + 1] = 1e6;
        }
        for (double cutoff : new double[] {0.8, 3.0}) {
            assertMatchesBruteForce(flat, 1000, cutoff);
            assertMatchesBruteForce(line, 600, cutoff);
        }
    }

    @Test
    void cutoffIsInclusiveAndListsAreSymmetric() {
        double[] xyz = {0, 0, 0, 1.5, 0, 0, 3.0, 0, 0, 0, 0, 1.5000001};
        NeighbourList list = NeighbourList.build(xyz, 4, 1.5);
        assertThat(rows(list)).containsExactly(List.of(1), List.of(0, 2), List.of(1), List.of());
        assertThat(NeighbourList.closestPair(xyz, 4, 1.5)).isNull();
        assertThat(NeighbourList.closestPair(xyz, 4, 1.5000000001)).containsExactly(0, 1);
    }

    @Test
    void readsOnlyTheFirstAtomsOfALongerBuffer() {
        double[] xyz = {0, 0, 0, 1, 0, 0, 0.5, 0, 0};
        assertThat(rows(NeighbourList.build(xyz, 2, 1.2))).containsExactly(List.of(1), List.of(0));
    }

    @Test
    void emptyAndSingleAtom() {
        NeighbourList none = NeighbourList.build(new double[0], 0, 3);
        assertThat(none.offsets()).containsExactly(0);
        assertThat(none.neighbours()).isEmpty();
        NeighbourList one = NeighbourList.build(new double[] {1, 2, 3}, 1, 3);
        assertThat(one.count(0)).isZero();
        assertThat(NeighbourList.closestPair(new double[0], 0, 1)).isNull();
        assertThat(NeighbourList.closestPair(new double[] {1, 2, 3}, 1, 1)).isNull();
    }

    @Test
    void identicalPositions() {
        double[] same = new double[3 * 50];
        java.util.Arrays.fill(same, 4.25);
        assertThat(NeighbourList.closestPair(same, 50, 0.1)).containsExactly(0, 1);
        assertThat(NeighbourList.closestPair(same, 50, 0)).isNull();
        NeighbourList zeroCutoff = NeighbourList.build(same, 50, 0);
        assertThat(zeroCutoff.count(7)).isEqualTo(49);
        assertThat(zeroCutoff.neighbour(7, 6)).isEqualTo(6);
        assertThat(zeroCutoff.neighbour(7, 7)).isEqualTo(8);
    }

    @Test
    void closestPairIsTheFirstInIndexOrderNotTheClosest() {
        double[] xyz = {0, 0, 0, 10, 0, 0, 10.01, 0, 0, 0.5, 0, 0};
        assertThat(NeighbourList.closestPair(xyz, 4, 0.6)).containsExactly(0, 3);
        assertThat(NeighbourList.closestPair(xyz, 4, 0.4)).containsExactly(1, 2);
    }

    @Test
    void rejectsBadArguments() {
        double[] xyz = {0, 0, 0, 1, 1, 1};
        assertThatThrownBy(() -> NeighbourList.build(xyz, 3, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("atoms").hasMessageContaining("3");
        assertThatThrownBy(() -> NeighbourList.build(xyz, -1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> NeighbourList.build(xyz, 2, -0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cutoff").hasMessageContaining("-0.5");
        assertThatThrownBy(() -> NeighbourList.build(xyz, 2, Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> NeighbourList.closestPair(xyz, 2, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("below");
        assertThatThrownBy(() -> NeighbourList.build(new double[] {0, 0, Double.NaN}, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xyz[2]");
        assertThatThrownBy(() -> NeighbourList.build(xyz, 2, 1).neighbour(0, 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
