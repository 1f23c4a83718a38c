package org.wisekit.geohard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;
import org.wisekit.geohard.internal.CurveFit;
import org.wisekit.geohard.internal.FixedPow;
import org.wisekit.geohard.internal.FuzzyGraph;
import org.wisekit.geohard.internal.LayoutOptimizer;
import org.wisekit.geohard.internal.NearestNeighbors;
import org.wisekit.geohard.internal.SpectralInit;
import org.wisekit.tensor.Normals;

class UmapTest {

    private static double[][] gaussian(long seed, int n, int dims, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][dims];
        for (double[] row : x) {
            for (int d = 0; d < dims; d++) {
                row[d] = scale * Normals.next(r);
            }
        }
        return x;
    }

    /** {@code blobs} Gaussian blobs of {@code per} points (unit noise) centred {@code gap} apart on the axes. */
    private static double[][] blobs(long seed, int blobs, int per, int dims, double gap, int[] labels) {
        double[][] x = gaussian(seed, blobs * per, dims, 1.0);
        for (int i = 0; i < x.length; i++) {
            labels[i] = i / per;
            x[i][labels[i]] += gap;
        }
        return x;
    }

    /** A swiss roll: t in [1.5 pi, 4.5 pi], (t cos t, height, t sin t) with small noise. */
    private static double[][] swissRoll(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][3];
        for (double[] row : x) {
            double t = 1.5 * Math.PI * (1 + 2 * r.nextDouble());
            row[0] = t * Math.cos(t) + 0.05 * Normals.next(r);
            row[1] = 21 * r.nextDouble();
            row[2] = t * Math.sin(t) + 0.05 * Normals.next(r);
        }
        return x;
    }

    private static double[][] squaredDistances(double[][] x) {
        int n = x.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int d = 0; d < x[i].length; d++) {
                    s += (x[i][d] - x[j][d]) * (x[i][d] - x[j][d]);
                }
                out[i][j] = s;
            }
        }
        return out;
    }

    /** Indices of the other rows ordered by (distance, index). */
    private static Integer[] order(double[][] dist2, int i) {
        Integer[] o = new Integer[dist2.length - 1];
        int c = 0;
        for (int j = 0; j < dist2.length; j++) {
            if (j != i) {
                o[c++] = j;
            }
        }
        Arrays.sort(o, Comparator.comparingDouble((Integer j) -> dist2[i][j]).thenComparingInt(j -> j));
        return o;
    }

    // ---------------------------------------------------------------- nearest neighbours

    /** The obvious kNN: every distance, sorted by (distance, index). */
    private static void assertKnnMatchesSlowReference(double[][] x, int k) {
        NearestNeighbors.Knn knn = NearestNeighbors.exact(x, k, 2);
        NearestNeighbors.Knn oneThread = NearestNeighbors.exact(x, k, 1);
        assertThat(oneThread.indices()).isEqualTo(knn.indices());
        assertThat(oneThread.distances()).isEqualTo(knn.distances());
        int n = x.length;
        for (int i = 0; i < n; i++) {
            double[] dist = new double[n];
            Integer[] others = new Integer[n - 1];
            int c = 0;
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int d = 0; d < x[i].length; d++) {
                    double diff = x[i][d] - x[j][d];
                    s += diff * diff;
                }
                dist[j] = Math.sqrt(s);
                if (j != i) {
                    others[c++] = j;
                }
            }
            Arrays.sort(others, Comparator.comparingDouble((Integer j) -> dist[j]).thenComparingInt(j -> j));
            assertThat(knn.indices()[i * k]).isEqualTo(i);
            assertThat(knn.distances()[i * k]).isZero();
            for (int m = 1; m < k; m++) {
                assertThat(knn.indices()[i * k + m]).as("row %d neighbour %d", i, m).isEqualTo(others[m - 1]);
                assertThat(knn.distances()[i * k + m]).isEqualTo(dist[others[m - 1]]);
            }
        }
    }

    @Test
    void knnEqualsTheObviousBruteForceBitForBit() {
        assertKnnMatchesSlowReference(gaussian(1, 400, 24, 1.0), 15);
        // Duplicates (exact ties, broken by index) and a large common offset (the Gram candidates cannot be
        // trusted there, so rows are scanned exactly).
        double[][] x = gaussian(2, 300, 8, 1.0);
        for (int i = 0; i < 60; i++) {
            x[100 + i] = x[7].clone();
        }
        assertKnnMatchesSlowReference(x, 15);
        double[][] offset = gaussian(3, 200, 5, 1e-3);
        for (double[] row : offset) {
            for (int d = 0; d < row.length; d++) {
                row[d] += 1e5;
            }
        }
        assertKnnMatchesSlowReference(offset, 10);
        assertKnnMatchesSlowReference(gaussian(4, 12, 3, 1.0), 11);
    }

    // ---------------------------------------------------------------- fuzzy graph

    /** sum_j exp(-max(0, d_j - rho) / sigma) over the row's neighbours (the row itself left out). */
    private static double membershipSum(double[] d, double rho, double sigma) {
        double s = 0;
        for (int j = 1; j < d.length; j++) {
            s += Math.exp(-Math.max(0, d[j] - rho) / sigma);
        }
        return s;
    }

    @Test
    void smoothKnnSolvesTheMembershipEquation() {
        double[][] x = gaussian(5, 300, 6, 1.0);
        for (int i = 0; i < 20; i++) {
            x[200 + i] = x[3].clone(); // zero distances: rho must skip them
        }
        int k = 15;
        NearestNeighbors.Knn knn = NearestNeighbors.exact(x, k, 1);
        double target = Math.log(k) / Math.log(2);
        for (double localConnectivity : new double[] {1.0, 1.5, 0.0}) {
            double[][] sr = FuzzyGraph.smoothKnn(knn, k, localConnectivity);
            for (int i = 0; i < x.length; i++) {
                double[] d = Arrays.copyOfRange(knn.distances(), i * k, (i + 1) * k);
                double[] nonZero = Arrays.stream(d).filter(v -> v > 0).toArray();
                int whole = (int) localConnectivity;
                double expectedRho = nonZero.length == 0 ? 0
                        : whole == 0 ? localConnectivity * nonZero[0]
                        : nonZero[whole - 1] + (localConnectivity - whole) * (localConnectivity > whole
                                ? nonZero[whole] - nonZero[whole - 1] : 0);
                assertThat(sr[1][i]).as("rho row %d", i).isCloseTo(expectedRho, within(1e-12));
                // Brute-force bisection to 1e-14 on a wide bracket (the sum falls as sigma falls).
                double lo = 1e-12;
                double hi = 1e6;
                for (int step = 0; step < 200; step++) {
                    double mid = 0.5 * (lo + hi);
                    if (membershipSum(d, sr[1][i], mid) > target) {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                double reference = 0.5 * (lo + hi);
                double rho = sr[1][i];
                double atMostRho = Arrays.stream(d, 1, k).filter(v -> v <= rho).count();
                double floor = 1e-3 * (rho > 0 ? Arrays.stream(d).average().orElseThrow() : meanAll(knn));
                if (atMostRho < target - 1e-3 && reference > 1.01 * floor) {
                    assertThat(membershipSum(d, rho, sr[0][i])).as("row %d", i).isCloseTo(target, within(1e-5));
                    assertThat(sr[0][i]).as("sigma row %d", i).isCloseTo(reference, within(1e-3 * reference));
                } else {
                    // The sum cannot come down to log2(k) (duplicates) or sigma is below umap's floor.
                    assertThat(sr[0][i]).as("sigma row %d", i).isGreaterThanOrEqualTo(floor * (1 - 1e-12));
                }
            }
        }
    }

    private static double meanAll(NearestNeighbors.Knn knn) {
        return Arrays.stream(knn.distances()).average().orElseThrow();
    }

    @Test
    void fuzzyUnionIsSymmetricInTheUnitIntervalAndEqualsTheDenseFormula() {
        double[][] x = gaussian(6, 250, 5, 1.0);
        int k = 10;
        NearestNeighbors.Knn knn = NearestNeighbors.exact(x, k, 1);
        double[][] sr = FuzzyGraph.smoothKnn(knn, k, 1.0);
        int n = x.length;
        double[][] p = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int m = 1; m < k; m++) {
                int j = knn.indices()[i * k + m];
                p[i][j] = Math.exp(-Math.max(0, knn.distances()[i * k + m] - sr[1][i]) / sr[0][i]);
            }
        }
        for (double mix : new double[] {1.0, 0.0, 0.3}) {
            FuzzyGraph.Sparse g = FuzzyGraph.build(knn, sr[0], sr[1], mix);
            double[][] dense = new double[n][n];
            for (int i = 0; i < n; i++) {
                int previous = -1;
                for (int e = g.rowStart()[i]; e < g.rowStart()[i + 1]; e++) {
                    int j = g.cols()[e];
                    assertThat(j).isGreaterThan(previous).isNotEqualTo(i);
                    previous = j;
                    assertThat(g.values()[e]).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
                    dense[i][j] = g.values()[e];
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    assertThat(dense[i][j]).isEqualTo(dense[j][i]);
                    double prod = p[i][j] * p[j][i];
                    double expected = mix * (p[i][j] + p[j][i] - prod) + (1 - mix) * prod;
                    assertThat(dense[i][j]).isCloseTo(expected, within(1e-15));
                }
            }
        }
    }

    @Test
    void curveParametersMatchUmapLearnAndMinimiseTheSquaredError() {
        double[] ab = CurveFit.ab(1.0, 0.1);
        assertThat(ab[0]).isCloseTo(1.577, within(1e-2));
        assertThat(ab[1]).isCloseTo(0.895, within(1e-2));
        // umap-learn 0.5: find_ab_params(1.0, 0.1) = (1.576943460405378, 0.8950608781227859).
        assertThat(ab[0]).isCloseTo(1.576943460405378, within(1e-4));
        assertThat(ab[1]).isCloseTo(0.8950608781227859, within(1e-4));
        for (double[] spreadMin : new double[][] {{1.0, 0.1}, {1.0, 0.0}, {2.0, 0.5}, {0.5, 0.25}}) {
            double[] fit = CurveFit.ab(spreadMin[0], spreadMin[1]);
            double best = squaredError(fit[0], fit[1], spreadMin[0], spreadMin[1]);
            for (double da : new double[] {-1e-3, 1e-3}) {
                assertThat(squaredError(fit[0] + da, fit[1], spreadMin[0], spreadMin[1])).isGreaterThan(best);
                assertThat(squaredError(fit[0], fit[1] + da, spreadMin[0], spreadMin[1])).isGreaterThan(best);
            }
        }
    }

    private static double squaredError(double a, double b, double spread, double minDist) {
        double s = 0;
        for (int i = 0; i < 300; i++) {
            double x = 3 * spread * i / 299;
            double y = x < minDist ? 1 : Math.exp(-(x - minDist) / spread);
            double f = 1 / (1 + a * Math.pow(x, 2 * b));
            s += (f - y) * (f - y);
        }
        return s;
    }

    // ---------------------------------------------------------------- spectral initialisation

    @Test
    void lanczosEigenvectorsMatchTheDenseDecomposition() {
        double[][] x = swissRoll(7, 300);
        NearestNeighbors.Knn knn = NearestNeighbors.exact(x, 15, 1);
        double[][] sr = FuzzyGraph.smoothKnn(knn, 15, 1.0);
        FuzzyGraph.Sparse g = FuzzyGraph.build(knn, sr[0], sr[1], 1.0);
        int n = g.rows();
        // Dense normalised adjacency and its eigenvalues (the reference).
        double[] degree = new double[n];
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int e = g.rowStart()[i]; e < g.rowStart()[i + 1]; e++) {
                degree[i] += g.values()[e];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int e = g.rowStart()[i]; e < g.rowStart()[i + 1]; e++) {
                int j = g.cols()[e];
                m[i][j] = g.values()[e] / Math.sqrt(degree[i] * degree[j]);
            }
        }
        double[] values = new EigenDecomposition(new Array2DRowRealMatrix(m, false)).getRealEigenvalues().clone();
        Arrays.sort(values);
        int dim = 3;
        double[][] lanczos = SpectralInit.eigenvectors(g, dim, SpectralInit.Solver.LANCZOS, new SplittableRandom(1));
        double[][] dense = SpectralInit.eigenvectors(g, dim, SpectralInit.Solver.DENSE, new SplittableRandom(1));
        assertThat(lanczos).hasNumberOfRows(dim);
        for (int d = 0; d < dim; d++) {
            double expected = values[n - 2 - d]; // the top eigenvalue (1, trivial) is skipped
            for (double[] u : new double[][] {lanczos[d], dense[d]}) {
                double[] mu = new double[n];
                double rayleigh = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        mu[i] += m[i][j] * u[j];
                    }
                    rayleigh += u[i] * mu[i];
                }
                double residual = 0;
                for (int i = 0; i < n; i++) {
                    residual += (mu[i] - rayleigh * u[i]) * (mu[i] - rayleigh * u[i]);
                }
                assertThat(rayleigh).isCloseTo(expected, within(1e-9));
                assertThat(Math.sqrt(residual)).isLessThan(2e-6);
                assertThat(Math.abs(u[argMaxAbs(u)])).isEqualTo(u[argMaxAbs(u)]);
            }
            double dot = 0;
            for (int i = 0; i < n; i++) {
                dot += lanczos[d][i] * dense[d][i];
            }
            if (values[n - 2 - d] - values[n - 3 - d] > 1e-3 && values[n - 1 - d] - values[n - 2 - d] > 1e-3) {
                assertThat(dot).isCloseTo(1.0, within(1e-6)); // same vector, same sign convention
            }
        }
    }

    private static int argMaxAbs(double[] u) {
        int arg = 0;
        for (int i = 1; i < u.length; i++) {
            if (Math.abs(u[i]) > Math.abs(u[arg])) {
                arg = i;
            }
        }
        return arg;
    }

    // ---------------------------------------------------------------- SGD layout

    @Test
    void fixedPowMatchesMathPow() {
        SplittableRandom r = new SplittableRandom(13);
        for (double b : new double[] {0.8950608781227859, 0.5, 1.0, 1.93, 0.79}) {
            FixedPow pow = new FixedPow(b);
            double worst = 0;
            for (int i = 0; i < 100_000; i++) {
                double x = Math.exp(r.nextDouble() * 80 - 40);
                double expected = Math.pow(x, b);
                worst = Math.max(worst, Math.abs(pow.pow(x) - expected) / expected);
            }
            assertThat(worst).as("b = %s", b).isLessThan(1e-14);
            for (double x : new double[] {1.0, 2.0, 0.5, 1e-300, 1e300, Double.MIN_VALUE, 0.0, Double.MAX_VALUE}) {
                assertThat(pow.pow(x)).isCloseTo(Math.pow(x, b), within(1e-14 * Math.pow(x, b)));
            }
            assertThat(pow.pow(Double.NaN)).isNaN();
        }
    }

    @Test
    void epochsPerSampleFollowTheWeights() {
        assertThat(LayoutOptimizer.epochsPerSample(new double[] {1.0, 0.5, 0.25, 0.8}, 200))
                .containsExactly(1.0, 2.0, 4.0, 1.25);
    }

    /** The layout SGD written out plainly for a tiny graph, against the optimiser (same generator): bit for bit. */
    @Test
    void layoutSgdEqualsAPlainRestatementOfUmapLearnsLoop() {
        int n = 7;
        int dim = 2;
        double[][] w = new double[n][n];
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (r.nextDouble() < 0.6) {
                    w[i][j] = w[j][i] = 0.05 + 0.95 * r.nextDouble();
                }
            }
        }
        List<int[]> edges = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (w[i][j] > 0) {
                    edges.add(new int[] {i, j});
                    weights.add(w[i][j]);
                }
            }
            start[i + 1] = edges.size();
        }
        FuzzyGraph.Sparse g = new FuzzyGraph.Sparse(n, start, edges.stream().mapToInt(e -> e[1]).toArray(),
                weights.stream().mapToDouble(Double::doubleValue).toArray());
        double[] init = new double[n * dim];
        for (int i = 0; i < init.length; i++) {
            init[i] = 10 * r.nextDouble();
        }
        double a = 1.577;
        double b = 0.895;
        int epochs = 40;
        double[] y = init.clone();
        LayoutOptimizer.optimize(y, dim, g, epochs, a, b, 1.0, 1.0, 5, new SplittableRandom(3), null);

        double[][] ref = new double[n][dim];
        for (int i = 0; i < n; i++) {
            ref[i] = Arrays.copyOfRange(init, i * dim, (i + 1) * dim);
        }
        double wMax = weights.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        int count = edges.size();
        double[] every = new double[count];
        double[] next = new double[count];
        double[] everyNeg = new double[count];
        double[] nextNeg = new double[count];
        for (int e = 0; e < count; e++) {
            every[e] = epochs / (epochs * weights.get(e) / wMax);
            next[e] = every[e];
            everyNeg[e] = every[e] / 5;
            nextNeg[e] = everyNeg[e];
        }
        SplittableRandom rng = new SplittableRandom(3);
        FixedPow pow = new FixedPow(b);
        double alpha = 1.0;
        for (int t = 0; t < epochs; t++) {
            for (int e = 0; e < count; e++) {
                if (next[e] > t) {
                    continue;
                }
                double[] cur = ref[edges.get(e)[0]];
                double[] other = ref[edges.get(e)[1]];
                double d2 = (cur[0] - other[0]) * (cur[0] - other[0]) + (cur[1] - other[1]) * (cur[1] - other[1]);
                // -2ab d2^(b-1) / (1 + a d2^b), with d2^(b-1) as d2^b / d2 and the same pow as the optimiser (the
                // dynamics are chaotic enough to turn a one-ulp difference into 1e-5 after 40 epochs).
                double coef = d2 > 0 ? -2 * a * b * (pow.pow(d2) / d2) / (a * pow.pow(d2) + 1) : 0;
                for (int d = 0; d < dim; d++) {
                    double step = Math.max(-4, Math.min(4, coef * (cur[d] - other[d])));
                    cur[d] += alpha * step;
                    other[d] -= alpha * step;
                }
                next[e] += every[e];
                int negatives = (int) ((t - nextNeg[e]) / everyNeg[e]);
                for (int s = 0; s < negatives; s++) {
                    int o = rng.nextInt(n);
                    double[] neg = ref[o];
                    double q2 = (cur[0] - neg[0]) * (cur[0] - neg[0]) + (cur[1] - neg[1]) * (cur[1] - neg[1]);
                    if (q2 == 0) {
                        continue;
                    }
                    double rep = 2 * b / ((0.001 + q2) * (a * pow.pow(q2) + 1));
                    for (int d = 0; d < dim; d++) {
                        cur[d] += alpha * Math.max(-4, Math.min(4, rep * (cur[d] - neg[d])));
                    }
                }
                nextNeg[e] += negatives * everyNeg[e];
            }
            alpha = 1.0 - (double) t / epochs;
        }
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) {
                assertThat(y[i * dim + d]).isEqualTo(ref[i][d]);
            }
        }
        assertThat(y).isNotEqualTo(init);
    }

    // ---------------------------------------------------------------- end to end

    @Test
    void sameSeedGivesTheSameEmbeddingAndAnotherSeedAnotherOne() {
        int[] labels = new int[240];
        double[][] x = blobs(8, 3, 80, 20, 3.0, labels);
        Umap.Settings s = Umap.Settings.defaults(2).withEpochs(60).withSeed(5);
        double[][] a = Umap.fitTransform(x, s);
        double[][] b = Umap.fitTransform(x, s);
        assertThat(Arrays.deepEquals(a, b)).isTrue();
        double[][] c = Umap.fitTransform(x, s.withSeed(6));
        assertThat(Arrays.deepEquals(a, c)).isFalse();
        assertThat(a).hasNumberOfRows(240);
        assertThat(a[0]).hasSize(2);
    }

    @Test
    void wellSeparatedBlobsStaySeparated() {
        int[] labels = new int[300];
        double[][] x = blobs(9, 3, 100, 50, 12.0, labels);
        Umap.Result r = Umap.fit(x, Umap.Settings.defaults(2).withSeed(1), null);
        assertThat(r.components()).isEqualTo(3); // three disconnected components: the multi-component layout
        assertThat(r.randomRows()).isZero();
        assertThat(r.epochs()).isEqualTo(500);
        double[][] d2 = squaredDistances(r.embedding());
        int same = 0;
        for (int i = 0; i < x.length; i++) {
            Integer[] o = order(d2, i);
            for (int m = 0; m < 10; m++) {
                same += labels[o[m]] == labels[i] ? 1 : 0;
            }
        }
        assertThat(same / (10.0 * x.length)).isGreaterThan(0.95);
    }

    /**
     * Trustworthiness (Venna and Kaski 2001, as scikit-learn computes it) of the 2-d embedding of a swiss roll at
     * k = 10: 1 minus the normalised rank penalty of embedding neighbours that were not input neighbours.
     */
    @Test
    void swissRollNeighbourhoodsArePreserved() {
        int n = 600;
        double[][] x = swissRoll(10, n);
        Umap.Result r = Umap.fit(x, Umap.Settings.defaults(2).withSeed(3), null);
        assertThat(r.components()).isEqualTo(1);
        assertThat(r.randomRows()).isZero(); // spectral initialisation through the Lanczos iteration (n > 100)
        double[][] in = squaredDistances(x);
        double[][] out = squaredDistances(r.embedding());
        int k = 10;
        double penalty = 0;
        for (int i = 0; i < n; i++) {
            Integer[] inOrder = order(in, i);
            int[] rank = new int[n];
            for (int p = 0; p < inOrder.length; p++) {
                rank[inOrder[p]] = p + 1;
            }
            Integer[] outOrder = order(out, i);
            for (int m = 0; m < k; m++) {
                penalty += Math.max(0, rank[outOrder[m]] - k);
            }
        }
        double trust = 1 - 2.0 / (n * k * (2.0 * n - 3 * k - 1)) * penalty;
        assertThat(trust).isGreaterThan(0.95);
    }

    @Test
    void progressCountsEpochs() {
        List<Integer> seen = new ArrayList<>();
        Umap.fit(gaussian(12, 60, 4, 1.0), Umap.Settings.defaults(2).withEpochs(7), seen::add);
        assertThat(seen).containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void rejectsBadInputNamingTheParameterAndValue() {
        Umap.Settings s = Umap.Settings.defaults(2);
        assertThatThrownBy(() -> Umap.fitTransform(gaussian(1, 15, 3, 1.0), s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("umap neighbors (15) must be less than the number of rows, got 15 rows");
        double[][] nan = gaussian(1, 30, 3, 1.0);
        nan[4][1] = Double.NaN;
        assertThatThrownBy(() -> Umap.fitTransform(nan, s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x row 4 column 1 is NaN");
        double[][] ragged = gaussian(1, 30, 3, 1.0);
        ragged[2] = new double[2];
        assertThatThrownBy(() -> Umap.fitTransform(ragged, s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x row 2 has 2 values; row 0 has 3");
        assertThatThrownBy(() -> Umap.fitTransform(new double[0][], s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x must have at least one row");
        assertThatThrownBy(() -> Umap.fitTransform(gaussian(1, 20, 3, 1.0), Umap.Settings.defaults(19)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("umap components must be <= rows - 2 = 18, got 19");
        assertThatThrownBy(() -> Umap.fitTransform(gaussian(1, 20, 3, 1.0), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("settings");
        assertThatThrownBy(() -> Umap.Settings.defaults(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("umap components must be >= 1, got 0");
        assertThatThrownBy(() -> s.withNeighbors(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("umap neighbors must be >= 2, got 1");
        assertThatThrownBy(() -> s.withMinDist(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("umap minDist must be in [0, spread = 1.0], got 1.5");
        assertThatThrownBy(() -> s.withMinDist(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got NaN");
        assertThatThrownBy(() -> s.withEpochs(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("umap epochs must be >= 0 (0: automatic), got -1");
        assertThatThrownBy(() -> new Umap.Settings(2, 15, 0.1, 0.0, 1, 1, 0, 1, 5, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("umap spread must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> new Umap.Settings(2, 15, 0.1, 1, -1, 1, 0, 1, 5, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("umap localConnectivity");
        assertThatThrownBy(() -> new Umap.Settings(2, 15, 0.1, 1, 1, 1.5, 0, 1, 5, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("umap setOpMixRatio must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> new Umap.Settings(2, 15, 0.1, 1, 1, 1, 0, 0, 5, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("umap learningRate must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> new Umap.Settings(2, 15, 0.1, 1, 1, 1, 0, 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("umap negativeSampleRate must be >= 1, got 0");
        assertThat(s.epochsFor(10_000)).isEqualTo(500);
        assertThat(s.epochsFor(10_001)).isEqualTo(200);
        assertThat(s.withEpochs(30).epochsFor(20_000)).isEqualTo(30);
    }
}
