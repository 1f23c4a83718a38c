package org.wisekit.fedmml.fl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** How the server picks clients, configures them and combines their updates (Flower's strategy pattern). */
public interface Strategy {

    /** Combines the accepted updates of one round into new values of the trainable tensors. */
    NamedTensors aggregate(List<ClientUpdate> updates);

    /** Extra settings sent to every client this round. */
    default Map<String, String> fitConfig(int round) {
        return Map.of();
    }

    /** {@code count} of the available clients, uniformly without replacement (all of them when count >= available). */
    default List<String> sample(List<String> available, int count, Random rng) {
        List<String> ids = new ArrayList<>(available);
        Collections.sort(ids);
        if (count >= ids.size()) {
            return ids;
        }
        Collections.shuffle(ids, rng);
        List<String> picked = new ArrayList<>(ids.subList(0, count));
        Collections.sort(picked);
        return picked;
    }
}
