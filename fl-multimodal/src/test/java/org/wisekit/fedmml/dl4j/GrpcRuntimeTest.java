package org.wisekit.fedmml.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.wisekit.fedmml.dl4j.model.ModelLayout;
import org.wisekit.fedmml.dl4j.model.Task;
import org.wisekit.fedmml.fl.ClientConnection;
import org.wisekit.fedmml.fl.FedAvg;
import org.wisekit.fedmml.fl.FederatedClient;
import org.wisekit.fedmml.fl.FederatedServer;
import org.wisekit.fedmml.fl.NamedTensors;
import org.wisekit.fedmml.fl.RoundResult;
import org.wisekit.fedmml.fl.ServerConfig;
import org.wisekit.fedmml.fl.TensorSpec;
import org.wisekit.fedmml.fl.Wire;
import org.wisekit.fedmml.grpc.GrpcFederationClient;
import org.wisekit.fedmml.grpc.GrpcFederationServer;
import org.wisekit.fedmml.wire.JoinRequest;
import org.wisekit.fedmml.wire.Task.Kind;
import org.wisekit.fedmml.wire.TaskRequest;
import org.wisekit.fedmml.wire.TensorProto;
import org.wisekit.fedmml.wire.Update;

/** The gRPC transport on 127.0.0.1 against the in-process one. */
class GrpcRuntimeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void threeClientRoundsOverGrpcEqualTheInProcessRounds() throws Exception {
        MultimodalTrainer trainer = new MultimodalTrainer(Fixtures.tinyModel(), Task.FUSION);
        FederatedRun.Result local = SchemesTest.run(Scheme.LW, Task.FUSION, SchemesTest.inProcess(trainer), trainer);

        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (GrpcFederationServer server = new GrpcFederationServer("127.0.0.1", 0)) {
            List<Future<Integer>> served = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                MultimodalClient client = new MultimodalClient("c" + c, trainer, Fixtures.samples(10 + 2 * c, c));
                served.add(pool.submit(() -> {
                    try (GrpcFederationClient channel = new GrpcFederationClient("127.0.0.1", server.port(), client.id())) {
                        return channel.serve(FederatedClient.of(client.id(), client), client.numSamples());
                    }
                }));
            }
            List<ClientConnection> clients = server.awaitClients(3, WAIT);
            FederatedRun.Result remote = SchemesTest.run(Scheme.LW, Task.FUSION, clients, trainer);
            server.finish();
            for (Future<Integer> f : served) {
                assertThat(f.get()).isEqualTo(4);
            }
            assertThat(remote.global().bitEquals(local.global())).isTrue();
            for (int r = 0; r < 4; r++) {
                assertThat(remote.rounds().get(r).result().bytesDown())
                        .isEqualTo(local.rounds().get(r).result().bytesDown());
                assertThat(remote.rounds().get(r).result().bytesUp()).isEqualTo(local.rounds().get(r).result().bytesUp());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClientThatDiesMidRoundDoesNotStopTheRoundAndMalformedUpdatesAreRefused() throws Exception {
        MultimodalTrainer trainer = new MultimodalTrainer(Fixtures.tinyModel(), Task.FUSION);
        ModelLayout layout = trainer.layout();
        StagePlan plan = StagePlan.of(Scheme.E2E, 1, 2, layout.config());
        NamedTensors initial = ModelLayout.initialise(plan.allTensors(layout, Task.FUSION), 1);
        List<String> trainable = plan.trainable(layout, Task.FUSION).stream().map(TensorSpec::name).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (GrpcFederationServer server = new GrpcFederationServer("127.0.0.1", 0)) {
            for (int c = 0; c < 2; c++) {
                MultimodalClient client = new MultimodalClient("good" + c, trainer, Fixtures.samples(10, c));
                pool.submit(() -> {
                    try (GrpcFederationClient channel = new GrpcFederationClient("127.0.0.1", server.port(), client.id())) {
                        return channel.serve(FederatedClient.of(client.id(), client), client.numSamples());
                    }
                });
            }
            // "dies": takes its task, then its process is gone (channel closed, nothing submitted)
            pool.submit(() -> {
                try (GrpcFederationClient channel = new GrpcFederationClient("127.0.0.1", server.port(), "dies")) {
                    channel.stub().join(JoinRequest.newBuilder().setWireVersion(Wire.VERSION).setClientId("dies")
                            .setNumSamples(10).build());
                    while (channel.stub().nextTask(TaskRequest.newBuilder().setWireVersion(Wire.VERSION)
                            .setClientId("dies").build()).getKind() != Kind.FIT) {
                        Thread.onSpinWait();
                    }
                }
                return 0;
            });
            // "garbled": answers with a tensor whose bytes do not match its shape
            pool.submit(() -> {
                try (GrpcFederationClient channel = new GrpcFederationClient("127.0.0.1", server.port(), "garbled")) {
                    channel.stub().join(JoinRequest.newBuilder().setWireVersion(Wire.VERSION).setClientId("garbled")
                            .setNumSamples(10).build());
                    org.wisekit.fedmml.wire.Task task;
                    do {
                        task = channel.stub().nextTask(TaskRequest.newBuilder().setWireVersion(Wire.VERSION)
                                .setClientId("garbled").build());
                    } while (task.getKind() != Kind.FIT);
                    return channel.stub().submit(Update.newBuilder().setWireVersion(Wire.VERSION).setClientId("garbled")
                            .setRound(task.getRound()).setNumSamples(10).addTensors(TensorProto.newBuilder().setName("x")
                                    .addShape(3).setData(com.google.protobuf.ByteString.copyFrom(new byte[5]))).build())
                            .getAccepted() ? 1 : 0;
                }
            });
            List<ClientConnection> clients = server.awaitClients(4, WAIT);
            FederatedServer fl = new FederatedServer(new FedAvg(), new ServerConfig(4, 2, Duration.ofSeconds(8), 1), initial);
            Map<String, String> settings = FitSettings.of(plan, 2, Fixtures.settings(), 1);
            RoundResult r = fl.round(0, trainable, settings, clients);
            assertThat(r.aggregated()).isTrue();
            assertThat(r.accepted()).extracting(u -> u.clientId()).containsExactly("good0", "good1");
            assertThat(r.dropped()).containsOnlyKeys("dies", "garbled");
            assertThat(r.dropped().get("garbled")).contains("malformed update", "do not hold shape");
            server.finish();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClientOfAnotherWireVersionIsRefused() throws Exception {
        try (GrpcFederationServer server = new GrpcFederationServer("127.0.0.1", 0);
             GrpcFederationClient channel = new GrpcFederationClient("127.0.0.1", server.port(), "old")) {
            var reply = channel.stub().join(JoinRequest.newBuilder().setWireVersion(Wire.VERSION + 1).setClientId("old").build());
            assertThat(reply.getAccepted()).isFalse();
            assertThat(reply.getReason()).contains("wire version 3 is not supported");
        }
        assertThatThrownBy(() -> new GrpcFederationServer("127.0.0.1", 70000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port");
    }
}
