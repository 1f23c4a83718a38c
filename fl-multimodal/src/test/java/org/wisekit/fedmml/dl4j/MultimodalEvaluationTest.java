package org.wisekit.fedmml.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.fedmml.dl4j.model.Losses;
import org.wisekit.fedmml.dl4j.model.ModelLayout;
import org.wisekit.fedmml.dl4j.model.Task;
import org.wisekit.fedmml.fl.EvaluationRound;
import org.wisekit.fedmml.fl.FedAvg;
import org.wisekit.fedmml.fl.FederatedServer;
import org.wisekit.fedmml.fl.InProcessConnection;
import org.wisekit.fedmml.fl.NamedTensors;
import org.wisekit.fedmml.fl.ServerConfig;

/** The built-in model's {@code evaluate} (a {@code Client}): its test losses against independent references. */
class MultimodalEvaluationTest {

    @Test
    void crossEntropyOfAHandWorkedExample() {
        // logits (0, ln 3): softmax (1/4, 3/4); label 1 -> -ln(3/4); label 0 -> -ln(1/4)
        float[][] logits = {{0, (float) Math.log(3)}, {0, (float) Math.log(3)}};
        assertThat(MultimodalTrainer.crossEntropy(logits, new int[] {1, 0}))
                .isCloseTo((-Math.log(0.75) - Math.log(0.25)) / 2, within(1e-6));
    }

    @Test
    void infoNceInJavaEqualsTheSameDiffLossOnRandomUnitRows() {
        Random rng = new Random(3);
        for (int n : new int[] {1, 2, 5}) {
            float[][] zi = unitRows(rng, n, 4);
            float[][] za = unitRows(rng, n, 4);
            SameDiff sd = SameDiff.create();
            Losses.symmetricInfoNce(sd, sd.var("zi", Nd4j.createFromArray(toDouble(zi))),
                    sd.var("za", Nd4j.createFromArray(toDouble(za))),
                    sd.constant("eye", Nd4j.eye(n).castTo(DataType.DOUBLE)), 0.05).rename("loss");
            double reference = sd.output(Map.of(), "loss").get("loss").getDouble(0);
            assertThat(MultimodalTrainer.infoNce(zi, za, 0.05)).as("n = %d", n).isCloseTo(reference, within(1e-5 * (1 + Math.abs(reference))));
        }
    }

    @Test
    void theServerEvaluatesTheBuiltInModelOnItsClients() {
        MultimodalTrainer trainer = new MultimodalTrainer(Fixtures.tinyModel(), Task.FUSION);
        StagePlan plan = StagePlan.of(Scheme.E2E, 1, 2, trainer.layout().config());
        NamedTensors initial = ModelLayout.initialise(plan.allTensors(trainer.layout(), Task.FUSION), 1);
        FederatedServer server = new FederatedServer(new FedAvg(), new ServerConfig(2, 1, Duration.ofMinutes(1), 1), initial);
        Map<String, String> settings = FitSettings.of(plan, 2, Fixtures.settings(), 1);
        EvaluationRound e = server.evaluate(0, settings, List.of(
                new InProcessConnection("a", new MultimodalClient("a", trainer, Fixtures.samples(6, 1))),
                new InProcessConnection("b", new MultimodalClient("b", trainer, Fixtures.samples(12, 2)))));
        assertThat(e.dropped()).isEmpty();
        assertThat(e.results()).hasSize(2);
        // an untrained 3-class head: cross-entropy near ln 3, weighted 6 : 12
        double expected = (6 * e.results().get(0).loss() + 12 * e.results().get(1).loss()) / 18;
        assertThat(e.loss()).isCloseTo(expected, within(1e-12)).isBetween(0.5, 3.0);
        assertThat(e.metrics()).containsKey("accuracy");
    }

    private static float[][] unitRows(Random rng, int n, int d) {
        float[][] z = new float[n][d];
        for (float[] row : z) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                row[j] = (float) rng.nextGaussian();
                norm += row[j] * row[j];
            }
            for (int j = 0; j < d; j++) {
                row[j] /= (float) Math.sqrt(norm);
            }
        }
        return z;
    }

    private static double[][] toDouble(float[][] z) {
        double[][] out = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            out[i] = new double[z[i].length];
            for (int j = 0; j < z[i].length; j++) {
                out[i][j] = z[i][j];
            }
        }
        return out;
    }
}
