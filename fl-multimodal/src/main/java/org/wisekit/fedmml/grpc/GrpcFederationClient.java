package org.wisekit.fedmml.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.wisekit.fedmml.fl.Client;
import org.wisekit.fedmml.fl.ClientEvaluation;
import org.wisekit.fedmml.fl.FederatedClient;
import org.wisekit.fedmml.fl.Wire;
import org.wisekit.fedmml.wire.Ack;
import org.wisekit.fedmml.wire.FederationGrpc;
import org.wisekit.fedmml.wire.JoinReply;
import org.wisekit.fedmml.wire.JoinRequest;
import org.wisekit.fedmml.wire.Task;
import org.wisekit.fedmml.wire.TaskRequest;
import org.wisekit.fedmml.wire.Update;

/**
 * The client end of the gRPC transport: joins a {@link GrpcFederationServer}, then trains or evaluates whatever
 * task it is given until the server says DONE. A user's model plugs in as a {@link Client}: {@link #serve(Client, Duration)}.
 */
public final class GrpcFederationClient implements AutoCloseable {

    private final ManagedChannel channel;
    private final FederationGrpc.FederationBlockingStub stub;
    private final String clientId;

    public GrpcFederationClient(String host, int port, String clientId) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in [1, 65535], got " + port);
        }
        this.channel = NettyChannelBuilder.forAddress(host, port).usePlaintext()
                .maxInboundMessageSize(GrpcFederationServer.MAX_MESSAGE).build();
        this.stub = FederationGrpc.newBlockingStub(channel);
        this.clientId = clientId;
    }

    /**
     * Joins and serves a user's {@link Client} (fit and evaluate tasks) until the server says DONE; returns the
     * number of rounds trained. Waits up to {@code joinTimeout} for the server to come up.
     */
    public int serve(Client client, Duration joinTimeout) {
        return serve(FederatedClient.of(clientId, client), 0, joinTimeout);
    }

    /** Joins with {@code numSamples} and serves tasks until DONE; returns the number of rounds trained. */
    public int serve(FederatedClient client, long numSamples) {
        return serve(client, numSamples, Duration.ofSeconds(30));
    }

    /**
     * Joins with {@code numSamples} (informational), waiting up to {@code joinTimeout} for the server to come up, and
     * serves FIT and EVALUATE tasks until DONE; returns the number of rounds trained. A task the client fails is
     * not answered, so the server counts the client as dropped for that round.
     */
    public int serve(FederatedClient client, long numSamples, Duration joinTimeout) {
        JoinReply joined = stub.withWaitForReady().withDeadlineAfter(joinTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .join(JoinRequest.newBuilder().setWireVersion(Wire.VERSION).setClientId(clientId)
                        .setNumSamples(numSamples).build());
        if (!joined.getAccepted()) {
            throw new IllegalStateException("server refused client " + clientId + ": " + joined.getReason());
        }
        int rounds = 0;
        while (true) {
            Task task = stub.nextTask(TaskRequest.newBuilder().setWireVersion(Wire.VERSION).setClientId(clientId).build());
            if (task.getKind() == Task.Kind.DONE) {
                return rounds;
            }
            if (task.getKind() == Task.Kind.FIT) {
                Update update = Wire.encodeUpdate(client.fit(Wire.decodeTask(task)));
                Ack ack = stub.submit(update);
                if (!ack.getAccepted()) {
                    throw new IllegalStateException("server refused the update of round " + task.getRound() + ": "
                            + ack.getReason());
                }
                rounds++;
            } else if (task.getKind() == Task.Kind.EVALUATE) {
                ClientEvaluation result;
                try {
                    result = client.evaluate(Wire.decodeEvaluateTask(task));
                } catch (UnsupportedOperationException e) {
                    continue;   // the server counts this client as dropped from the evaluation
                }
                Ack ack = stub.submitEvaluation(Wire.encodeEvaluation(result));
                if (!ack.getAccepted()) {
                    throw new IllegalStateException("server refused the evaluation of round " + task.getRound() + ": "
                            + ack.getReason());
                }
            }
        }
    }

    /** The raw stub, for callers that speak the protocol themselves. */
    public FederationGrpc.FederationBlockingStub stub() {
        return stub;
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
