package org.wisekit.fedmml.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wisekit.fedmml.dl4j.model.ModelLayout;
import org.wisekit.fedmml.dl4j.model.Task;
import org.wisekit.fedmml.fl.FedProx;
import org.wisekit.fedmml.fl.NamedTensors;
import org.wisekit.fedmml.fl.TensorSpec;

class FedProxTest {

    private static double distance(NamedTensors a, NamedTensors b) {
        double d = 0;
        for (String n : a.names()) {
            float[] x = a.get(n);
            float[] y = b.get(n);
            for (int i = 0; i < x.length; i++) {
                d += (x[i] - y[i]) * (double) (x[i] - y[i]);
            }
        }
        return Math.sqrt(d);
    }

    @Test
    void theProximalTermKeepsLocalWeightsNearTheGlobalModel() {
        MultimodalTrainer trainer = new MultimodalTrainer(Fixtures.tinyModel(), Task.FUSION);
        StagePlan plan = StagePlan.of(Scheme.E2E, 1, 1, trainer.layout().config());
        List<TensorSpec> specs = plan.allTensors(trainer.layout(), Task.FUSION);
        NamedTensors start = ModelLayout.initialise(specs, 3);
        double[] moved = new double[2];
        double[] mus = {0, 50};
        for (int k = 0; k < 2; k++) {
            NamedTensors model = start.copy();
            var settings = new MultimodalTrainer.Settings(3, 8, 1e-2, 0, mus[k]);
            trainer.train(model, plan, Fixtures.samples(24, 1), settings, 9, mus[k] > 0 ? start.copy() : null);
            moved[k] = distance(model, start);
        }
        assertThat(moved[1]).isLessThan(0.8 * moved[0]);
        assertThat(new FedProx(0.01).fitConfig(0)).isEqualTo(Map.of(FedProx.MU, "0.01"));
    }
}
