package org.wisekit.fedmml.fl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The user's side of federated training, in the spirit of Flower's {@code NumPyClient}: a model and the data it
 * trains on, seen by the runtime only as named float32 tensors. Implement it (or use the SameDiff adapter
 * {@code org.wisekit.fedmml.dl4j.SameDiffClient}) and plug it into the in-process simulation
 * ({@link InProcessConnection#InProcessConnection(String, Client)}) or a gRPC client process
 * ({@code GrpcFederationClient.serve(Client, Duration)}); the server side ({@link FederatedServer},
 * {@link Federation}) is the same for every client.
 *
 * <p>{@code parameters} is the client's whole current model: the runtime keeps a local copy of every tensor the
 * server has sent (frozen tensors are sent once, when their version is new to the client) and passes a fresh
 * copy of it to each call, so an implementation may modify it in place. {@code config} holds the server's string
 * settings plus {@value #ROUND} (the round number) and, for {@code fit}, {@value #TRAINABLE} (the names to train,
 * comma-separated; read them with {@link #trainable(Map)}); a staged schedule also sends {@value #STAGE} and
 * {@value #STAGES}. {@code fit} must return at least the trainable tensors with the shapes it was given; only
 * those travel back, so tensors it leaves out of the trainable set stay frozen at the server's values.
 *
 * <p>Calls come one at a time from one thread per client.
 */
public interface Client {

    /** Setting: the round number (0-based), added by the runtime. */
    String ROUND = "round";
    /** Setting of {@code fit}: the names of the tensors to train and return, comma-separated, added by the runtime. */
    String TRAINABLE = "trainable";
    /** Setting of a staged schedule ({@link Schedule}): the current stage, 1-based. */
    String STAGE = "stage";
    /** Setting of a staged schedule: the number of stages. */
    String STAGES = "stages";

    /**
     * Trains locally, starting from {@code parameters}.
     *
     * @param parameters the current model (a copy; may be modified)
     * @param config     the server's settings plus {@value #ROUND} and {@value #TRAINABLE}
     * @return the trained tensors (at least the trainable ones), the number of examples trained on (FedAvg's
     *         weight, &gt; 0) and metrics
     */
    FitResult fit(NamedTensors parameters, Map<String, String> config);

    /**
     * Evaluates {@code parameters} on this client's data. The default says this client does not evaluate.
     *
     * @param parameters the current global model (a copy)
     * @param config     the server's settings plus {@value #ROUND}
     * @return the loss, the number of examples it was computed on (the weight of the server's mean) and metrics
     */
    default EvaluateResult evaluate(NamedTensors parameters, Map<String, String> config) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not evaluate");
    }

    /** The trainable names of a {@code fit} config ({@value #TRAINABLE}); an IllegalArgumentException if absent. */
    static List<String> trainable(Map<String, String> config) {
        String names = config.get(TRAINABLE);
        if (names == null) {
            throw new IllegalArgumentException("setting " + TRAINABLE + " is missing");
        }
        return names.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(names.split(",", -1)));
    }

    /** An integer setting, or {@code otherwise} when absent; an IllegalArgumentException naming the key if malformed. */
    static int intSetting(Map<String, String> config, String key, int otherwise) {
        String v = config.get(key);
        if (v == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be an integer, got " + v);
        }
    }
}
