package org.wisekit.geohard;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Principal component analysis fitted on the rows of a matrix: the data are centred, the population
 * covariance (E x E) is eigen-decomposed (Commons Math {@link SingularValueDecomposition}: for a symmetric
 * positive semi-definite matrix the SVD is the eigen-decomposition), and the {@code k}
 * eigenvectors of the largest eigenvalues are kept. Deterministic: components are ordered by decreasing
 * eigenvalue (ties by the decomposition's order) and each is signed so that its entry of largest absolute
 * value is positive (the first such entry on ties). Cost O(N E^2 + E^3): meant for E up to about a thousand.
 */
public final class Pca {

    private final double[] mean;
    private final double[][] components;
    private final double[] variances;

    private Pca(double[] mean, double[][] components, double[] variances) {
        this.mean = mean;
        this.components = components;
        this.variances = variances;
    }

    /**
     * Fits {@code k} components on {@code rows} (N x E, N >= 2).
     *
     * @throws IllegalArgumentException when the rows are empty, ragged or non-finite, or {@code k} is not in
     *                                  [1, E]
     */
    public static Pca fit(double[][] rows, int k) {
        int dims = GeoHard.checkMatrix(rows);
        if (k < 1 || k > dims) {
            throw new IllegalArgumentException("pca components must be in [1, " + dims + "], got " + k);
        }
        int n = rows.length;
        double[] mean = new double[dims];
        for (double[] r : rows) {
            for (int d = 0; d < dims; d++) {
                mean[d] += r[d];
            }
        }
        for (int d = 0; d < dims; d++) {
            mean[d] /= n;
        }
        double[][] cov = new double[dims][dims];
        double[] centred = new double[dims];
        for (double[] r : rows) {
            for (int d = 0; d < dims; d++) {
                centred[d] = r[d] - mean[d];
            }
            for (int i = 0; i < dims; i++) {
                double ci = centred[i];
                double[] row = cov[i];
                for (int j = i; j < dims; j++) {
                    row[j] += ci * centred[j];
                }
            }
        }
        for (int i = 0; i < dims; i++) {
            for (int j = i; j < dims; j++) {
                cov[i][j] /= n;
                cov[j][i] = cov[i][j];
            }
        }
        // The covariance is symmetric positive semi-definite, so its singular value decomposition is its eigen-
        // decomposition (U holds the eigenvectors, the singular values are the eigenvalues). Commons Math's SVD
        // converges where its EigenDecomposition threw "convergence failed" on a sentence-embedding covariance
        // (on an AVX-512 machine, whose ONNX Runtime kernels give slightly different embeddings).
        SingularValueDecomposition eig = new SingularValueDecomposition(new Array2DRowRealMatrix(cov, false));
        double[] values = eig.getSingularValues();
        RealMatrix vectors = eig.getU();
        Integer[] order = IntStream.range(0, dims).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -values[i]));
        double[][] comps = new double[k][];
        double[] vars = new double[k];
        for (int c = 0; c < k; c++) {
            RealVector v = vectors.getColumnVector(order[c]);
            double[] u = v.toArray();
            double norm = 0;
            for (double x : u) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            int arg = 0;
            for (int d = 1; d < dims; d++) {
                if (Math.abs(u[d]) > Math.abs(u[arg])) {
                    arg = d;
                }
            }
            double sign = u[arg] < 0 ? -1 : 1;
            for (int d = 0; d < dims; d++) {
                u[d] = sign * u[d] / norm;
            }
            comps[c] = u;
            vars[c] = Math.max(0, values[order[c]]);
        }
        return new Pca(mean, comps, vars);
    }

    /** The number of components. */
    public int components() {
        return components.length;
    }

    /** The input dimension. */
    public int inputDimensions() {
        return mean.length;
    }

    /** The fitted mean (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** Component {@code i} (unit length, sign convention above; a copy). */
    public double[] component(int i) {
        return components[i].clone();
    }

    /** The variance along each component (the covariance eigenvalues, decreasing; a copy). */
    public double[] explainedVariance() {
        return variances.clone();
    }

    /** The coordinates of {@code row} on the components, after centring. */
    public double[] transform(double[] row) {
        if (row.length != mean.length) {
            throw new IllegalArgumentException("row length must be " + mean.length + ", got " + row.length);
        }
        double[] out = new double[components.length];
        for (int c = 0; c < components.length; c++) {
            double[] u = components[c];
            double s = 0;
            for (int d = 0; d < mean.length; d++) {
                s += (row[d] - mean[d]) * u[d];
            }
            out[c] = s;
        }
        return out;
    }

    /** Every row transformed (a new N x k matrix). */
    public double[][] transform(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = transform(rows[i]);
        }
        return out;
    }

    /** The components as a k x E matrix (for callers that use Commons Math). */
    public RealMatrix componentMatrix() {
        return new Array2DRowRealMatrix(components, true);
    }
}
