package org.wisekit.fedmml.fl;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.wisekit.fedmml.wire.Evaluation;
import org.wisekit.fedmml.wire.Task;
import org.wisekit.fedmml.wire.Update;

/**
 * A client in the same process. Messages go through the wire format exactly as over gRPC (encoded, counted,
 * parsed back from bytes), so a simulation measures the same bytes and trains on the same decoded values.
 */
public final class InProcessConnection implements ClientConnection {

    private final String id;
    private final FederatedClient client;
    private final Executor executor;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();

    /** A user's {@link Client}, trained on the caller's thread (what a simulation uses). */
    public InProcessConnection(String id, Client client) {
        this(id, FederatedClient.of(id, client), Runnable::run);
    }

    /** {@code executor} runs the client's training ({@code Runnable::run} trains on the caller's thread). */
    public InProcessConnection(String id, FederatedClient client, Executor executor) {
        this.id = id;
        this.client = client;
        this.executor = executor;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public CompletableFuture<ClientUpdate> fit(FitTask task) {
        byte[] down = Wire.encodeTask(task).toByteArray();
        sent.addAndGet(down.length);
        return CompletableFuture.supplyAsync(() -> {
            try {
                ClientUpdate update = client.fit(Wire.decodeTask(Task.parseFrom(down)));
                byte[] up = Wire.encodeUpdate(update).toByteArray();
                received.addAndGet(up.length);
                return Wire.decodeUpdate(Update.parseFrom(up));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new IllegalStateException("malformed message", e);
            }
        }, executor);
    }

    @Override
    public CompletableFuture<ClientEvaluation> evaluate(EvaluateTask task) {
        byte[] down = Wire.encodeEvaluateTask(task).toByteArray();
        sent.addAndGet(down.length);
        return CompletableFuture.supplyAsync(() -> {
            try {
                ClientEvaluation result = client.evaluate(Wire.decodeEvaluateTask(Task.parseFrom(down)));
                byte[] up = Wire.encodeEvaluation(result).toByteArray();
                received.addAndGet(up.length);
                return Wire.decodeEvaluation(Evaluation.parseFrom(up));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new IllegalStateException("malformed message", e);
            }
        }, executor);
    }

    @Override
    public long bytesSent() {
        return sent.get();
    }

    @Override
    public long bytesReceived() {
        return received.get();
    }
}
