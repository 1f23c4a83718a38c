package org.wisekit.fedmml.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.Well19937c;

/** Splits example indices among clients: IID shards, or Dirichlet label skew (Hsu et al. 2019). */
public final class Partitions {

    private Partitions() {
    }

    /** Shuffled, then cut into {@code clients} contiguous shards of (almost) equal size. */
    public static int[][] iid(int n, int clients, long seed) {
        check(n, clients);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new java.util.Random(seed));
        int[][] out = new int[clients][];
        for (int c = 0; c < clients; c++) {
            int from = (int) ((long) n * c / clients);
            int to = (int) ((long) n * (c + 1) / clients);
            out[c] = order.subList(from, to).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return out;
    }

    /**
     * For each class, proportions {@code p ~ Dir(alpha)} over the clients and that class's shuffled examples cut
     * by them. Redrawn (up to 1000 times) until every client holds at least {@code minPerClient} examples.
     */
    public static int[][] dirichlet(int[] labels, int classes, int clients, double alpha, int minPerClient, long seed) {
        check(labels.length, clients);
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("alpha must be > 0, got " + alpha);
        }
        Well19937c rng = new Well19937c(seed);
        GammaDistribution gamma = new GammaDistribution(rng, alpha, 1);
        java.util.Random shuffle = new java.util.Random(seed);
        for (int attempt = 0; attempt < 1000; attempt++) {
            List<List<Integer>> parts = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                parts.add(new ArrayList<>());
            }
            for (int k = 0; k < classes; k++) {
                List<Integer> members = new ArrayList<>();
                for (int i = 0; i < labels.length; i++) {
                    if (labels[i] == k) {
                        members.add(i);
                    }
                }
                Collections.shuffle(members, shuffle);
                double[] p = new double[clients];
                double sum = 0;
                for (int c = 0; c < clients; c++) {
                    p[c] = gamma.sample();
                    sum += p[c];
                }
                double cumulative = 0;
                int start = 0;
                for (int c = 0; c < clients; c++) {
                    cumulative += p[c] / sum;
                    int end = c == clients - 1 ? members.size() : (int) Math.round(cumulative * members.size());
                    parts.get(c).addAll(members.subList(start, Math.max(start, end)));
                    start = Math.max(start, end);
                }
            }
            if (parts.stream().allMatch(p -> p.size() >= minPerClient)) {
                int[][] out = new int[clients][];
                for (int c = 0; c < clients; c++) {
                    out[c] = parts.get(c).stream().mapToInt(Integer::intValue).sorted().toArray();
                }
                return out;
            }
        }
        throw new IllegalArgumentException("could not give every client " + minPerClient + " examples with alpha=" + alpha);
    }

    private static void check(int n, int clients) {
        if (clients < 1 || clients > n) {
            throw new IllegalArgumentException("clients must be in [1, " + n + "], got " + clients);
        }
    }
}
