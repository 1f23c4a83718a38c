package org.wisekit.sched.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.wisekit.sched.Interference;

/** Small synthetic throughput tables for the simulator tests. */
final class TestTables {

    private TestTables() {
    }

    /** Types "M (batch size B)"; every pair fits and slows both jobs by exactly {@code xi}; no sub-batches. */
    static Interference fixedXi(double xi, List<String> types) {
        return new Interference() {
            @Override
            public double isolated(String type, int gpus) {
                return base(type) * gpus;
            }

            @Override
            public double[] colocated(String a, int gpusA, String b, int gpusB) {
                return new double[] {base(a) * gpusA / xi, base(b) * gpusB / xi};
            }

            @Override
            public List<String> subBatches(String type) {
                base(type);
                return List.of();
            }

            @Override
            public int batchSize(String type) {
                base(type);
                return batchOf(type);
            }

            private double base(String type) {
                if (!types.contains(type)) {
                    throw new IllegalArgumentException("unknown job type '" + type + "'");
                }
                return 1 + types.indexOf(type) * 0.5;
            }
        };
    }

    static int batchOf(String type) {
        int open = type.indexOf("(batch size ");
        return open < 0 ? 1 : Integer.parseInt(type.substring(open + 12, type.length() - 1));
    }

    /**
     * Models M0..M{k-1} with global batch 64 and sub-batches 32 and 16; memory per GPU = weight + per-sample
     * cost x batch, capacity 1.0; pairs that exceed it return {0, 0}. Co-located throughput: each job keeps
     * 1 / (1 + c_other) of its own, with a per-model contention c. Smaller per-step batches run more steps per
     * second but fewer samples per second (tput(s) = tput(64) x (64 / s)^0.8).
     */
    static Interference memory(int models) {
        Map<String, double[]> spec = new TreeMap<>(); // {tput at own batch, memory, contention}
        for (int m = 0; m < models; m++) {
            double weights = 0.15 + 0.1 * (m % 4);
            double perSample = 0.004 + 0.001 * (m % 3);
            double base = 2.0 + m;
            double contention = 0.2 + 0.25 * (m % 5);
            for (int bs : new int[] {64, 32, 16}) {
                spec.put(name(m, bs), new double[] {base * Math.pow(64.0 / bs, 0.8), weights + perSample * bs, contention});
            }
        }
        return new Interference() {
            double[] get(String type) {
                double[] v = spec.get(type);
                if (v == null) {
                    throw new IllegalArgumentException("unknown job type '" + type + "'");
                }
                return v;
            }

            @Override
            public double isolated(String type, int gpus) {
                return get(type)[0] * Math.pow(gpus, 0.9);
            }

            @Override
            public double[] colocated(String a, int gpusA, String b, int gpusB) {
                double[] x = get(a);
                double[] y = get(b);
                if (x[1] + y[1] > 1.0) {
                    return new double[] {0, 0};
                }
                return new double[] {x[0] * Math.pow(gpusA, 0.9) / (1 + y[2]), y[0] * Math.pow(gpusB, 0.9) / (1 + x[2])};
            }

            @Override
            public List<String> subBatches(String type) {
                get(type);
                int bs = batchOf(type);
                String model = type.substring(0, type.indexOf(" ("));
                List<String> out = new ArrayList<>();
                for (int s = bs / 2; s >= 16; s /= 2) {
                    out.add(model + " (batch size " + s + ")");
                }
                return out;
            }

            @Override
            public int batchSize(String type) {
                get(type);
                return batchOf(type);
            }
        };
    }

    static String name(int model, int batch) {
        return "M" + model + " (batch size " + batch + ")";
    }

    static List<String> types(int models) {
        List<String> out = new ArrayList<>();
        for (int m = 0; m < models; m++) {
            out.add(name(m, 64));
        }
        return out;
    }
}
