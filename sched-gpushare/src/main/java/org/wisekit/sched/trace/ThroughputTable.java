package org.wisekit.sched.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import org.wisekit.sched.Interference;

/**
 * Gavel's measured throughputs ({@code scheduler/simulation_throughputs.json}) for one GPU type, as an
 * {@link Interference}.
 *
 * <p>The file maps GPU type ({@code k80, p100, v100} and {@code *_unconsolidated}) -> {@code "('job type',
 * scale factor)"} -> {@code "null"} (steps/s alone) or a partner key -> {@code [steps/s of this job, steps/s
 * of the partner]} when the two share the same GPUs. A pair entry with a zero means the two do not fit
 * together (out of memory): {@link #colocated} returns {@code {0, 0}} for it, never "no slowdown". Throughputs
 * are steps of the job's global batch per second over all of its GPUs (a Gavel trace's {@code total_steps}
 * count the same steps).
 *
 * <p><b>Multi-GPU jobs [reconstructed].</b> In the shipped table every co-location entry with a scale factor
 * above 1 is zero (Gavel never space-shares distributed jobs), and pairs of different scale factors are
 * absent. Following the implementation note (§5, "single-GPU entries are used per GPU for multi-GPU jobs"),
 * {@link MultiGpuPairs#PER_GPU} (the default) derives every co-location from the single-GPU pair
 * {@code (a,1)-(b,1)}: each job keeps the slowdown it has there, applied to its own isolated multi-GPU
 * throughput, {@code colocated(a,gA,b,gB)[0] = isolated(a,gA) * pair1(a,b)[0] / isolated(a,1)}.
 * {@link MultiGpuPairs#TABLE} uses the table's own entry when both scale factors are equal and present (so
 * multi-GPU sharing is infeasible with the shipped file) and the per-GPU rule otherwise.
 *
 * <p><b>Scale factors the table lacks [reconstructed].</b> {@link #isolated(String, int)} returns the
 * measured value when {@code (type, gpus)} is in the table, else linear scaling from the largest measured
 * scale factor {@code s <= gpus}: {@code isolated(type, s) * gpus / s} (e.g. A3C, CycleGAN and
 * Recommendation are measured on 1 GPU only; traces also ask for 12-32 GPUs). A zero isolated entry (three
 * multi-GPU ResNet-50 entries for k80; none for v100) is treated as not measured, with its pairs, and counted by
 * {@link #zeroIsolatedEntries()}; every type needs a positive single-GPU entry.
 */
public final class ThroughputTable implements Interference {

    /** How co-locations of multi-GPU jobs are looked up; see the class comment. */
    public enum MultiGpuPairs { PER_GPU, TABLE }

    private static final Pattern KEY = Pattern.compile("^\\('(.*)',\\s*(\\d+)\\)$");
    private static final Pattern BATCH = Pattern.compile("^(.*?)\\s*\\(batch size (\\d+)\\)$");

    private final String gpuType;
    private final String source;
    private final MultiGpuPairs multiGpuPairs;
    private int zeroIsolated;
    private final java.util.concurrent.ConcurrentHashMap<String, String> nearest = new java.util.concurrent.ConcurrentHashMap<>();
    /** type -> scale factor -> isolated steps/s. */
    private final TreeMap<String, TreeMap<Integer, Double>> alone = new TreeMap<>();
    /** scale factor -> type a -> type b -> {tput a, tput b} (same scale factor for both, as in the file). */
    private final TreeMap<Integer, TreeMap<String, TreeMap<String, double[]>>> pairs = new TreeMap<>();

    private ThroughputTable(String gpuType, String source, MultiGpuPairs multiGpuPairs) {
        this.gpuType = gpuType;
        this.source = source;
        this.multiGpuPairs = multiGpuPairs;
    }

    /** Reads Gavel's file for {@code gpuType} (e.g. {@code "v100"}) with {@link MultiGpuPairs#PER_GPU}. */
    public static ThroughputTable load(Path simulationThroughputsJson, String gpuType) {
        return load(simulationThroughputsJson, gpuType, MultiGpuPairs.PER_GPU);
    }

    /** Reads Gavel's file for {@code gpuType} with the given multi-GPU pair rule. */
    public static ThroughputTable load(Path simulationThroughputsJson, String gpuType, MultiGpuPairs multiGpuPairs) {
        String text;
        try {
            text = Files.readString(simulationThroughputsJson);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(simulationThroughputsJson + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(simulationThroughputsJson + ": " + e.getMessage(), e);
        }
        try {
            return parse(new JSONObject(text), gpuType, simulationThroughputsJson.toString(), multiGpuPairs);
        } catch (JSONException e) {
            throw new IllegalArgumentException(simulationThroughputsJson + ": not a Gavel throughput file: "
                    + e.getMessage().replace('\n', ' '));
        }
    }

    /** Builds the table from an already parsed Gavel JSON object ({@code source} names it in messages). */
    public static ThroughputTable parse(JSONObject root, String gpuType, String source, MultiGpuPairs multiGpuPairs) {
        if (!root.has(gpuType)) {
            throw new IllegalArgumentException(source + ": unknown GPU type '" + gpuType + "' (known: "
                    + String.join(", ", new TreeMap<>(root.toMap()).keySet()) + ")");
        }
        ThroughputTable table = new ThroughputTable(gpuType, source, multiGpuPairs);
        JSONObject byJob = root.getJSONObject(gpuType);
        for (String key : new TreeMap<>(byJob.toMap()).keySet()) {
            Key k = key(source, key);
            JSONObject inner = byJob.getJSONObject(key);
            if (!inner.has("null")) {
                throw new IllegalArgumentException(source + ": " + gpuType + " " + key + " has no isolated (\"null\") throughput");
            }
            double tput = inner.getDouble("null");
            if (!(tput >= 0) || Double.isInfinite(tput)) {
                throw new IllegalArgumentException(source + ": " + gpuType + " " + key + " isolated throughput must be >= 0, got " + tput);
            }
            if (tput == 0) {
                table.zeroIsolated++;
                continue; // k80 has three such multi-GPU entries: treated as not measured (see the class comment)
            }
            table.alone.computeIfAbsent(k.type, t -> new TreeMap<>()).put(k.scale, tput);
            for (String partner : inner.keySet()) {
                if (partner.equals("null")) {
                    continue;
                }
                Key p = key(source, partner);
                JSONArray pair = inner.getJSONArray(partner);
                if (pair.length() != 2) {
                    throw new IllegalArgumentException(source + ": " + gpuType + " " + key + " -> " + partner + " must hold 2 throughputs");
                }
                double a = pair.getDouble(0);
                double b = pair.getDouble(1);
                if (a < 0 || b < 0 || !Double.isFinite(a) || !Double.isFinite(b)) {
                    throw new IllegalArgumentException(source + ": " + gpuType + " " + key + " -> " + partner + " has a negative throughput");
                }
                if (p.scale != k.scale) {
                    continue; // not in the shipped file; such pairs use the per-GPU rule
                }
                table.pairs.computeIfAbsent(k.scale, s -> new TreeMap<>())
                        .computeIfAbsent(k.type, t -> new TreeMap<>())
                        .put(p.type, (a == 0 || b == 0) ? new double[] {0, 0} : new double[] {a, b});
            }
        }
        for (String type : table.alone.keySet()) {
            if (!table.alone.get(type).containsKey(1)) {
                throw new IllegalArgumentException(source + ": " + gpuType + " '" + type + "' has no single-GPU entry");
            }
        }
        return table;
    }

    private record Key(String type, int scale) {
    }

    private static Key key(String source, String key) {
        Matcher m = KEY.matcher(key.trim());
        if (!m.matches() || Integer.parseInt(m.group(2)) < 1) {
            throw new IllegalArgumentException(source + ": malformed job key " + key + " (expected \"('type', scale)\")");
        }
        return new Key(m.group(1), Integer.parseInt(m.group(2)));
    }

    /** Entries with a zero isolated throughput that were left out (see the class comment). */
    public int zeroIsolatedEntries() {
        return zeroIsolated;
    }

    public String gpuType() {
        return gpuType;
    }

    public MultiGpuPairs multiGpuPairs() {
        return multiGpuPairs;
    }

    /** Every job type, sorted. */
    public List<String> types() {
        return List.copyOf(alone.keySet());
    }

    public boolean knows(String type) {
        return alone.containsKey(type);
    }

    /** The scale factors (GPU counts) measured for {@code type}, ascending. */
    public List<Integer> measuredGpuCounts(String type) {
        return List.copyOf(require(type).keySet());
    }

    /** The model part of a type name: {@code "ResNet-18 (batch size 64)"} -> {@code "ResNet-18"}. */
    public static String model(String type) {
        Matcher m = BATCH.matcher(type);
        return m.matches() ? m.group(1) : type;
    }

    /** The types of {@code model}, by batch size ascending (one type for models without batch sizes). */
    public List<String> typesOfModel(String model) {
        List<String> out = new ArrayList<>();
        for (String t : alone.keySet()) {
            if (model(t).equals(model)) {
                out.add(t);
            }
        }
        out.sort(java.util.Comparator.comparingInt(this::batchSize).thenComparing(java.util.Comparator.naturalOrder()));
        return out;
    }

    /** The models in the table, sorted. */
    public List<String> models() {
        return alone.keySet().stream().map(ThroughputTable::model).distinct().sorted().toList();
    }

    /**
     * The type of {@code model} whose batch size is nearest to {@code batch} on a log scale (ties: the
     * smaller batch); the model's only type when it has no batch sizes.
     */
    public String nearestBatch(String model, int batch) {
        String key = model + "\u0000" + batch;
        String cached = nearest.get(key);
        if (cached != null) {
            return cached;
        }
        String found = findNearestBatch(model, batch);
        nearest.put(key, found);
        return found;
    }

    private String findNearestBatch(String model, int batch) {
        List<String> types = typesOfModel(model);
        if (types.isEmpty()) {
            throw new IllegalArgumentException("unknown model '" + model + "' for " + gpuType + " (known: " + String.join(", ", models()) + ")");
        }
        String best = types.get(0);
        double bestDistance = Double.POSITIVE_INFINITY;
        for (String t : types) {
            double d = Math.abs(Math.log((double) batchSize(t) / Math.max(1, batch)));
            if (d < bestDistance - 1e-12) {
                bestDistance = d;
                best = t;
            }
        }
        return best;
    }

    @Override
    public double isolated(String type, int gpus) {
        TreeMap<Integer, Double> byScale = require(type);
        if (gpus < 1) {
            throw new IllegalArgumentException("gpus must be >= 1, got " + gpus + " (" + type + ")");
        }
        Double exact = byScale.get(gpus);
        if (exact != null) {
            return exact;
        }
        Map.Entry<Integer, Double> below = byScale.floorEntry(gpus);
        return below.getValue() * gpus / below.getKey();
    }

    /** Whether {@code (type, gpus)} is measured (not extrapolated) in the table. */
    public boolean measured(String type, int gpus) {
        return require(type).containsKey(gpus);
    }

    @Override
    public double[] colocated(String a, int gpusA, String b, int gpusB) {
        require(a);
        require(b);
        if (gpusA < 1 || gpusB < 1) {
            throw new IllegalArgumentException("gpus must be >= 1, got " + gpusA + " and " + gpusB);
        }
        if (multiGpuPairs == MultiGpuPairs.TABLE && gpusA == gpusB && gpusA > 1) {
            double[] direct = entry(gpusA, a, b);
            if (direct != null) {
                return direct.clone();
            }
        }
        double[] single = entry(1, a, b);
        if (single == null || single[0] == 0 || single[1] == 0) {
            return new double[] {0, 0};
        }
        if (gpusA == 1 && gpusB == 1) {
            return single.clone();
        }
        return new double[] {
            isolated(a, gpusA) * single[0] / isolated(a, 1),
            isolated(b, gpusB) * single[1] / isolated(b, 1)};
    }

    /** The table's pair entry at {@code scale} or null when absent (either orientation). */
    private double[] entry(int scale, String a, String b) {
        NavigableMap<String, TreeMap<String, double[]>> byA = pairs.get(scale);
        if (byA == null) {
            return null;
        }
        TreeMap<String, double[]> row = byA.get(a);
        if (row != null && row.containsKey(b)) {
            return row.get(b);
        }
        TreeMap<String, double[]> reverse = byA.get(b);
        if (reverse != null && reverse.containsKey(a)) {
            double[] r = reverse.get(a);
            return new double[] {r[1], r[0]};
        }
        return null;
    }

    /** Slowdown of {@code a} next to {@code b} on single GPUs (>= 1 normally); +infinity when infeasible. */
    public double slowdown(String a, String b) {
        double[] c = colocated(a, 1, b, 1);
        return c[0] == 0 ? Double.POSITIVE_INFINITY : isolated(a, 1) / c[0];
    }

    @Override
    public List<String> subBatches(String type) {
        require(type);
        List<String> same = typesOfModel(model(type));
        List<String> out = new ArrayList<>();
        int batch = batchSize(type);
        for (String t : same) {
            if (BATCH.matcher(t).matches() && batchSize(t) < batch) {
                out.add(t);
            }
        }
        Collections.reverse(out);
        return List.copyOf(out);
    }

    @Override
    public int batchSize(String type) {
        Matcher m = BATCH.matcher(type);
        return m.matches() ? Integer.parseInt(m.group(2)) : 1;
    }

    private TreeMap<Integer, Double> require(String type) {
        TreeMap<Integer, Double> byScale = type == null ? null : alone.get(type);
        if (byScale == null) {
            List<String> known = types();
            throw new IllegalArgumentException("unknown job type '" + type + "' for " + gpuType + " (known: "
                    + String.join(", ", known.subList(0, Math.min(6, known.size())))
                    + (known.size() > 6 ? ", ... " + (known.size() - 6) + " more" : "") + ")");
        }
        return byScale;
    }

    @Override
    public String toString() {
        return "ThroughputTable[" + gpuType + ", " + alone.size() + " types, " + source + "]";
    }
}
