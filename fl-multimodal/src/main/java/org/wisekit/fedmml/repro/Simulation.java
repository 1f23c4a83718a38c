package org.wisekit.fedmml.repro;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wisekit.datasets.Datasets;
import org.wisekit.fedmml.data.AvDigits;
import org.wisekit.fedmml.data.AvSamples;
import org.wisekit.fedmml.data.Partitions;
import org.wisekit.fedmml.dl4j.MultimodalClient;
import org.wisekit.fedmml.dl4j.MultimodalTrainer;
import org.wisekit.fedmml.fl.ClientConnection;
import org.wisekit.fedmml.fl.InProcessConnection;

/** Helpers shared by the reproduction and the tool: the paired data, its partition, in-process clients. */
public final class Simulation {

    private Simulation() {
    }

    /** How the training pairs are split among clients. */
    public enum Partition {
        IID, DIRICHLET;

        public static Partition parse(String text) {
            return switch (text.toLowerCase(java.util.Locale.ROOT)) {
                case "iid" -> IID;
                case "dirichlet" -> DIRICHLET;
                default -> throw new IllegalArgumentException("partition must be iid or dirichlet, got " + text);
            };
        }
    }

    private static java.lang.ref.SoftReference<Object[]> lastData = new java.lang.ref.SoftReference<>(null);

    /**
     * FSDD clips paired with MNIST digits, from the data directory ({@code null}: the environment's). The last split
     * loaded is kept (softly) for the JVM, so a server and clients started in one process (tests) or repeated
     * runs share one load of the 3,000 log-mel spectrograms; the split is immutable in use.
     */
    public static synchronized AvDigits.Split data(Path dataDirectory, long seed) {
        Object key = java.util.Arrays.asList(String.valueOf(dataDirectory), seed);
        Object[] last = lastData.get();
        if (last != null && last[0].equals(key)) {
            return (AvDigits.Split) last[1];
        }
        AvDigits.Split split = data(dataDirectory == null ? Datasets.fromEnvironment()
                : Datasets.withDataDirectory(dataDirectory), seed);
        lastData = new java.lang.ref.SoftReference<>(new Object[] {key, split});
        return split;
    }

    /** FSDD clips paired with MNIST digits from {@code datasets}. */
    public static AvDigits.Split data(Datasets datasets, long seed) {
        return AvDigits.pair(datasets.fsdd(), datasets.mnistDigits(), seed);
    }

    /** Client k's indices into {@code train}: IID shards, or Dirichlet(0.5) label skew with at least 8 pairs each. */
    public static int[][] partition(AvSamples train, Partition partition, int clients, long seed) {
        return partition == Partition.IID ? Partitions.iid(train.size(), clients, seed)
                : Partitions.dirichlet(train.labels(), 10, clients, 0.5, 8, seed);
    }

    /** One in-process client per shard, all training with {@code trainer} on the caller's thread. */
    public static List<ClientConnection> inProcessClients(MultimodalTrainer trainer, AvSamples train, int[][] shards) {
        List<ClientConnection> out = new ArrayList<>();
        for (int c = 0; c < shards.length; c++) {
            String id = clientId(c);
            out.add(new InProcessConnection(id, new MultimodalClient(id, trainer, train.subset(shards[c]))));
        }
        return out;
    }

    /** {@code client-00}, {@code client-01}, ... (sortable). */
    public static String clientId(int k) {
        return String.format("client-%02d", k);
    }

    /** {@code keep} examples spread evenly over {@code samples} (all of them when keep >= size), for the small profiles. */
    public static AvSamples thin(AvSamples samples, int keep) {
        if (keep >= samples.size()) {
            return samples;
        }
        int[] idx = new int[keep];
        for (int i = 0; i < keep; i++) {
            idx[i] = (int) ((long) i * samples.size() / keep);
        }
        return samples.subset(idx);
    }
}
