package org.wisekit.fedmml.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.wisekit.fedmml.fl.ClientUpdate;
import org.wisekit.fedmml.fl.FedAvg;
import org.wisekit.fedmml.fl.NamedTensors;

class FedAvgTest {

    private static ClientUpdate update(String id, long n, float... w) {
        return new ClientUpdate(id, 0, n, new NamedTensors().put("w", new int[] {w.length}, w), Map.of());
    }

    @Test
    void weightedMeanIsExactOnAHandExample() {
        // (1*[1, 2] + 3*[5, 6]) / 4 = [4, 5]
        NamedTensors mean = new FedAvg().aggregate(List.of(update("a", 1, 1, 2), update("b", 3, 5, 6)));
        assertThat(mean.get("w")).containsExactly(4f, 5f);
    }

    @Test
    void resultDoesNotDependOnArrivalOrder() {
        Random rng = new Random(3);
        List<ClientUpdate> updates = new ArrayList<>();
        for (int c = 0; c < 7; c++) {
            float[] w = new float[50];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) rng.nextGaussian() * 1e3f;
            }
            updates.add(update("c" + c, 1 + rng.nextInt(100), w));
        }
        NamedTensors reference = new FedAvg().aggregate(updates);
        for (int trial = 0; trial < 5; trial++) {
            Collections.shuffle(updates, rng);
            assertThat(new FedAvg().aggregate(updates).bitEquals(reference)).isTrue();
        }
        // and it equals a slow reference weighted mean in double, rounded once
        double total = updates.stream().mapToLong(ClientUpdate::numSamples).sum();
        for (int i = 0; i < 50; i++) {
            double expected = 0;
            for (ClientUpdate u : updates.stream().sorted(java.util.Comparator.comparing(ClientUpdate::clientId)).toList()) {
                expected += u.numSamples() / total * u.tensors().get("w")[i];
            }
            assertThat(reference.get("w")[i]).isEqualTo((float) expected);
        }
    }

    @Test
    void equalClientsGiveTheirModelBack() {
        NamedTensors mean = new FedAvg().aggregate(List.of(update("a", 5, 0.1f, -3.7f), update("b", 9, 0.1f, -3.7f)));
        assertThat(mean.get("w")).containsExactly(0.1f, -3.7f);
    }

    @Test
    void rejectsClientsWithoutSamples() {
        assertThatThrownBy(() -> new FedAvg().aggregate(List.of(update("a", 0, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numSamples");
    }
}
