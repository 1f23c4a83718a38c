package org.wisekit.geohard.internal;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.wisekit.tensor.Normals;

/**
 * UMAP's spectral initialisation, as umap-learn 0.5 does it ({@code spectral_layout},
 * {@code multi_component_layout}, {@code component_layout}, {@code noisy_scale_coords} and the rescaling in
 * {@code simplicial_set_embedding}).
 *
 * <ul>
 *   <li><b>Connected graph:</b> the eigenvectors of the normalised Laplacian {@code I - D^-1/2 W D^-1/2} for
 *       its 2nd to {@code (dim + 1)}-th smallest eigenvalues, each of unit length, signed so that its entry of
 *       largest magnitude is positive (ARPACK leaves the sign to chance). Small graphs ({@value #DENSE_MAX}
 *       vertices or fewer, or fewer than {@code 4 dim + 48}) are decomposed densely (Commons Math); larger ones
 *       by a thick-restart Lanczos iteration with full reorthogonalisation on {@code D^-1/2 W D^-1/2}, deflated
 *       by its known top eigenvector {@code D^1/2 1}, to a residual of {@value #TOLERANCE}. When it does not converge the layout
 *       falls back to uniform random coordinates in [-10, 10], as umap-learn does when ARPACK fails.</li>
 *   <li><b>Several connected components:</b> each component is placed around a meta position (the
 *       {@code +-e_i} corners when there are at most {@code 2 dim} components; otherwise a spectral embedding
 *       of the components' centroids with affinity {@code exp(-d^2)}, as scikit-learn's
 *       {@code SpectralEmbedding} computes it, divided by its maximum) and laid out by its own spectral
 *       embedding scaled to half the distance to the nearest other meta position; components with fewer than
 *       {@code 2 dim} vertices (or at most {@code dim + 1}) get uniform random coordinates in that range.</li>
 *   <li>Then, as umap-learn: scaled so that the largest magnitude is 10, plus N(0, 1e-4) noise, and every
 *       column min-max rescaled to [0, 10].</li>
 * </ul>
 */
public final class SpectralInit {

    /** Graphs up to this size are decomposed densely. */
    static final int DENSE_MAX = 100;
    /** Lanczos residual tolerance {@code ||M y - theta y||} for unit y. */
    static final double TOLERANCE = 1e-6;
    /** Lanczos restarts before giving up (then random initialisation). */
    static final int MAX_RESTARTS = 300;

    private SpectralInit() {
    }

    /**
     * The initial layout.
     *
     * @param coords     n x dim row-major coordinates in [0, 10]
     * @param components connected components of the graph
     * @param randomRows rows placed at random rather than spectrally (small components, or an eigensolver
     *                   failure)
     */
    public record Layout(double[] coords, int components, int randomRows) {
    }

    /**
     * Initial coordinates for {@code graph} (symmetric, non-negative) in {@code dim} dimensions.
     *
     * @param data the input rows (for the centroids of components when there are many)
     * @param rng  the seeded generator for noise and random placement
     */
    public static Layout compute(FuzzyGraph.Sparse graph, double[][] data, int dim, SplittableRandom rng) {
        int n = graph.rows();
        int[] label = new int[n];
        int nc = components(graph, label);
        double[] coords = new double[n * dim];
        int randomRows = 0;
        if (nc == 1) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            double[][] vectors = spectral(graph, all, dim, Solver.AUTO, rng);
            if (vectors == null) {
                for (int e = 0; e < coords.length; e++) {
                    coords[e] = uniform(rng, -10, 10);
                }
                randomRows = n;
            } else {
                for (int i = 0; i < n; i++) {
                    for (int d = 0; d < dim; d++) {
                        coords[i * dim + d] = vectors[d][i];
                    }
                }
            }
        } else {
            randomRows = multiComponent(graph, data, label, nc, dim, rng, coords);
        }
        // noisy_scale_coords(max_coord = 10, noise = 1e-4)
        double maxAbs = 0;
        for (double v : coords) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        double expansion = maxAbs > 0 ? 10.0 / maxAbs : 1.0;
        for (int e = 0; e < coords.length; e++) {
            coords[e] = coords[e] * expansion + 1e-4 * Normals.next(rng);
        }
        // 10 * (x - min) / (max - min) per column
        for (int d = 0; d < dim; d++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                lo = Math.min(lo, coords[i * dim + d]);
                hi = Math.max(hi, coords[i * dim + d]);
            }
            double range = hi - lo;
            for (int i = 0; i < n; i++) {
                coords[i * dim + d] = range > 0 ? 10.0 * (coords[i * dim + d] - lo) / range : 0.0;
            }
        }
        return new Layout(coords, nc, randomRows);
    }

    /** Component labels numbered in order of their lowest vertex; returns their count. */
    static int components(FuzzyGraph.Sparse g, int[] label) {
        Arrays.fill(label, -1);
        int[] queue = new int[g.rows()];
        int count = 0;
        for (int s = 0; s < g.rows(); s++) {
            if (label[s] >= 0) {
                continue;
            }
            int head = 0;
            int tail = 0;
            queue[tail++] = s;
            label[s] = count;
            while (head < tail) {
                int v = queue[head++];
                for (int e = g.rowStart()[v]; e < g.rowStart()[v + 1]; e++) {
                    int u = g.cols()[e];
                    if (label[u] < 0) {
                        label[u] = count;
                        queue[tail++] = u;
                    }
                }
            }
            count++;
        }
        return count;
    }

    private static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    /** umap-learn's multi_component_layout; returns the number of rows placed at random. */
    private static int multiComponent(FuzzyGraph.Sparse graph, double[][] data, int[] label, int nc, int dim,
            SplittableRandom rng, double[] coords) {
        double[][] meta;
        if (nc > 2 * dim) {
            meta = componentLayout(data, label, nc, dim);
        } else {
            int k = (nc + 1) / 2;
            meta = new double[nc][dim];
            for (int c = 0; c < nc; c++) {
                meta[c][c % k] = c < k ? 1.0 : -1.0;
            }
        }
        int n = graph.rows();
        int[] members = new int[n];
        int randomRows = 0;
        for (int c = 0; c < nc; c++) {
            int size = 0;
            for (int i = 0; i < n; i++) {
                if (label[i] == c) {
                    members[size++] = i;
                }
            }
            int[] vertices = Arrays.copyOf(members, size);
            double nearest = Double.POSITIVE_INFINITY;
            for (int o = 0; o < nc; o++) {
                double s = 0;
                for (int d = 0; d < dim; d++) {
                    double diff = meta[c][d] - meta[o][d];
                    s += diff * diff;
                }
                double dist = Math.sqrt(s);
                if (dist > 0) {
                    nearest = Math.min(nearest, dist);
                }
            }
            double range = nearest == Double.POSITIVE_INFINITY ? 1.0 : nearest / 2.0;
            boolean tooSmall = size < 2 * dim || size <= dim + 1;
            double[][] vectors = tooSmall ? null : spectral(graph, vertices, dim, Solver.AUTO, rng);
            if (vectors == null) {
                for (int v : vertices) {
                    for (int d = 0; d < dim; d++) {
                        coords[v * dim + d] = uniform(rng, -range, range) + meta[c][d];
                    }
                }
                randomRows += size;
                continue;
            }
            double maxAbs = 0;
            for (double[] vec : vectors) {
                for (double v : vec) {
                    maxAbs = Math.max(maxAbs, Math.abs(v));
                }
            }
            double expansion = range / maxAbs;
            for (int r = 0; r < size; r++) {
                for (int d = 0; d < dim; d++) {
                    coords[vertices[r] * dim + d] = vectors[d][r] * expansion + meta[c][d];
                }
            }
        }
        return randomRows;
    }

    /**
     * scikit-learn's SpectralEmbedding of the component centroids with affinity {@code exp(-d^2)}: eigenvectors
     * 2..dim+1 of the normalised Laplacian (diagonal of the affinity ignored), divided by the square-root degrees,
     * each signed so that its largest-magnitude entry is positive; then divided by the overall maximum.
     */
    private static double[][] componentLayout(double[][] data, int[] label, int nc, int dim) {
        int e = data[0].length;
        double[][] centroid = new double[nc][e];
        int[] count = new int[nc];
        for (int i = 0; i < data.length; i++) {
            count[label[i]]++;
            for (int d = 0; d < e; d++) {
                centroid[label[i]][d] += data[i][d];
            }
        }
        for (int c = 0; c < nc; c++) {
            for (int d = 0; d < e; d++) {
                centroid[c][d] /= count[c];
            }
        }
        double[][] affinity = new double[nc][nc];
        double[] sqrtDegree = new double[nc];
        for (int a = 0; a < nc; a++) {
            for (int b = 0; b < nc; b++) {
                if (a != b) {
                    double s = 0;
                    for (int d = 0; d < e; d++) {
                        double diff = centroid[a][d] - centroid[b][d];
                        s += diff * diff;
                    }
                    affinity[a][b] = Math.exp(-s);
                    sqrtDegree[a] += affinity[a][b];
                }
            }
        }
        for (int a = 0; a < nc; a++) {
            sqrtDegree[a] = sqrtDegree[a] == 0 ? 1.0 : Math.sqrt(sqrtDegree[a]);
        }
        double[][] laplacian = new double[nc][nc];
        for (int a = 0; a < nc; a++) {
            for (int b = 0; b < nc; b++) {
                laplacian[a][b] = a == b ? 1.0 : -affinity[a][b] / (sqrtDegree[a] * sqrtDegree[b]);
            }
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(laplacian, false));
        double[] values = eig.getRealEigenvalues();
        Integer[] order = new Integer[nc];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
        double[][] meta = new double[nc][dim];
        double max = Double.NEGATIVE_INFINITY;
        for (int d = 0; d < dim; d++) {
            double[] u = eig.getEigenvector(order[d + 1]).toArray();
            for (int a = 0; a < nc; a++) {
                u[a] /= sqrtDegree[a];
            }
            double sign = Math.signum(u[argMaxAbs(u)]);
            for (int a = 0; a < nc; a++) {
                meta[a][d] = sign * u[a];
                max = Math.max(max, meta[a][d]);
            }
        }
        for (double[] row : meta) {
            for (int d = 0; d < dim; d++) {
                row[d] /= max;
            }
        }
        return meta;
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

    /** Which eigensolver {@link #eigenvectors} uses. */
    public enum Solver {
        /** Dense up to {@value #DENSE_MAX} vertices (or {@code 4 dim + 48}), Lanczos beyond. */
        AUTO,
        /** Commons Math's dense symmetric decomposition. */
        DENSE,
        /** The thick-restart Lanczos iteration. */
        LANCZOS
    }

    /**
     * Eigenvectors 2..dim+1 (by increasing eigenvalue) of the normalised Laplacian of a connected graph with more
     * than {@code dim + 2} vertices, as {@code dim} unit vectors signed so that the largest-magnitude entry is
     * positive; null when the Lanczos iteration does not converge.
     */
    public static double[][] eigenvectors(FuzzyGraph.Sparse g, int dim, Solver solver, SplittableRandom rng) {
        int[] all = new int[g.rows()];
        Arrays.setAll(all, i -> i);
        return spectral(g, all, dim, solver, rng);
    }

    /**
     * Eigenvectors 2..dim+1 (by increasing eigenvalue) of the normalised Laplacian of the subgraph on
     * {@code vertices} (connected, more than {@code dim + 1} vertices), as {@code dim} unit vectors over the
     * vertices, each signed so that its largest-magnitude entry is positive; null when the iteration does not
     * converge.
     */
    static double[][] spectral(FuzzyGraph.Sparse g, int[] vertices, int dim, Solver solver, SplittableRandom rng) {
        Operator op = Operator.of(g, vertices);
        boolean small = op.n <= Math.max(DENSE_MAX, 4 * dim + 48);
        boolean dense = solver == Solver.DENSE || (solver == Solver.AUTO && small);
        double[][] vectors = dense ? dense(op, dim) : lanczos(op, dim, rng);
        if (vectors == null) {
            return null;
        }
        for (double[] v : vectors) {
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            double sign = v[argMaxAbs(v)] < 0 ? -1 : 1;
            for (int i = 0; i < v.length; i++) {
                v[i] = sign * v[i] / norm;
            }
        }
        return vectors;
    }

    /** {@code D^-1/2 W D^-1/2} of a subgraph, in compressed rows with local indices. */
    static final class Operator {
        final int n;
        final int[] start;
        final int[] cols;
        final double[] vals;
        /** The unit top eigenvector {@code D^1/2 1 / |D^1/2 1|}. */
        final double[] top;

        private Operator(int n, int[] start, int[] cols, double[] vals, double[] top) {
            this.n = n;
            this.start = start;
            this.cols = cols;
            this.vals = vals;
            this.top = top;
        }

        static Operator of(FuzzyGraph.Sparse g, int[] vertices) {
            int n = vertices.length;
            int[] local = new int[g.rows()];
            Arrays.fill(local, -1);
            for (int i = 0; i < n; i++) {
                local[vertices[i]] = i;
            }
            double[] degree = new double[n];
            int[] start = new int[n + 1];
            for (int i = 0; i < n; i++) {
                int v = vertices[i];
                int kept = 0;
                for (int e = g.rowStart()[v]; e < g.rowStart()[v + 1]; e++) {
                    if (local[g.cols()[e]] >= 0) {
                        degree[i] += g.values()[e];
                        kept++;
                    }
                }
                start[i + 1] = start[i] + kept;
            }
            int[] cols = new int[start[n]];
            double[] vals = new double[start[n]];
            double[] invSqrt = new double[n];
            for (int i = 0; i < n; i++) {
                invSqrt[i] = 1.0 / Math.sqrt(degree[i]);
            }
            for (int i = 0; i < n; i++) {
                int v = vertices[i];
                int o = start[i];
                for (int e = g.rowStart()[v]; e < g.rowStart()[v + 1]; e++) {
                    int c = local[g.cols()[e]];
                    if (c >= 0) {
                        cols[o] = c;
                        vals[o++] = g.values()[e] * invSqrt[i] * invSqrt[c];
                    }
                }
            }
            double[] top = new double[n];
            double norm = 0;
            for (int i = 0; i < n; i++) {
                top[i] = Math.sqrt(degree[i]);
                norm += degree[i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                top[i] /= norm;
            }
            return new Operator(n, start, cols, vals, top);
        }

        void apply(double[] x, double[] y) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int e = start[i]; e < start[i + 1]; e++) {
                    s += vals[e] * x[cols[e]];
                }
                y[i] = s;
            }
        }
    }

    /** Dense decomposition: eigenvectors of the 2nd..(dim+1)-th largest eigenvalues of the operator. */
    private static double[][] dense(Operator op, int dim) {
        int n = op.n;
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int e = op.start[i]; e < op.start[i + 1]; e++) {
                m[i][op.cols[e]] = op.vals[e];
            }
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(m, false));
        double[] values = eig.getRealEigenvalues();
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
        double[][] out = new double[dim][];
        for (int d = 0; d < dim; d++) {
            out[d] = eig.getEigenvector(order[d + 1]).toArray();
        }
        return out;
    }

    /**
     * Thick-restart Lanczos (Wu and Simon 2000) for the {@code dim} largest eigenvalues of the operator on the
     * complement of its top eigenvector; null when not converged within {@value #MAX_RESTARTS} restarts.
     */
    private static double[][] lanczos(Operator op, int want, SplittableRandom rng) {
        int n = op.n;
        int m = Math.min(n - 2, Math.max(2 * want + 24, 64));
        if (m < want + 8) {
            return dense(op, want); // too small a graph for a restarted subspace
        }
        int keepMax = (m + want) / 2;
        double[][] v = new double[m + 1][n];
        double[][] ritz = new double[keepMax][n];
        double[] w = new double[n];
        double[] h = new double[m];
        double[][] t = new double[m][m];
        randomOrthogonal(op, v, 0, rng);
        int p = 0;
        for (int restart = 0; restart <= MAX_RESTARTS; restart++) {
            double beta = 0;
            for (int j = p; j < m; j++) {
                op.apply(v[j], w);
                project(w, op.top);
                Arrays.fill(h, 0, j + 1, 0.0);
                for (int pass = 0; pass < 2; pass++) {
                    for (int i = 0; i <= j; i++) {
                        double[] vi = v[i];
                        double s = 0;
                        for (int r = 0; r < n; r++) {
                            s += vi[r] * w[r];
                        }
                        h[i] += s;
                        for (int r = 0; r < n; r++) {
                            w[r] -= s * vi[r];
                        }
                    }
                }
                project(w, op.top);
                for (int i = 0; i <= j; i++) {
                    t[i][j] = h[i];
                    t[j][i] = h[i];
                }
                beta = norm(w);
                if (beta < 1e-10) {
                    // Invariant subspace: continue from a fresh direction (no coupling).
                    beta = 0;
                    System.arraycopy(w, 0, v[j + 1], 0, n);
                    randomOrthogonal(op, v, j + 1, rng);
                } else {
                    for (int r = 0; r < n; r++) {
                        v[j + 1][r] = w[r] / beta;
                    }
                }
            }
            EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(t, true));
            double[] values = eig.getRealEigenvalues();
            Integer[] order = new Integer[m];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
            boolean converged = true;
            for (int r = 0; r < want && converged; r++) {
                double lastComponent = eig.getEigenvector(order[r]).getEntry(m - 1);
                converged = Math.abs(beta * lastComponent) <= TOLERANCE;
            }
            int keep = converged ? want : keepMax;
            for (int r = 0; r < keep; r++) {
                double[] s = eig.getEigenvector(order[r]).toArray();
                double[] y = ritz[r];
                Arrays.fill(y, 0.0);
                for (int i = 0; i < m; i++) {
                    double si = s[i];
                    double[] vi = v[i];
                    for (int q = 0; q < n; q++) {
                        y[q] += si * vi[q];
                    }
                }
            }
            if (converged) {
                double[][] out = new double[want][];
                for (int r = 0; r < want; r++) {
                    out[r] = ritz[r].clone();
                }
                return out;
            }
            if (restart == MAX_RESTARTS) {
                break;
            }
            for (int r = 0; r < keep; r++) {
                System.arraycopy(ritz[r], 0, v[r], 0, n);
            }
            System.arraycopy(v[m], 0, v[keep], 0, n);
            for (double[] row : t) {
                Arrays.fill(row, 0.0);
            }
            for (int r = 0; r < keep; r++) {
                t[r][r] = values[order[r]];
            }
            p = keep;
        }
        return null;
    }

    /** Fills {@code v[j]} with a seeded random unit vector orthogonal to {@code top} and {@code v[0..j-1]}. */
    private static void randomOrthogonal(Operator op, double[][] v, int j, SplittableRandom rng) {
        double[] x = v[j];
        for (int attempt = 0; attempt < 10; attempt++) {
            for (int r = 0; r < x.length; r++) {
                x[r] = rng.nextDouble() - 0.5;
            }
            for (int pass = 0; pass < 2; pass++) {
                project(x, op.top);
                for (int i = 0; i < j; i++) {
                    project(x, v[i]);
                }
            }
            double norm = norm(x);
            if (norm > 1e-8) {
                for (int r = 0; r < x.length; r++) {
                    x[r] /= norm;
                }
                return;
            }
        }
        throw new IllegalStateException("no direction left orthogonal to the Krylov basis");
    }

    /** {@code x -= (x . u) u} for unit u. */
    private static void project(double[] x, double[] u) {
        double s = 0;
        for (int r = 0; r < x.length; r++) {
            s += x[r] * u[r];
        }
        for (int r = 0; r < x.length; r++) {
            x[r] -= s * u[r];
        }
    }

    private static double norm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
