package org.wisekit.geohard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GeoHardTest {

    /** Classes at -d, 0, +d, two points each at centre -+1 (population variance 1). */
    private static double[][] threePoints(double d) {
        return new double[][] {{-d - 1}, {-d + 1}, {-1}, {1}, {d - 1}, {d + 1}};
    }

    private static final int[] THREE_LABELS = {0, 0, 1, 1, 2, 2};

    @Test
    void threeClassesOnALineGiveTheNotesExpectation() {
        double d = 3;
        List<ClassHardness> h = GeoHard.compute(threePoints(d), THREE_LABELS, Options.defaults());
        assertThat(h).extracting(ClassHardness::label).containsExactly("0", "1", "2");
        assertThat(h.get(0).inter()).isCloseTo(-1.5 * d, within(1e-12));
        assertThat(h.get(1).inter()).isCloseTo(-d, within(1e-12));
        assertThat(h.get(2).inter()).isCloseTo(-1.5 * d, within(1e-12));
        for (ClassHardness c : h) {
            assertThat(c.intra()).isCloseTo(1.0, within(1e-12));
            assertThat(c.geoHard()).isCloseTo(c.intra() + c.inter(), within(1e-12));
            assertThat(c.n()).isEqualTo(2);
        }
        assertThat(h.get(1).rank()).isEqualTo(1);
        assertThat(h.get(0).rank()).isEqualTo(2);
        assertThat(h.get(2).rank()).isEqualTo(3);
    }

    @Test
    void gaussiansOnALineMatchExpectationAndBayesF1Ordering() {
        double d = 2;
        int per = 20_000;
        Random random = new Random(7);
        double[][] x = new double[3 * per][1];
        int[] y = new int[3 * per];
        for (int i = 0; i < x.length; i++) {
            y[i] = i / per;
            x[i][0] = (y[i] - 1) * d + random.nextGaussian();
        }
        List<ClassHardness> h = GeoHard.compute(x, y, Options.defaults());
        assertThat(h.get(0).inter()).isCloseTo(-1.5 * d, within(0.05));
        assertThat(h.get(1).inter()).isCloseTo(-d, within(0.05));
        assertThat(h.get(2).inter()).isCloseTo(-1.5 * d, within(0.05));
        assertThat(h.get(1).rank()).isEqualTo(1);
        // Bayes-optimal classifier (thresholds at -d/2, +d/2): the middle class has the lowest F1.
        int[][] confusion = new int[3][3];
        for (int i = 0; i < x.length; i++) {
            int pred = x[i][0] < -d / 2 ? 0 : x[i][0] > d / 2 ? 2 : 1;
            confusion[y[i]][pred]++;
        }
        double[] f1 = new double[3];
        for (int c = 0; c < 3; c++) {
            double tp = confusion[c][c];
            double predicted = confusion[0][c] + confusion[1][c] + confusion[2][c];
            double actual = confusion[c][0] + confusion[c][1] + confusion[c][2];
            f1[c] = 2 * tp / (predicted + actual);
        }
        assertThat(f1[1]).isLessThan(f1[0]).isLessThan(f1[2] + 0.02);
        assertThat(f1[1]).isLessThan(f1[2]);
        assertThat(Correlation.pearson(Correlation.geoHard(h), f1).value()).isLessThan(-0.9);
    }

    private static double[][] randomData(long seed, int n, int dims, int k, int[] labels) {
        Random random = new Random(seed);
        double[][] x = new double[n][dims];
        for (int i = 0; i < n; i++) {
            labels[i] = i % k;
            for (int d = 0; d < dims; d++) {
                x[i][d] = labels[i] * (d + 1) * 0.7 + random.nextGaussian() * (1 + labels[i] * 0.3);
            }
        }
        return x;
    }

    @Test
    void translationInvariant() {
        int[] y = new int[300];
        double[][] x = randomData(1, 300, 5, 4, y);
        double[][] shifted = new double[x.length][5];
        for (int i = 0; i < x.length; i++) {
            for (int d = 0; d < 5; d++) {
                shifted[i][d] = x[i][d] + 10.0 * (d - 2) + 1000;
            }
        }
        List<ClassHardness> a = GeoHard.compute(x, y, Options.defaults());
        List<ClassHardness> b = GeoHard.compute(shifted, y, Options.defaults());
        for (int c = 0; c < 4; c++) {
            assertThat(b.get(c).intra()).isCloseTo(a.get(c).intra(), within(1e-9));
            assertThat(b.get(c).inter()).isCloseTo(a.get(c).inter(), within(1e-9));
            assertThat(b.get(c).rank()).isEqualTo(a.get(c).rank());
        }
    }

    @Test
    void classPermutationEquivariant() {
        int[] y = new int[300];
        double[][] x = randomData(2, 300, 3, 3, y);
        int[] perm = {2, 0, 1};
        int[] permuted = new int[y.length];
        String[] names = new String[y.length];
        for (int i = 0; i < y.length; i++) {
            permuted[i] = perm[y[i]];
            names[i] = "c" + y[i];
        }
        List<ClassHardness> a = GeoHard.compute(x, y, Options.defaults());
        List<ClassHardness> b = GeoHard.compute(x, permuted, Options.defaults());
        List<ClassHardness> s = GeoHard.compute(x, names, Options.defaults());
        for (int c = 0; c < 3; c++) {
            assertThat(b.get(perm[c]).geoHard()).isCloseTo(a.get(c).geoHard(), within(1e-12));
            assertThat(b.get(perm[c]).rank()).isEqualTo(a.get(c).rank());
            assertThat(s.get(c).label()).isEqualTo("c" + c);
            assertThat(s.get(c).geoHard()).isCloseTo(a.get(c).geoHard(), within(1e-12));
        }
    }

    @Test
    void intraScalesAsSquareAndInterLinearly() {
        int[] y = new int[200];
        double[][] x = randomData(3, 200, 4, 3, y);
        double s = 3.5;
        double[][] scaled = new double[x.length][4];
        for (int i = 0; i < x.length; i++) {
            for (int d = 0; d < 4; d++) {
                scaled[i][d] = s * x[i][d];
            }
        }
        List<ClassHardness> a = GeoHard.compute(x, y, Options.defaults());
        List<ClassHardness> b = GeoHard.compute(scaled, y, Options.defaults());
        for (int c = 0; c < 3; c++) {
            assertThat(b.get(c).intra()).isCloseTo(s * s * a.get(c).intra(), within(1e-9));
            assertThat(b.get(c).inter()).isCloseTo(s * a.get(c).inter(), within(1e-9));
        }
    }

    @Test
    void streamingEqualsExplicitPerClassMatrices() {
        int[] y = new int[500];
        double[][] x = randomData(4, 500, 6, 5, y);
        List<ClassHardness> h = GeoHard.compute(x, y, Options.defaults());
        int k = 5;
        double[][] means = new double[k][6];
        double[] intra = new double[k];
        for (int c = 0; c < k; c++) {
            List<double[]> rows = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                if (y[i] == c) {
                    rows.add(x[i]);
                }
            }
            double ss = 0;
            for (int d = 0; d < 6; d++) {
                double m = 0;
                for (double[] r : rows) {
                    m += r[d];
                }
                m /= rows.size();
                means[c][d] = m;
                double v = 0;
                for (double[] r : rows) {
                    v += (r[d] - m) * (r[d] - m);
                }
                v /= rows.size();
                ss += v * v;
            }
            intra[c] = Math.sqrt(ss);
        }
        for (int c = 0; c < k; c++) {
            double sum = 0;
            for (int o = 0; o < k; o++) {
                for (int d = 0; d < 6; d++) {
                    sum += Math.abs(means[c][d] - means[o][d]);
                }
            }
            assertThat(h.get(c).intra()).isCloseTo(intra[c], within(1e-12));
            assertThat(h.get(c).inter()).isCloseTo(-sum / (k - 1), within(1e-12));
        }
    }

    @Test
    void floatAndDoubleInputsAgree() {
        float[][] f = {{1f, 2f}, {2f, 1f}, {5f, 5f}, {6f, 7f}};
        double[][] d = {{1, 2}, {2, 1}, {5, 5}, {6, 7}};
        int[] y = {0, 0, 1, 1};
        assertThat(GeoHard.compute(f, y, Options.defaults())).isEqualTo(GeoHard.compute(d, y, Options.defaults()));
        assertThat(GeoHard.compute(f, new String[] {"a", "a", "b", "b"}, Options.defaults()).get(1).label()).isEqualTo("b");
    }

    @Test
    void balancedSamplingIsSeededAndUsesNPerClass() {
        int[] y = new int[1000];
        double[][] x = randomData(5, 1000, 3, 4, y);
        Options o = Options.defaults().withBalance(50).withSeed(11);
        List<ClassHardness> a = GeoHard.compute(x, y, o);
        assertThat(a).allMatch(c -> c.n() == 50);
        assertThat(GeoHard.compute(x, y, o)).isEqualTo(a);
        assertThat(GeoHard.compute(x, y, o.withSeed(12))).isNotEqualTo(a);
        assertThatThrownBy(() -> GeoHard.compute(x, y, o.withBalance(251)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("balance 251")
                .hasMessageContaining("class '0'");
    }

    @Test
    void pcaTransformEqualsComputingOnTheProjectedRowsAndIsDeterministic() {
        int[] y = new int[300];
        double[][] x = randomData(6, 300, 3, 3, y);
        Options o = Options.defaults().withTransform(Transform.pca(2));
        List<ClassHardness> pca = GeoHard.compute(x, y, o);
        assertThat(GeoHard.compute(x, y, o)).isEqualTo(pca);
        List<ClassHardness> direct = GeoHard.compute(Pca.fit(x, 2).transform(x), y, Options.defaults());
        for (int c = 0; c < 3; c++) {
            assertThat(pca.get(c).geoHard()).isCloseTo(direct.get(c).geoHard(), within(1e-12));
        }
        // Balancing happens after the transform, which is fitted on all rows.
        List<ClassHardness> balanced = GeoHard.compute(x, y, o.withBalance(100));
        for (int c = 0; c < 3; c++) {
            assertThat(balanced.get(c).geoHard()).isCloseTo(direct.get(c).geoHard(), within(1e-12));
        }
    }

    @Test
    void umapTransformRunsEndToEndSeededWithTheOptionsSeed() {
        int[] y = new int[150];
        double[][] x = randomData(7, 150, 12, 3, y);
        Options o = Options.defaults().withTransform(Transform.umap(2)).withSeed(4);
        List<ClassHardness> umap = GeoHard.compute(x, y, o);
        assertThat(umap).hasSize(3).allMatch(c -> c.n() == 50);
        // The same as computing on Umap's output with the options' seed (and so deterministic).
        List<ClassHardness> direct = GeoHard.compute(Umap.fitTransform(x, Umap.Settings.defaults(2).withSeed(4)), y,
                Options.defaults());
        assertThat(direct).isEqualTo(umap);
        assertThat(GeoHard.compute(x, y, o.withSeed(5))).isNotEqualTo(umap);
        // Float input is widened; balancing happens after the transform.
        float[][] f = new float[x.length][x[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int d = 0; d < x[0].length; d++) {
                f[i][d] = (float) x[i][d];
            }
        }
        assertThat(GeoHard.compute(f, y, o.withBalance(20))).allMatch(c -> c.n() == 20);
    }

    @Test
    void rejectsMalformedInputNamingParameterAndValue() {
        Options o = Options.defaults();
        assertThatThrownBy(() -> GeoHard.compute(new double[][] {{1}, {2}, {3}}, new int[] {0, 0, 1}, o))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class '1' has 1 item");
        assertThatThrownBy(() -> GeoHard.compute(new double[][] {{1}, {2}}, new int[] {0, 0}, o))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("K (number of classes) must be >= 2, got 1");
        assertThatThrownBy(() -> GeoHard.compute(new double[][] {{1}, {Double.NaN}, {3}, {4}}, new int[] {0, 0, 1, 1}, o))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1 column 0 is NaN");
        assertThatThrownBy(() -> GeoHard.compute(new float[][] {{1}, {2}, {Float.POSITIVE_INFINITY}, {4}}, new int[] {0, 0, 1, 1}, o))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 2 column 0 is Infinity");
        assertThatThrownBy(() -> GeoHard.compute(new double[][] {{1, 2}, {2, 3}, {3}, {4, 5}}, new int[] {0, 0, 1, 1}, o))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 2 has 1 values; row 0 has 2");
        assertThatThrownBy(() -> GeoHard.compute(new double[][] {{1}, {2}, {3}, {4}}, new int[] {0, 0, 1}, o))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels length").hasMessageContaining("got 3");
        assertThatThrownBy(() -> GeoHard.compute(new double[0][], new int[0], o))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one row");
        assertThatThrownBy(() -> GeoHard.compute(new double[][] {{1}, {2}, {3}, {4}}, new String[] {"a", null, "b", "b"}, o))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels[1]");
        assertThatThrownBy(() -> GeoHard.compute(new double[][] {{1}, {2}, {3}, {4}}, new int[] {0, 0, 1, 1},
                o.withTransform(Transform.pca(2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pca components must be in [1, 1], got 2");
        assertThatThrownBy(() -> o.withBalance(1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 1");
        assertThatThrownBy(() -> Transform.parse("tsne:2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'tsne:2'");
        assertThatThrownBy(() -> GeoHard.compute(new double[][] {{1}, {2}, {3}, {4}}, new int[] {0, 0, 1, 1},
                o.withTransform(Transform.umap(2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transform 'umap:2'")
                .hasMessageContaining("umap neighbors (15) must be less than the number of rows, got 4 rows");
        assertThat(Transform.parse("PCA:5")).isEqualTo(Transform.pca(5));
        assertThat(Transform.parse("none")).isEqualTo(Transform.none());
    }
}
