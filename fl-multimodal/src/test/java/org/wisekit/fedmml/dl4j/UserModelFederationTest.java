package org.wisekit.fedmml.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.wisekit.fedmml.fl.Client;
import org.wisekit.fedmml.fl.ClientConnection;
import org.wisekit.fedmml.fl.EvaluateResult;
import org.wisekit.fedmml.fl.FedAvg;
import org.wisekit.fedmml.fl.Federation;
import org.wisekit.fedmml.fl.FitResult;
import org.wisekit.fedmml.fl.InProcessConnection;
import org.wisekit.fedmml.fl.NamedTensors;
import org.wisekit.fedmml.fl.Schedule;
import org.wisekit.fedmml.fl.ServerConfig;
import org.wisekit.fedmml.grpc.GrpcFederationClient;
import org.wisekit.fedmml.grpc.GrpcFederationServer;

/**
 * The example of a user's own model: a small SameDiff MLP (not the built-in multimodal model) on synthetic
 * 3-class data, federated over three clients of different sizes through {@link SameDiffClient}, in the in-process
 * simulation and over gRPC on 127.0.0.1. FedAvg is checked against a weighted mean the test computes itself
 * from what each client returned.
 */
class UserModelFederationTest {

    static final int FEATURES = 4;
    static final int HIDDEN = 8;
    static final int CLASSES = 3;
    static final int[] CLIENT_EXAMPLES = {30, 45, 60};
    static final ServerConfig SERVER = new ServerConfig(3, 3, Duration.ofSeconds(60), 7);

    /** Gaussian blobs: class c is centred at 2.5 e_c (plus a shared offset), unit noise; one-hot labels. */
    static List<DataSet> blobs(int n, long seed) {
        Random rng = new Random(seed);
        float[][] x = new float[n][FEATURES];
        float[][] y = new float[n][CLASSES];
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(CLASSES);
            y[i][c] = 1;
            for (int j = 0; j < FEATURES; j++) {
                x[i][j] = (float) (rng.nextGaussian() + (j == c ? 2.5 : 0) + 0.5);
            }
        }
        return new DataSet(Nd4j.createFromArray(x), Nd4j.createFromArray(y)).batchBy(16);
    }

    /**
     * The user's model: {@code depth} hidden layers {@code l1/}, {@code l2/} (tanh) and a softmax head {@code out/}
     * with the cross-entropy written out (ND4J's log_softmax cannot be differentiated). Seeded initial values.
     */
    static SameDiff mlp(int depth) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, FEATURES);
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, CLASSES);
        Random rng = new Random(11);
        SDVariable h = x;
        int in = FEATURES;
        for (int l = 1; l <= depth; l++) {
            SDVariable w = sd.var("l" + l + "/w", Nd4j.create(normals(rng, in * HIDDEN, 1 / Math.sqrt(in)), new long[] {in, HIDDEN}, 'c'));
            SDVariable b = sd.var("l" + l + "/b", Nd4j.zeros(DataType.FLOAT, HIDDEN));
            h = sd.math.tanh(h.mmul(w).add(b));
            in = HIDDEN;
        }
        SDVariable w = sd.var("out/w", Nd4j.create(normals(rng, in * CLASSES, 1 / Math.sqrt(in)), new long[] {in, CLASSES}, 'c'));
        SDVariable b = sd.var("out/b", Nd4j.zeros(DataType.FLOAT, CLASSES));
        SDVariable logits = h.mmul(w).add(b).rename("logits");
        SDVariable shifted = logits.sub(logits.max(true, 1));
        SDVariable logProbs = shifted.sub(sd.math.log(sd.math.exp(shifted).sum(true, 1)));
        y.mul(logProbs).sum(1).mean().neg().rename("loss");
        return sd;
    }

    private static float[] normals(Random rng, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rng.nextGaussian() * scale);
        }
        return v;
    }

    /** A SameDiffClient on client k's data; {@code depthForStage} maps a stage to the MLP's depth. */
    static SameDiffClient client(int k, java.util.function.IntUnaryOperator depthForStage) {
        List<DataSet> train = blobs(CLIENT_EXAMPLES[k], 100 + k);
        List<DataSet> test = blobs(40, 200 + k);
        return SameDiffClient.builder().graphForStage(s -> mlp(depthForStage.applyAsInt(s))).placeholders("x", "y")
                .loss("loss").accuracy("logits").trainData(train::iterator).testData(test::iterator)
                .updater(new Adam(0.05)).epochs(2).build();
    }

    /** Wraps a client and keeps what its fit returned in each round, as the client saw it. */
    static final class Recording implements Client {
        final Client inner;
        final Map<Integer, FitResult> fits = new HashMap<>();

        Recording(Client inner) {
            this.inner = inner;
        }

        @Override
        public FitResult fit(NamedTensors parameters, Map<String, String> config) {
            FitResult r = inner.fit(parameters, config);
            fits.put(Integer.parseInt(config.get(Client.ROUND)), new FitResult(r.parameters().copy(), r.numExamples(), r.metrics()));
            return r;
        }

        @Override
        public EvaluateResult evaluate(NamedTensors parameters, Map<String, String> config) {
            return inner.evaluate(parameters, config);
        }
    }

    /** Every global tensor after each round equals sum_k n_k w_k / sum_k n_k of the clients' returned tensors. */
    static void assertFedAvg(Federation.Result result, List<Recording> clients) {
        for (Federation.Round round : result.rounds()) {
            for (String name : round.fit().accepted().get(0).tensors().names()) {
                float[] global = round.global().get(name);
                double total = 0;
                double[] sum = new double[global.length];
                for (Recording c : clients) {
                    FitResult f = c.fits.get(round.round());
                    total += f.numExamples();
                    float[] w = f.parameters().get(name);
                    for (int i = 0; i < w.length; i++) {
                        sum[i] += f.numExamples() * (double) w[i];
                    }
                }
                for (int i = 0; i < global.length; i++) {
                    assertThat((double) global[i]).as("%s[%d] in round %d", name, i, round.round())
                            .isCloseTo(sum[i] / total, org.assertj.core.api.Assertions.within(1e-6));
                }
            }
        }
        assertThat(clients.get(0).fits.get(1).numExamples()).isEqualTo(CLIENT_EXAMPLES[0]);
    }

    static Federation federation(Schedule schedule, NamedTensors initial) {
        return new Federation(initial, new FedAvg(), SERVER).schedule(schedule).evaluate(true);
    }

    @Test
    void aUserMlpTrainsByFedAvgInTheSimulationAndOverGrpc() throws Exception {
        NamedTensors initial = SameDiffClient.tensors(mlp(1), List.of("l1/w", "l1/b", "out/w", "out/b"));
        Schedule schedule = Schedule.endToEnd(4);

        List<Recording> local = new ArrayList<>();
        List<ClientConnection> connections = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            local.add(new Recording(client(k, s -> 1)));
            connections.add(new InProcessConnection("client-" + k, local.get(k)));
        }
        Federation.Result simulated = federation(schedule, initial).run(connections);
        assertFedAvg(simulated, local);
        double before = simulated.initial().loss();
        double after = simulated.last().evaluation().loss();
        assertThat(after).as("federated test loss before %s, after %s", before, after).isLessThan(0.6 * before);
        assertThat(simulated.last().evaluation().metrics().get("accuracy")).isGreaterThan(0.8);   // chance: 1/3
        assertThat(simulated.last().evaluation().results()).hasSize(3);

        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Recording> remote = new ArrayList<>();
        try (GrpcFederationServer server = new GrpcFederationServer("127.0.0.1", 0)) {
            List<Future<Integer>> served = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                Recording c = new Recording(client(k, s -> 1));
                remote.add(c);
                String id = "client-" + k;
                served.add(pool.submit(() -> {
                    try (GrpcFederationClient channel = new GrpcFederationClient("127.0.0.1", server.port(), id)) {
                        return channel.serve(c, Duration.ofSeconds(30));
                    }
                }));
            }
            Federation.Result overGrpc = federation(schedule, initial).run(server.awaitClients(3, Duration.ofSeconds(30)));
            server.finish();
            for (Future<Integer> f : served) {
                assertThat(f.get()).isEqualTo(4);
            }
            assertFedAvg(overGrpc, remote);
            assertThat(overGrpc.last().evaluation().loss()).isLessThan(0.6 * overGrpc.initial().loss());
            // same bytes on the wire and the same model as the simulation
            assertThat(overGrpc.global().bitEquals(simulated.global())).isTrue();
            for (int r = 0; r < 4; r++) {
                assertThat(overGrpc.rounds().get(r).fit().bytesUp()).isEqualTo(simulated.rounds().get(r).fit().bytesUp());
                assertThat(overGrpc.rounds().get(r).fit().bytesDown()).isEqualTo(simulated.rounds().get(r).fit().bytesDown());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void layerWiseTrainingOfAUserModelGrowsItAndFreezesEarlierLayers() {
        // stage 1: x -> l1 -> out; stage 2: x -> l1 -> l2 -> out, l1 frozen
        NamedTensors initial = SameDiffClient.tensors(mlp(2), List.of("l1/w", "l1/b", "l2/w", "l2/b", "out/w", "out/b"));
        Schedule schedule = Schedule.layerWise(2, List.of(List.of("l1/"), List.of("l2/")), List.of("out/"));
        List<Recording> clients = new ArrayList<>();
        List<ClientConnection> connections = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            clients.add(new Recording(client(k, s -> s)));
            connections.add(new InProcessConnection("client-" + k, clients.get(k)));
        }
        Federation.Result result = federation(schedule, initial).run(connections);
        assertFedAvg(result, clients);
        List<Federation.Round> rounds = result.rounds();
        assertThat(rounds).extracting(Federation.Round::stage).containsExactly(1, 1, 2, 2);
        // stage 1 holds only l1 and out; l2 joins in stage 2
        assertThat(rounds.get(0).global().names()).containsExactly("l1/w", "l1/b", "out/w", "out/b");
        assertThat(rounds.get(2).global().names()).contains("l2/w", "l2/b");
        // stage 2 uploads only l2 and the head; l1 is bit-identical to its value at the end of stage 1
        assertThat(rounds.get(2).fit().accepted().get(0).tensors().names()).containsExactlyInAnyOrder("l2/w", "l2/b",
                "out/w", "out/b");
        for (String n : List.of("l1/w", "l1/b")) {
            assertThat(rounds.get(3).global().get(n)).isEqualTo(rounds.get(1).global().get(n));
        }
        assertThat(rounds.get(3).global().get("l2/w")).isNotEqualTo(initial.get("l2/w"));
        assertThat(result.last().evaluation().loss()).isLessThan(0.6 * result.initial().loss());
        assertThat(result.last().evaluation().metrics().get("accuracy")).isGreaterThan(0.8);
    }
}
