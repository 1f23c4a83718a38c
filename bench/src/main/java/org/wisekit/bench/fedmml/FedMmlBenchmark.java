package org.wisekit.bench.fedmml;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.wisekit.fedmml.fl.ClientUpdate;
import org.wisekit.fedmml.fl.FedAvg;
import org.wisekit.fedmml.fl.NamedTensors;
import org.wisekit.fedmml.fl.Wire;
import org.wisekit.fedmml.wire.Update;

/**
 * Server-side costs of a round on the reproduction's model: one tensor per 1,000 floats (about the mix of the
 * real model's 171 tensors), {@code params} floats in all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FedMmlBenchmark {

    @Param({"5", "10"})
    int clients;

    @Param("107082")
    int params;

    @Param("1")
    int threads;

    List<ClientUpdate> updates;
    float[][] flat;
    long[] samples;
    byte[] bytes;

    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(42);
        updates = new ArrayList<>();
        flat = new float[clients][params];
        samples = new long[clients];
        for (int c = 0; c < clients; c++) {
            for (int i = 0; i < params; i++) {
                flat[c][i] = (float) rng.nextGaussian();
            }
            samples[c] = 200 + rng.nextInt(100);
            NamedTensors t = new NamedTensors();
            for (int from = 0, k = 0; from < params; from += 1000, k++) {
                int n = Math.min(1000, params - from);
                float[] part = new float[n];
                System.arraycopy(flat[c], from, part, 0, n);
                t.put("t" + k, new int[] {n}, part);
            }
            updates.add(new ClientUpdate("c" + c, 0, samples[c], t, Map.of()));
        }
        bytes = new byte[4 * params];
    }

    /** FedAvg: double accumulation over updates sorted by client id. */
    @Benchmark
    public NamedTensors fedAvg() {
        return new FedAvg().aggregate(updates);
    }

    /** Baseline: the same weighted sum over flat arrays, float accumulation (the memory-bound floor). */
    @Benchmark
    public float[] weightedSum() {
        float[] out = new float[params];
        double total = 0;
        for (long s : samples) {
            total += s;
        }
        for (int c = 0; c < clients; c++) {
            float w = (float) (samples[c] / total);
            float[] x = flat[c];
            for (int i = 0; i < params; i++) {
                out[i] += w * x[i];
            }
        }
        return out;
    }

    /** One update encoded, serialized, parsed and decoded, as every transport does. */
    @Benchmark
    public ClientUpdate wireRoundTrip() throws Exception {
        return Wire.decodeUpdate(Update.parseFrom(Wire.encodeUpdate(updates.get(0)).toByteArray()));
    }

    /** Baseline: the update's floats to little-endian bytes and back. */
    @Benchmark
    public float[] rawCopy() {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(flat[0]);
        float[] back = new float[params];
        b.asFloatBuffer().get(back);
        return back;
    }
}
