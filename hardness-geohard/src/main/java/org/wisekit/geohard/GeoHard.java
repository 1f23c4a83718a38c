package org.wisekit.geohard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * GeoHard class-wise hardness (Cai, Zhao, Zhang, Gurevych, Koeppl, Findings of ACL 2024, arXiv 2407.12512).
 * For class k with embeddings X_k and K classes:
 * <ul>
 *   <li>{@code H_intra(k) = || var(X_k) ||_2}: the L2 norm of the per-dimension population variance;</li>
 *   <li>{@code H_inter(k) = -1/(K-1) * sum_{i != k} || mean(X_k) - mean(X_i) ||_1}: minus the mean L1 distance
 *       between centroids;</li>
 *   <li>{@code H(k) = H_intra(k) + H_inter(k)}, unweighted; higher means harder.</li>
 * </ul>
 * Intra scales as s^2 and inter as s when the embeddings are scaled by s, so the sum depends on the scale of the
 * embedding space; both terms are always reported beside it.
 *
 * <p>{@code compute} validates the input, applies the {@link Options#transform() transform} (fitted on all
 * rows; UMAP seeded with {@link Options#seed()}), draws the {@link Options#balance() balanced sample} (seeded),
 * and accumulates per-class statistics in one streaming pass ({@link ClassStatistics}). Classes are reported in
 * sorted label order (numeric for {@code int} labels). All methods are stateless and thread-safe.
 */
public final class GeoHard {

    private GeoHard() {
    }

    /** GeoHard of every class of {@code embeddings} (N x E) labelled by {@code labels} (length N). */
    public static List<ClassHardness> compute(double[][] embeddings, int[] labels, Options options) {
        checkMatrix(embeddings);
        return run(embeddings, null, intClasses(labels, embeddings.length), options);
    }

    /** As {@link #compute(double[][], int[], Options)} for float embeddings (widened to double). */
    public static List<ClassHardness> compute(float[][] embeddings, int[] labels, Options options) {
        checkMatrix(embeddings);
        return run(null, embeddings, intClasses(labels, embeddings.length), options);
    }

    /** GeoHard of every class of {@code embeddings} (N x E) labelled by {@code labels} (length N, non-null). */
    public static List<ClassHardness> compute(double[][] embeddings, String[] labels, Options options) {
        checkMatrix(embeddings);
        return run(embeddings, null, stringClasses(labels, embeddings.length), options);
    }

    /** As {@link #compute(double[][], String[], Options)} for float embeddings (widened to double). */
    public static List<ClassHardness> compute(float[][] embeddings, String[] labels, Options options) {
        checkMatrix(embeddings);
        return run(null, embeddings, stringClasses(labels, embeddings.length), options);
    }

    /**
     * GeoHard from accumulated statistics; {@code labels.get(c)} names class {@code c}.
     *
     * @throws IllegalArgumentException when the labels do not match the classes, there are fewer than 2 classes or a class has fewer than 2 rows
     */
    public static List<ClassHardness> fromStatistics(ClassStatistics stats, List<String> labels) {
        int k = stats.classes();
        if (labels.size() != k) {
            throw new IllegalArgumentException("labels must name " + k + " classes, got " + labels.size());
        }
        if (k < 2) {
            throw new IllegalArgumentException("K (number of classes) must be >= 2, got " + k);
        }
        for (int c = 0; c < k; c++) {
            if (stats.count(c) < 2) {
                throw new IllegalArgumentException("class '" + labels.get(c) + "' has " + stats.count(c)
                        + " item(s); every class needs >= 2");
            }
        }
        int dims = stats.dimensions();
        double[][] means = new double[k][];
        double[] intra = new double[k];
        for (int c = 0; c < k; c++) {
            means[c] = stats.mean(c);
            double s = 0;
            for (double v : stats.variance(c)) {
                s += v * v;
            }
            intra[c] = Math.sqrt(s);
        }
        double[][] dist = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                double s = 0;
                for (int d = 0; d < dims; d++) {
                    s += Math.abs(means[a][d] - means[b][d]);
                }
                dist[a][b] = s;
                dist[b][a] = s;
            }
        }
        double[] inter = new double[k];
        double[] h = new double[k];
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int o = 0; o < k; o++) {
                s += dist[c][o];
            }
            inter[c] = -s / (k - 1);
            h[c] = intra[c] + inter[c];
        }
        int[] rank = ranks(h);
        List<ClassHardness> out = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            out.add(new ClassHardness(labels.get(c), (int) stats.count(c), intra[c], inter[c], h[c], rank[c]));
        }
        return Collections.unmodifiableList(out);
    }

    /** Rank 1 for the highest value; ties keep index order. */
    private static int[] ranks(double[] h) {
        Integer[] order = new Integer[h.length];
        for (int i = 0; i < h.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(h[b], h[a]));
        int[] rank = new int[h.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r + 1;
        }
        return rank;
    }

    /** Class index per row and the sorted class names. */
    private record Classes(int[] index, List<String> names) {
    }

    private static Classes intClasses(int[] labels, int rows) {
        if (labels == null || labels.length != rows) {
            throw new IllegalArgumentException("labels length must equal the number of embedding rows (" + rows
                    + "), got " + (labels == null ? "null" : labels.length));
        }
        int[] distinct = Arrays.stream(labels).distinct().sorted().toArray();
        int[] index = new int[rows];
        for (int i = 0; i < rows; i++) {
            index[i] = Arrays.binarySearch(distinct, labels[i]);
        }
        List<String> names = Arrays.stream(distinct).mapToObj(String::valueOf).toList();
        return new Classes(index, names);
    }

    private static Classes stringClasses(String[] labels, int rows) {
        if (labels == null || labels.length != rows) {
            throw new IllegalArgumentException("labels length must equal the number of embedding rows (" + rows
                    + "), got " + (labels == null ? "null" : labels.length));
        }
        TreeMap<String, Integer> ids = new TreeMap<>();
        for (int i = 0; i < rows; i++) {
            if (labels[i] == null) {
                throw new IllegalArgumentException("labels[" + i + "] must not be null");
            }
            ids.put(labels[i], 0);
        }
        List<String> names = new ArrayList<>(ids.keySet());
        for (int c = 0; c < names.size(); c++) {
            ids.put(names.get(c), c);
        }
        int[] index = new int[rows];
        for (int i = 0; i < rows; i++) {
            index[i] = ids.get(labels[i]);
        }
        return new Classes(index, List.copyOf(names));
    }

    private static List<ClassHardness> run(double[][] dRows, float[][] fRows, Classes classes, Options options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        int k = classes.names().size();
        int n = classes.index().length;
        int[] counts = new int[k];
        for (int c : classes.index()) {
            counts[c]++;
        }
        if (k < 2) {
            throw new IllegalArgumentException("K (number of classes) must be >= 2, got " + k
                    + (k == 1 ? " (label '" + classes.names().get(0) + "')" : ""));
        }
        for (int c = 0; c < k; c++) {
            if (counts[c] < 2) {
                throw new IllegalArgumentException("class '" + classes.names().get(c) + "' has " + counts[c]
                        + " item; every class needs >= 2");
            }
        }
        if (options.transform().kind() == Transform.Kind.PCA) {
            double[][] rows = dRows != null ? dRows : widen(fRows);
            dRows = Pca.fit(rows, options.transform().components()).transform(rows);
            fRows = null;
        } else if (options.transform().kind() == Transform.Kind.UMAP) {
            double[][] rows = dRows != null ? dRows : widen(fRows);
            Umap.Settings settings = Umap.Settings.defaults(options.transform().components()).withSeed(options.seed());
            try {
                dRows = Umap.fitTransform(rows, settings);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("transform '" + options.transform() + "': " + e.getMessage(), e);
            }
            fRows = null;
        }
        int[] selected = select(classes, counts, options);
        int dims = dRows != null ? dRows[0].length : fRows[0].length;
        ClassStatistics stats = new ClassStatistics(k, dims);
        for (int i : selected) {
            if (dRows != null) {
                stats.add(classes.index()[i], dRows[i]);
            } else {
                stats.add(classes.index()[i], fRows[i]);
            }
        }
        return fromStatistics(stats, classes.names());
    }

    /** The rows to use, in increasing order: all, or {@code balance} per class drawn without replacement. */
    private static int[] select(Classes classes, int[] counts, Options options) {
        int n = classes.index().length;
        int per = options.balance();
        if (per == 0) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int k = counts.length;
        int[][] members = new int[k][];
        int[] fill = new int[k];
        for (int c = 0; c < k; c++) {
            if (counts[c] < per) {
                throw new IllegalArgumentException("balance " + per + " exceeds the size of class '"
                        + classes.names().get(c) + "' (" + counts[c] + " items); the smallest class has "
                        + Arrays.stream(counts).min().getAsInt());
            }
            members[c] = new int[counts[c]];
        }
        for (int i = 0; i < n; i++) {
            int c = classes.index()[i];
            members[c][fill[c]++] = i;
        }
        SplittableRandom random = new SplittableRandom(options.seed());
        int[] out = new int[k * per];
        int o = 0;
        for (int c = 0; c < k; c++) {
            int[] m = members[c];
            for (int j = 0; j < per; j++) {
                int swap = j + random.nextInt(m.length - j);
                int t = m[j];
                m[j] = m[swap];
                m[swap] = t;
                out[o++] = m[j];
            }
        }
        Arrays.sort(out);
        return out;
    }

    private static double[][] widen(float[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new double[rows[i].length];
            for (int d = 0; d < rows[i].length; d++) {
                out[i][d] = rows[i][d];
            }
        }
        return out;
    }

    /** Checks a non-empty, rectangular, finite matrix; returns its width. */
    static int checkMatrix(double[][] rows) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("embeddings must have at least one row, got "
                    + (rows == null ? "null" : "0 rows"));
        }
        int dims = checkWidth(rows[0], 0, -1);
        for (int i = 0; i < rows.length; i++) {
            checkWidth(rows[i], i, dims);
            double[] r = rows[i];
            for (int d = 0; d < dims; d++) {
                if (!Double.isFinite(r[d])) {
                    throw new IllegalArgumentException("embeddings row " + i + " column " + d + " is " + r[d]
                            + "; every value must be finite");
                }
            }
        }
        return dims;
    }

    static int checkMatrix(float[][] rows) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("embeddings must have at least one row, got "
                    + (rows == null ? "null" : "0 rows"));
        }
        int dims = rows[0] == null ? 0 : rows[0].length;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != dims || dims == 0) {
                throw raggedRow(i, rows[i] == null ? -1 : rows[i].length, dims);
            }
            float[] r = rows[i];
            for (int d = 0; d < dims; d++) {
                if (!Float.isFinite(r[d])) {
                    throw new IllegalArgumentException("embeddings row " + i + " column " + d + " is " + r[d]
                            + "; every value must be finite");
                }
            }
        }
        return dims;
    }

    private static int checkWidth(double[] row, int i, int dims) {
        int len = row == null ? -1 : row.length;
        if (len < 1 || (dims >= 0 && len != dims)) {
            throw raggedRow(i, len, dims);
        }
        return len;
    }

    private static IllegalArgumentException raggedRow(int i, int len, int dims) {
        if (len < 1) {
            return new IllegalArgumentException("embeddings row " + i + " is " + (len < 0 ? "null" : "empty"));
        }
        return new IllegalArgumentException("embeddings row " + i + " has " + len + " values; row 0 has " + dims
                + " (ragged rows)");
    }
}
