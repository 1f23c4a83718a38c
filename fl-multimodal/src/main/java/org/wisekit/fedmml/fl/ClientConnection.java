package org.wisekit.fedmml.fl;

import java.util.concurrent.CompletableFuture;

/**
 * The server's handle on one client, whatever the transport. Implementations encode every message in the
 * versioned wire format ({@link Wire}) and count the bytes of each message they send and receive.
 */
public interface ClientConnection {

    String id();

    /** Sends the task; the future completes with the client's update, or exceptionally if the client fails. */
    CompletableFuture<ClientUpdate> fit(FitTask task);

    /**
     * Sends an evaluation task; the future completes with the client's loss, or exceptionally if the client fails
     * or the transport does not evaluate (the default).
     */
    default CompletableFuture<ClientEvaluation> evaluate(EvaluateTask task) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(getClass().getSimpleName()
                + " does not evaluate"));
    }

    /** Bytes of encoded messages sent to this client so far. */
    long bytesSent();

    /** Bytes of encoded messages received from this client so far. */
    long bytesReceived();
}
