package org.wisekit.geohard;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.wisekit.geohard.internal.CurveFit;
import org.wisekit.geohard.internal.FuzzyGraph;
import org.wisekit.geohard.internal.LayoutOptimizer;
import org.wisekit.geohard.internal.NearestNeighbors;
import org.wisekit.geohard.internal.SpectralInit;

/**
 * UMAP (McInnes, Healy, Melville 2018, arXiv 1802.03426), following umap-learn 0.5 with its defaults, Euclidean
 * input metric and a seeded single-threaded optimisation, so that one seed gives one embedding bit for bit (on a
 * given JVM and platform, whatever the core count; {@code Math.exp} and {@code Math.log} may differ by an ulp
 * between platforms).
 *
 * <ol>
 *   <li><b>Neighbours:</b> the exact {@code neighbors} nearest rows of every row (itself first), by brute force
 *       (umap-learn approximates them with NN-descent).</li>
 *   <li><b>Fuzzy graph:</b> per row {@code rho} (distance to the {@code localConnectivity}-th nearest non-identical
 *       neighbour) and {@code sigma} with {@code sum_j exp(-max(0, d_ij - rho) / sigma) = log2(neighbors)};
 *       memberships {@code exp(-max(0, d_ij - rho_i) / sigma_i)}, combined by fuzzy union
 *       {@code W + W^T - W o W^T} ({@code setOpMixRatio} 1; 0 is the intersection).</li>
 *   <li><b>Epochs:</b> {@code epochs}, or 500 for up to 10,000 rows and 200 beyond; edges below
 *       {@code max weight / epochs} are dropped; each edge is sampled every {@code max weight / weight} epochs.</li>
 *   <li><b>Curve:</b> {@code a, b} of {@code 1 / (1 + a d^(2b))} fitted to the offset exponential of
 *       {@code minDist} and {@code spread} by least squares (a = 1.577, b = 0.895 for the defaults).</li>
 *   <li><b>Initialisation:</b> spectral (normalised Laplacian eigenvectors; components of a disconnected graph
 *       laid out around meta positions as umap-learn does), scaled to 10, N(0, 1e-4) noise, rescaled to [0, 10]
 *       per column.</li>
 *   <li><b>Optimisation:</b> SGD with learning rate decaying linearly from {@code learningRate},
 *       {@code negativeSampleRate} negative samples per positive sample, repulsion strength 1, gradient clipped
 *       to [-4, 4] per coordinate.</li>
 * </ol>
 *
 * <p>Differences from umap-learn: exact instead of approximate neighbours, double instead of float32
 * arithmetic, {@link SplittableRandom} instead of numpy's and the Tausworthe generators, and a thick-restart
 * Lanczos iteration instead of ARPACK (eigenvectors signed so that the largest-magnitude entry is positive), so
 * embeddings agree with umap-learn's in distribution, not number for number. The methods print nothing and are
 * thread-safe.
 */
public final class Umap {

    private Umap() {
    }

    /**
     * UMAP's parameters (umap-learn names in brackets).
     *
     * @param components         output dimension [n_components], {@code >= 1}
     * @param neighbors          neighbourhood size, the row itself included [n_neighbors], {@code >= 2}
     * @param minDist            minimum distance of the output curve [min_dist], in {@code [0, spread]}
     * @param spread             scale of the output curve [spread], {@code > 0}
     * @param localConnectivity  neighbours assumed connected [local_connectivity], {@code >= 0}
     * @param setOpMixRatio      1 fuzzy union, 0 fuzzy intersection [set_op_mix_ratio], in [0, 1]
     * @param epochs             SGD epochs [n_epochs]; 0 picks 500 for up to 10,000 rows, else 200
     * @param learningRate       initial SGD step [learning_rate], {@code > 0}
     * @param negativeSampleRate negative samples per positive sample [negative_sample_rate], {@code >= 1}
     * @param seed               seed of the initialisation noise and of the SGD sampling [random_state]
     */
    public record Settings(int components, int neighbors, double minDist, double spread, double localConnectivity,
                           double setOpMixRatio, int epochs, double learningRate, int negativeSampleRate, long seed) {

        /** Checks every parameter; the message names the parameter and the value. */
        public Settings {
            if (components < 1) {
                throw new IllegalArgumentException("umap components must be >= 1, got " + components);
            }
            if (neighbors < 2) {
                throw new IllegalArgumentException("umap neighbors must be >= 2, got " + neighbors);
            }
            if (!(spread > 0) || !Double.isFinite(spread)) {
                throw new IllegalArgumentException("umap spread must be finite and > 0, got " + spread);
            }
            if (!(minDist >= 0 && minDist <= spread)) {
                throw new IllegalArgumentException("umap minDist must be in [0, spread = " + spread + "], got "
                        + minDist);
            }
            if (!(localConnectivity >= 0) || !Double.isFinite(localConnectivity)) {
                throw new IllegalArgumentException("umap localConnectivity must be finite and >= 0, got "
                        + localConnectivity);
            }
            if (!(setOpMixRatio >= 0 && setOpMixRatio <= 1)) {
                throw new IllegalArgumentException("umap setOpMixRatio must be in [0, 1], got " + setOpMixRatio);
            }
            if (epochs < 0) {
                throw new IllegalArgumentException("umap epochs must be >= 0 (0: automatic), got " + epochs);
            }
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("umap learningRate must be finite and > 0, got " + learningRate);
            }
            if (negativeSampleRate < 1) {
                throw new IllegalArgumentException("umap negativeSampleRate must be >= 1, got " + negativeSampleRate);
            }
        }

        /**
         * umap-learn's defaults with {@code components} output dimensions and seed 0: 15 neighbours, min_dist
         * 0.1, spread 1, local connectivity 1, fuzzy union, automatic epochs, learning rate 1, 5 negative samples.
         */
        public static Settings defaults(int components) {
            return new Settings(components, 15, 0.1, 1.0, 1.0, 1.0, 0, 1.0, 5, 0L);
        }

        /** These settings with another seed. */
        public Settings withSeed(long s) {
            return new Settings(components, neighbors, minDist, spread, localConnectivity, setOpMixRatio, epochs,
                    learningRate, negativeSampleRate, s);
        }

        /** These settings with another neighbourhood size. */
        public Settings withNeighbors(int k) {
            return new Settings(components, k, minDist, spread, localConnectivity, setOpMixRatio, epochs,
                    learningRate, negativeSampleRate, seed);
        }

        /** These settings with another min_dist. */
        public Settings withMinDist(double d) {
            return new Settings(components, neighbors, d, spread, localConnectivity, setOpMixRatio, epochs,
                    learningRate, negativeSampleRate, seed);
        }

        /** These settings with a fixed number of epochs (0: automatic). */
        public Settings withEpochs(int e) {
            return new Settings(components, neighbors, minDist, spread, localConnectivity, setOpMixRatio, e,
                    learningRate, negativeSampleRate, seed);
        }

        /** The epochs used for {@code rows} rows: {@link #epochs()} when set, else 500 up to 10,000 rows, else 200. */
        public int epochsFor(int rows) {
            return epochs > 0 ? epochs : defaultEpochs(rows);
        }
    }

    /**
     * A fitted embedding and what was used to get it.
     *
     * @param embedding  n x components coordinates
     * @param a          the fitted curve parameter a
     * @param b          the fitted curve parameter b
     * @param epochs     the SGD epochs run
     * @param edges      directed edges optimised (each undirected edge counts twice)
     * @param components connected components of the fuzzy graph
     * @param randomRows rows initialised at random instead of spectrally (components smaller than
     *                   {@code 2 * components}, or an eigensolver failure); 0 in the usual case
     */
    public record Result(double[][] embedding, double a, double b, int epochs, int edges, int components,
                         int randomRows) {
    }

    /** The UMAP embedding of the rows of {@code x} (n x E, finite, n {@code > neighbors}). */
    public static double[][] fitTransform(double[][] x, Settings settings) {
        return fit(x, settings, null).embedding();
    }

    /**
     * Fits UMAP on the rows of {@code x}.
     *
     * @param x        n x E finite values with n {@code > neighbors} and n {@code >= components + 2}
     * @param settings the parameters and seed
     * @param progress called with the number of SGD epochs done after each epoch; null for none
     * @throws IllegalArgumentException naming the parameter and the value when the input is invalid
     */
    public static Result fit(double[][] x, Settings settings, IntConsumer progress) {
        if (settings == null) {
            throw new IllegalArgumentException("settings must not be null");
        }
        checkRows(x);
        int n = x.length;
        if (n <= settings.neighbors()) {
            throw new IllegalArgumentException("umap neighbors (" + settings.neighbors()
                    + ") must be less than the number of rows, got " + n + " rows");
        }
        int dim = settings.components();
        if (dim > n - 2) {
            throw new IllegalArgumentException("umap components must be <= rows - 2 = " + (n - 2) + ", got " + dim);
        }
        int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        NearestNeighbors.Knn knn = NearestNeighbors.exact(x, settings.neighbors(), threads);
        double[][] sigmaRho = FuzzyGraph.smoothKnn(knn, settings.neighbors(), settings.localConnectivity());
        FuzzyGraph.Sparse graph = FuzzyGraph.build(knn, sigmaRho[0], sigmaRho[1], settings.setOpMixRatio());
        int epochs = settings.epochsFor(n);
        double pruneEpochs = epochs > 10 ? epochs : defaultEpochs(n);
        graph = graph.dropBelow(graph.max() / pruneEpochs);
        double[] ab = CurveFit.ab(settings.spread(), settings.minDist());
        SplittableRandom root = new SplittableRandom(settings.seed());
        SplittableRandom initRandom = root.split();
        SplittableRandom sgdRandom = root.split();
        SpectralInit.Layout init = SpectralInit.compute(graph, x, dim, initRandom);
        double[] y = init.coords();
        LayoutOptimizer.optimize(y, dim, graph, epochs, ab[0], ab[1], 1.0, settings.learningRate(),
                settings.negativeSampleRate(), sgdRandom, progress);
        double[][] out = new double[n][dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(y, i * dim, out[i], 0, dim);
        }
        return new Result(out, ab[0], ab[1], epochs, graph.entries(), init.components(), init.randomRows());
    }

    private static int defaultEpochs(int rows) {
        return rows <= 10_000 ? 500 : 200;
    }

    private static void checkRows(double[][] x) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("x must have at least one row, got " + (x == null ? "null" : "0 rows"));
        }
        int dims = x[0] == null ? 0 : x[0].length;
        for (int i = 0; i < x.length; i++) {
            double[] r = x[i];
            if (r == null || r.length == 0) {
                throw new IllegalArgumentException("x row " + i + " is " + (r == null ? "null" : "empty"));
            }
            if (r.length != dims) {
                throw new IllegalArgumentException("x row " + i + " has " + r.length + " values; row 0 has " + dims
                        + " (ragged rows)");
            }
            for (int d = 0; d < dims; d++) {
                if (!Double.isFinite(r[d])) {
                    throw new IllegalArgumentException("x row " + i + " column " + d + " is " + r[d]
                            + "; every value must be finite");
                }
            }
        }
    }
}
