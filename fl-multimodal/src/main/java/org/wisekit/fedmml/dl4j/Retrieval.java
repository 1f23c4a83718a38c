package org.wisekit.fedmml.dl4j;

/** Label-level retrieval metrics on L2-normalised embeddings (cosine similarity = dot product). */
final class Retrieval {

    private Retrieval() {
    }

    /** Recall@k (%) averaged over both directions: a query hits when one of its k nearest items has its label. */
    static double labelRecall(float[][] zi, float[][] za, int[] labels, int k) {
        return (oneWay(zi, za, labels, k) + oneWay(za, zi, labels, k)) / 2;
    }

    private static double oneWay(float[][] queries, float[][] items, int[] labels, int k) {
        int hits = 0;
        for (int q = 0; q < queries.length; q++) {
            double[] sim = new double[items.length];
            for (int j = 0; j < items.length; j++) {
                sim[j] = dot(queries[q], items[j]);
            }
            for (int r = 0; r < Math.min(k, items.length); r++) {
                int best = -1;
                for (int j = 0; j < items.length; j++) {
                    if (!Double.isNaN(sim[j]) && (best < 0 || sim[j] > sim[best])) {
                        best = j;
                    }
                }
                if (labels[best] == labels[q]) {
                    hits++;
                    break;
                }
                sim[best] = Double.NaN;
            }
        }
        return 100.0 * hits / queries.length;
    }

    /** Accuracy (%) of assigning each image to the class whose mean audio embedding is most similar. */
    static double zeroShot(float[][] zi, float[][] za, int[] labels, int classes) {
        double[][] mean = new double[classes][za[0].length];
        for (int i = 0; i < za.length; i++) {
            for (int d = 0; d < za[i].length; d++) {
                mean[labels[i]][d] += za[i][d];
            }
        }
        int correct = 0;
        for (int i = 0; i < zi.length; i++) {
            int best = 0;
            double bestSim = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                double s = 0;
                double norm = 0;
                for (int d = 0; d < mean[c].length; d++) {
                    s += zi[i][d] * mean[c][d];
                    norm += mean[c][d] * mean[c][d];
                }
                s = norm == 0 ? Double.NEGATIVE_INFINITY : s / Math.sqrt(norm);
                if (s > bestSim) {
                    bestSim = s;
                    best = c;
                }
            }
            correct += best == labels[i] ? 1 : 0;
        }
        return 100.0 * correct / zi.length;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
