package org.wisekit.fhe.bgv;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The public keys an {@link Evaluator} needs: an optional relinearization key and automorphism keys by Galois
 * element k (mod m). All belong to one secret key. Immutable and thread-safe.
 */
public final class EvaluationKeys {

    private final BgvParameters parameters;
    private final long keyId;
    private final KeySwitchKey relinearization;
    private final Map<Long, KeySwitchKey> automorphisms;

    /** Keys of one secret key; throws if they belong to different keys or parameters or have the wrong kind. */
    public EvaluationKeys(BgvParameters parameters, long keyId, KeySwitchKey relinearization,
                          Map<Long, KeySwitchKey> automorphisms) {
        this.parameters = parameters;
        this.keyId = keyId;
        if (relinearization != null) {
            check(relinearization, KeySwitchKey.Kind.RELINEARIZATION);
        }
        for (Map.Entry<Long, KeySwitchKey> entry : automorphisms.entrySet()) {
            check(entry.getValue(), KeySwitchKey.Kind.AUTOMORPHISM);
            if (entry.getValue().galoisElement() != entry.getKey()) {
                throw new IllegalArgumentException("automorphism key for k = " + entry.getValue().galoisElement()
                        + " filed under k = " + entry.getKey());
            }
        }
        this.relinearization = relinearization;
        this.automorphisms = Map.copyOf(automorphisms);
    }

    private void check(KeySwitchKey key, KeySwitchKey.Kind kind) {
        if (!key.parameters().equals(parameters) || key.keyId() != keyId || key.kind() != kind) {
            throw new IllegalArgumentException("key " + key + " does not fit: expected a " + kind + " key of key id "
                    + Long.toHexString(keyId) + " for " + parameters.describe());
        }
    }

    public BgvParameters parameters() {
        return parameters;
    }

    public long keyId() {
        return keyId;
    }

    public Optional<KeySwitchKey> relinearization() {
        return Optional.ofNullable(relinearization);
    }

    public Optional<KeySwitchKey> automorphism(long galoisElement) {
        return Optional.ofNullable(automorphisms.get(galoisElement));
    }

    /** The Galois elements k that have keys, ascending. */
    public Set<Long> galoisElements() {
        return new TreeMap<>(automorphisms).keySet();
    }
}
