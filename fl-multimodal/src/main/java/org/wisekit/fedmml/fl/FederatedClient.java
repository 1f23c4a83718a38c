package org.wisekit.fedmml.fl;

/**
 * The transport-level client: answers the server's tasks. Users implement {@link Client} instead and get a
 * {@code FederatedClient} with {@link #of(String, Client)}, which keeps the local copy of the model.
 */
public interface FederatedClient {

    /** Overwrites the task's tensors in the local model, trains the task's trainable tensors, returns them. */
    ClientUpdate fit(FitTask task);

    /** Overwrites the task's tensors in the local model and evaluates it; the default does not evaluate. */
    default ClientEvaluation evaluate(EvaluateTask task) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not evaluate");
    }

    /** The runtime's side of a user's {@link Client}: a local model copy, settings, and checks of what it returns. */
    static FederatedClient of(String id, Client client) {
        return new ClientAdapter(id, client);
    }
}
