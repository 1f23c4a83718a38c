package org.wisekit.fedmml.fl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.wisekit.fedmml.fl.ClientConnection;
import org.wisekit.fedmml.fl.ClientUpdate;
import org.wisekit.fedmml.fl.FedAvg;
import org.wisekit.fedmml.fl.FederatedClient;
import org.wisekit.fedmml.fl.FederatedServer;
import org.wisekit.fedmml.fl.FitTask;
import org.wisekit.fedmml.fl.InProcessConnection;
import org.wisekit.fedmml.fl.NamedTensors;
import org.wisekit.fedmml.fl.RoundResult;
import org.wisekit.fedmml.fl.ServerConfig;

/** Round mechanics with toy clients: partial exchange, stragglers, failures, malformed updates, quorum. */
class FederatedServerTest {

    private static NamedTensors model() {
        return new NamedTensors().put("frozen", new int[] {2}, new float[] {1, 2}).put("head", new int[] {3},
                new float[] {0, 0, 0});
    }

    /** A client that adds {@code delta} to every value it trains and reports {@code n} samples. */
    private static FederatedClient adding(String id, float delta, long n, List<Set<String>> received) {
        return task -> {
            received.add(task.tensors().names());
            NamedTensors out = new NamedTensors();
            for (String name : task.trainable()) {
                float[] w = task.tensors().get(name).clone();
                for (int i = 0; i < w.length; i++) {
                    w[i] += delta;
                }
                out.put(name, task.tensors().shape(name), w);
            }
            return new ClientUpdate(id, task.round(), n, out, Map.of());
        };
    }

    private static ServerConfig config(int perRound, int quorum, Duration timeout) {
        return new ServerConfig(perRound, quorum, timeout, 1);
    }

    @Test
    void onlyTrainableTensorsTravelAfterTheFirstRoundAndFedAvgWeightsBySamples() {
        List<Set<String>> received = new java.util.ArrayList<>();
        List<ClientConnection> clients = List.of(new InProcessConnection("a", adding("a", 1, 1, received), Runnable::run),
                new InProcessConnection("b", adding("b", 4, 3, received), Runnable::run));
        FederatedServer server = new FederatedServer(new FedAvg(), config(2, 2, Duration.ofSeconds(5)), model());
        RoundResult first = server.round(0, List.of("head"), Map.of(), clients);
        RoundResult second = server.round(1, List.of("head"), Map.of(), clients);
        assertThat(first.aggregated()).isTrue();
        // first contact carries the frozen tensor once; afterwards only the trainable one
        assertThat(received.subList(0, 2)).allSatisfy(names -> assertThat(names).containsExactly("frozen", "head"));
        assertThat(received.subList(2, 4)).allSatisfy(names -> assertThat(names).containsExactly("head"));
        assertThat(second.bytesDown().get("a")).isLessThan(first.bytesDown().get("a"));
        // each round adds (1 * 1 + 3 * 4) / 4 = 3.25
        assertThat(server.global().get("head")).containsExactly(6.5f, 6.5f, 6.5f);
        assertThat(server.global().get("frozen")).containsExactly(1f, 2f);
    }

    @Test
    void aClientThatDiesOrStallsDoesNotStopTheRound() {
        List<Set<String>> received = new java.util.ArrayList<>();
        FederatedClient dies = task -> {
            throw new IllegalStateException("process killed");
        };
        ClientConnection stalls = new ClientConnection() {
            public String id() {
                return "stalls";
            }

            public CompletableFuture<ClientUpdate> fit(FitTask task) {
                return new CompletableFuture<>();
            }

            public long bytesSent() {
                return 0;
            }

            public long bytesReceived() {
                return 0;
            }
        };
        List<ClientConnection> clients = List.of(new InProcessConnection("a", adding("a", 1, 1, received), Runnable::run),
                new InProcessConnection("dies", dies, Runnable::run), stalls,
                new InProcessConnection("z", adding("z", 3, 1, received), Runnable::run));
        FederatedServer server = new FederatedServer(new FedAvg(), config(4, 2, Duration.ofMillis(300)), model());
        RoundResult r = server.round(0, List.of("head"), Map.of(), clients);
        assertThat(r.aggregated()).isTrue();
        assertThat(r.dropped()).containsOnlyKeys("dies", "stalls");
        assertThat(r.dropped().get("dies")).contains("process killed");
        assertThat(r.dropped().get("stalls")).contains("no update within");
        assertThat(server.global().get("head")).containsExactly(2f, 2f, 2f);
    }

    @Test
    void aClientThatDropsIsNotRecordedAsHoldingTheFrozenTensorsItWasSent() {
        List<Set<String>> received = new java.util.ArrayList<>();
        boolean[] down = {true};
        FederatedClient flaky = task -> {
            received.add(task.tensors().names());
            if (down[0]) {
                throw new IllegalStateException("connection lost");
            }
            return adding("flaky", 1, 1, new java.util.ArrayList<>()).fit(task);
        };
        List<ClientConnection> clients = List.of(new InProcessConnection("a", adding("a", 1, 1, new java.util.ArrayList<>()),
                Runnable::run), new InProcessConnection("flaky", flaky, Runnable::run));
        FederatedServer server = new FederatedServer(new FedAvg(), config(2, 1, Duration.ofSeconds(5)), model());
        RoundResult first = server.round(0, List.of("head"), Map.of(), clients);
        assertThat(first.dropped()).containsOnlyKeys("flaky");
        down[0] = false;
        server.round(1, List.of("head"), Map.of(), clients);
        server.round(2, List.of("head"), Map.of(), clients);
        // sent the frozen tensor in round 0 but dropped: sent it again in round 1; answered then, so not in round 2
        assertThat(received).hasSize(3);
        assertThat(received.get(0)).containsExactly("frozen", "head");
        assertThat(received.get(1)).containsExactly("frozen", "head");
        assertThat(received.get(2)).containsExactly("head");
    }

    @Test
    void malformedUpdatesAreRejectedWithAReasonAndTheRoundContinues() {
        List<Set<String>> received = new java.util.ArrayList<>();
        FederatedClient wrongShape = task -> new ClientUpdate("shape", task.round(), 5,
                new NamedTensors().put("head", new int[] {4}, new float[4]), Map.of());
        FederatedClient wrongName = task -> new ClientUpdate("name", task.round(), 5,
                new NamedTensors().put("frozen", new int[] {2}, new float[2]), Map.of());
        FederatedClient notFinite = task -> new ClientUpdate("nan", task.round(), 5,
                new NamedTensors().put("head", new int[] {3}, new float[] {0, Float.NaN, 0}), Map.of());
        List<ClientConnection> clients = List.of(new InProcessConnection("a", adding("a", 1, 1, received), Runnable::run),
                new InProcessConnection("shape", wrongShape, Runnable::run),
                new InProcessConnection("name", wrongName, Runnable::run),
                new InProcessConnection("nan", notFinite, Runnable::run));
        FederatedServer server = new FederatedServer(new FedAvg(), config(4, 1, Duration.ofSeconds(5)), model());
        RoundResult r = server.round(0, List.of("head"), Map.of(), clients);
        assertThat(r.rejected()).containsOnlyKeys("shape", "name", "nan");
        assertThat(r.rejected().get("shape")).contains("has shape [4], expected [3]");
        assertThat(r.rejected().get("name")).contains("missing [head]", "unexpected [frozen]");
        assertThat(r.rejected().get("nan")).contains("non-finite");
        assertThat(r.aggregated()).isTrue();
        assertThat(server.global().get("head")).containsExactly(1f, 1f, 1f);
    }

    @Test
    void withoutQuorumTheGlobalModelIsKept() {
        List<Set<String>> received = new java.util.ArrayList<>();
        FederatedClient dies = task -> {
            throw new IllegalStateException("gone");
        };
        List<ClientConnection> clients = List.of(new InProcessConnection("a", adding("a", 1, 1, received), Runnable::run),
                new InProcessConnection("b", dies, Runnable::run));
        FederatedServer server = new FederatedServer(new FedAvg(), config(2, 2, Duration.ofSeconds(5)), model());
        assertThat(server.round(0, List.of("head"), Map.of(), clients).aggregated()).isFalse();
        assertThat(server.global().get("head")).containsExactly(0f, 0f, 0f);
    }

    @Test
    void samplesTheConfiguredNumberOfClientsReproducibly() {
        List<Set<String>> received = new java.util.ArrayList<>();
        List<ClientConnection> clients = new java.util.ArrayList<>();
        for (int c = 0; c < 6; c++) {
            clients.add(new InProcessConnection("c" + c, adding("c" + c, 1, 1, received), Runnable::run));
        }
        FederatedServer a = new FederatedServer(new FedAvg(), config(3, 1, Duration.ofSeconds(5)), model());
        FederatedServer b = new FederatedServer(new FedAvg(), config(3, 1, Duration.ofSeconds(5)), model());
        for (int round = 0; round < 3; round++) {
            RoundResult ra = a.round(round, List.of("head"), Map.of(), clients);
            assertThat(ra.sampled()).hasSize(3);
            assertThat(b.round(round, List.of("head"), Map.of(), clients).sampled()).isEqualTo(ra.sampled());
        }
    }
}
