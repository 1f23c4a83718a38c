package org.wisekit.fedmml.grpc;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.wisekit.fedmml.fl.ClientConnection;
import org.wisekit.fedmml.fl.ClientEvaluation;
import org.wisekit.fedmml.fl.EvaluateTask;
import org.wisekit.fedmml.fl.ClientUpdate;
import org.wisekit.fedmml.fl.FitTask;
import org.wisekit.fedmml.fl.Wire;
import org.wisekit.fedmml.wire.Ack;
import org.wisekit.fedmml.wire.Evaluation;
import org.wisekit.fedmml.wire.FederationGrpc;
import org.wisekit.fedmml.wire.JoinReply;
import org.wisekit.fedmml.wire.JoinRequest;
import org.wisekit.fedmml.wire.Task;
import org.wisekit.fedmml.wire.TaskRequest;
import org.wisekit.fedmml.wire.Update;

/**
 * The server end of the gRPC transport. Clients dial in ({@code Join}), poll for work ({@code NextTask}, a
 * long poll answered with a FIT or EVALUATE task, WAIT or DONE) and return updates ({@code Submit}) and evaluations
 * ({@code SubmitEvaluation}). Each joined client becomes a
 * {@link ClientConnection} for {@link org.wisekit.fedmml.fl.FederatedServer}; bytes are the serialized sizes of
 * the task and update messages. A peer speaking another wire version, an unknown client or an update that does
 * not decode is refused with a reason.
 */
public final class GrpcFederationServer implements AutoCloseable {

    static final int MAX_MESSAGE = 256 << 20;
    private static final long POLL_MILLIS = 500;

    private final Server server;
    private final Map<String, Connection> clients = new ConcurrentHashMap<>();
    private volatile boolean finished;

    /** Starts listening on {@code host:port} ({@code port} 0 picks a free port). */
    public GrpcFederationServer(String host, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port)).maxInboundMessageSize(MAX_MESSAGE)
                    .addService(new Service()).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** Waits until {@code count} clients have joined; returns their connections sorted by id. */
    public List<ClientConnection> awaitClients(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (clients.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + clients.size() + " of " + count + " clients joined within " + timeout);
            }
            Thread.sleep(20);
        }
        List<ClientConnection> out = new ArrayList<>(clients.values());
        out.sort(java.util.Comparator.comparing(ClientConnection::id));
        return out;
    }

    /** Tells every client, at its next poll, that training is over. */
    public void finish() {
        finished = true;
    }

    @Override
    public void close() throws InterruptedException {
        finish();
        server.shutdown();
        if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
            server.shutdownNow();
        }
    }

    /** One joined client: a mailbox of tasks and the update the current round waits for. */
    private static final class Connection implements ClientConnection {
        private final String id;
        private final BlockingQueue<Task> mailbox = new LinkedBlockingQueue<>();
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong received = new AtomicLong();
        private volatile CompletableFuture<ClientUpdate> pending;
        private volatile int pendingRound = -1;
        private volatile CompletableFuture<ClientEvaluation> pendingEvaluation;
        private volatile int pendingEvaluationRound = -1;

        Connection(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public CompletableFuture<ClientUpdate> fit(FitTask task) {
            Task message = Wire.encodeTask(task);
            CompletableFuture<ClientUpdate> future = new CompletableFuture<>();
            pending = future;
            pendingRound = task.round();
            sent.addAndGet(message.getSerializedSize());
            mailbox.add(message);
            return future;
        }

        @Override
        public CompletableFuture<ClientEvaluation> evaluate(EvaluateTask task) {
            Task message = Wire.encodeEvaluateTask(task);
            CompletableFuture<ClientEvaluation> future = new CompletableFuture<>();
            pendingEvaluation = future;
            pendingEvaluationRound = task.round();
            sent.addAndGet(message.getSerializedSize());
            mailbox.add(message);
            return future;
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

    private final class Service extends FederationGrpc.FederationImplBase {

        @Override
        public void submitEvaluation(Evaluation evaluation, StreamObserver<Ack> reply) {
            Connection c = clients.get(evaluation.getClientId());
            String problem = null;
            if (evaluation.getWireVersion() != Wire.VERSION) {
                problem = "wire version " + evaluation.getWireVersion() + " is not supported (server speaks " + Wire.VERSION + ")";
            } else if (c == null) {
                problem = "client " + evaluation.getClientId() + " has not joined";
            } else if (evaluation.getRound() != c.pendingEvaluationRound || c.pendingEvaluation == null
                    || c.pendingEvaluation.isDone()) {
                problem = "no open evaluation for round " + evaluation.getRound();
            }
            if (problem == null) {
                c.received.addAndGet(evaluation.getSerializedSize());
                try {
                    c.pendingEvaluation.complete(Wire.decodeEvaluation(evaluation));
                } catch (IllegalArgumentException e) {
                    problem = "malformed evaluation: " + e.getMessage();
                    c.pendingEvaluation.completeExceptionally(new IllegalArgumentException(problem));
                }
            }
            reply.onNext(Ack.newBuilder().setAccepted(problem == null).setReason(problem == null ? "" : problem).build());
            reply.onCompleted();
        }

        @Override
        public void join(JoinRequest request, StreamObserver<JoinReply> reply) {
            String problem = null;
            if (request.getWireVersion() != Wire.VERSION) {
                problem = "wire version " + request.getWireVersion() + " is not supported (server speaks " + Wire.VERSION + ")";
            } else if (request.getClientId().isEmpty()) {
                problem = "client id must be non-empty";
            } else if (clients.putIfAbsent(request.getClientId(), new Connection(request.getClientId())) != null) {
                problem = "client id " + request.getClientId() + " has already joined";
            }
            reply.onNext(JoinReply.newBuilder().setAccepted(problem == null).setReason(problem == null ? "" : problem).build());
            reply.onCompleted();
        }

        @Override
        public void nextTask(TaskRequest request, StreamObserver<Task> reply) {
            Connection c = clients.get(request.getClientId());
            Task task;
            if (request.getWireVersion() != Wire.VERSION || c == null) {
                task = Task.newBuilder().setWireVersion(Wire.VERSION).setKind(Task.Kind.DONE).build();
            } else {
                try {
                    task = c.mailbox.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    task = null;
                }
                if (task == null) {
                    task = Task.newBuilder().setWireVersion(Wire.VERSION)
                            .setKind(finished ? Task.Kind.DONE : Task.Kind.WAIT).build();
                }
            }
            reply.onNext(task);
            reply.onCompleted();
        }

        @Override
        public void submit(Update update, StreamObserver<Ack> reply) {
            Connection c = clients.get(update.getClientId());
            String problem = null;
            if (update.getWireVersion() != Wire.VERSION) {
                problem = "wire version " + update.getWireVersion() + " is not supported (server speaks " + Wire.VERSION + ")";
            } else if (c == null) {
                problem = "client " + update.getClientId() + " has not joined";
            } else if (update.getRound() != c.pendingRound || c.pending == null || c.pending.isDone()) {
                problem = "no open task for round " + update.getRound();
            }
            if (problem == null) {
                c.received.addAndGet(update.getSerializedSize());
                try {
                    c.pending.complete(Wire.decodeUpdate(update));
                } catch (IllegalArgumentException e) {
                    problem = "malformed update: " + e.getMessage();
                    c.pending.completeExceptionally(new IllegalArgumentException(problem));
                }
            }
            reply.onNext(Ack.newBuilder().setAccepted(problem == null).setReason(problem == null ? "" : problem).build());
            reply.onCompleted();
        }
    }
}
