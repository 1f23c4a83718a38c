package org.wisekit.fedmml.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wisekit.fedmml.wire.Evaluation;
import org.wisekit.fedmml.wire.Task;

/** The user-facing client API ({@link Client}), {@link Schedule} and {@link Federation}, with plain-Java clients. */
class FederationTest {

    private static final ServerConfig SERVER = new ServerConfig(3, 1, Duration.ofSeconds(10), 1);

    /**
     * A "model" per client: each trainable value moves halfway to {@code target}; the loss is the mean squared
     * distance to the target. Records the configs it saw.
     */
    static final class Toward implements Client {
        final float target;
        final long n;
        final List<Map<String, String>> configs = new ArrayList<>();

        Toward(float target, long n) {
            this.target = target;
            this.n = n;
        }

        @Override
        public FitResult fit(NamedTensors p, Map<String, String> config) {
            configs.add(config);
            for (String name : Client.trainable(config)) {
                float[] w = p.get(name);
                for (int i = 0; i < w.length; i++) {
                    w[i] += 0.5f * (target - w[i]);
                }
            }
            return new FitResult(p, n, Map.of("seen", (double) p.size()));
        }

        @Override
        public EvaluateResult evaluate(NamedTensors p, Map<String, String> config) {
            double sum = 0;
            long count = 0;
            for (String name : p.names()) {
                for (float v : p.get(name)) {
                    sum += (v - target) * (v - target);
                    count++;
                }
            }
            return new EvaluateResult(sum / count, n, Map.of("tensors", (double) p.size()));
        }
    }

    private static NamedTensors model() {
        return new NamedTensors().put("emb/w", new int[] {2}, new float[] {0, 0}).put("l2/w", new int[] {1}, new float[] {0})
                .put("head/w", new int[] {1, 2}, new float[] {0, 0});
    }

    @Test
    void endToEndFedAvgOfUserClientsIsTheWeightedMeanAndEvaluationIsWeighted() {
        Toward a = new Toward(1, 1);
        Toward b = new Toward(4, 3);
        Federation.Result r = new Federation(model(), new FedAvg(), SERVER).schedule(Schedule.endToEnd(2))
                .settings(Map.of("lr", "0.1")).evaluate(true)
                .run(List.of(new InProcessConnection("a", a), new InProcessConnection("b", b)));
        // round 1 from 0: a -> 0.5, b -> 2; FedAvg (1 * 0.5 + 3 * 2) / 4 = 1.625
        assertThat(r.rounds().get(0).global().get("l2/w")[0]).isEqualTo(1.625f);
        // round 2 from 1.625: a -> 1.3125, b -> 2.8125; (1.3125 + 3 * 2.8125) / 4 = 2.4375
        assertThat(r.global().get("head/w")).containsExactly(2.4375f, 2.4375f);
        // evaluation before training: losses 1 and 16, weighted (1 * 1 + 3 * 16) / 4
        assertThat(r.initial().loss()).isCloseTo(49.0 / 4, within(1e-12));
        assertThat(r.initial().round()).isZero();
        double la = (2.4375 - 1) * (2.4375 - 1);
        double lb = (2.4375 - 4) * (2.4375 - 4);
        assertThat(r.last().evaluation().loss()).isCloseTo((la + 3 * lb) / 4, within(1e-9));
        assertThat(r.last().evaluation().metrics()).containsEntry("tensors", 3.0);
        // the runtime adds the round and the trainable names to the user's settings
        assertThat(a.configs.get(1)).containsEntry("lr", "0.1").containsEntry(Client.ROUND, "2")
                .containsEntry(Client.STAGE, "1").containsEntry(Client.STAGES, "1");
        assertThat(Client.trainable(a.configs.get(0))).containsExactly("emb/w", "l2/w", "head/w");
    }

    @Test
    void layerWiseGrowsAndFreezesProgressiveGrowsAndTrainsAll() {
        List<List<String>> groups = List.of(List.of("emb/"), List.of("l2/"));
        Schedule lw = Schedule.layerWise(1, groups, List.of("head/"));
        Schedule prog = Schedule.progressive(1, groups, List.of("head/"));
        NamedTensors m = model();
        assertThat(lw.stages()).isEqualTo(2);
        assertThat(lw.present(m, 1)).containsExactly("emb/w", "head/w");
        assertThat(lw.trainable(m, 2)).containsExactly("l2/w", "head/w");
        assertThat(prog.trainable(m, 2)).containsExactly("emb/w", "l2/w", "head/w");
        assertThat(Schedule.endToEnd(3).trainable(m, 1)).containsExactly("emb/w", "l2/w", "head/w");

        Toward a = new Toward(2, 1);
        Federation.Result r = new Federation(m, new FedAvg(), SERVER).schedule(lw).run(List.of(new InProcessConnection("a", a)));
        assertThat(r.rounds().get(0).global().names()).containsExactly("emb/w", "head/w");
        assertThat(r.rounds().get(0).global().get("emb/w")).containsExactly(1f, 1f);
        // stage 2: emb frozen at its stage-1 value, l2 and head train; only they travel back
        assertThat(r.global().get("emb/w")).containsExactly(1f, 1f);
        assertThat(r.global().get("l2/w")).containsExactly(1f);
        assertThat(r.global().get("head/w")).containsExactly(1.5f, 1.5f);
        assertThat(r.last().fit().accepted().get(0).tensors().names()).containsExactlyInAnyOrder("l2/w", "head/w");
        assertThat(a.configs.get(1)).containsEntry(Client.STAGE, "2").containsEntry(Client.STAGES, "2");

        Federation.Result p = new Federation(m, new FedAvg(), SERVER).schedule(prog)
                .run(List.of(new InProcessConnection("a", new Toward(2, 1))));
        assertThat(p.global().get("emb/w")).containsExactly(1.5f, 1.5f);
    }

    @Test
    void badSchedulesAndClientsAreReported() {
        assertThatThrownBy(() -> new Federation(model(), new FedAvg(), SERVER)
                .schedule(Schedule.layerWise(1, List.of(List.of("emb/")), List.of("head/"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tensor l2/w matches no layer-group prefix");
        assertThatThrownBy(() -> Schedule.layerWise(0, List.of(List.of("a")), List.of()))
                .hasMessageContaining("roundsPerStage must be >= 1, got 0");
        assertThatThrownBy(() -> Schedule.progressive(1, List.of(), List.of())).hasMessageContaining("at least one layer group");
        assertThatThrownBy(() -> Schedule.endToEnd(1).trainable(model(), 2)).hasMessageContaining("stage must be in [1, 1]");
        assertThatThrownBy(() -> new FitResult(new NamedTensors(), 0, Map.of())).hasMessageContaining("numExamples must be > 0");
        assertThatThrownBy(() -> Client.trainable(Map.of())).hasMessageContaining("setting trainable is missing");
        assertThatThrownBy(() -> Client.intSetting(Map.of("stage", "x"), "stage", 1)).hasMessageContaining("setting stage must be an integer, got x");

        // a client that forgets a trainable tensor, and one that does not evaluate: dropped with the reason
        Client forgets = new Client() {
            @Override
            public FitResult fit(NamedTensors p, Map<String, String> config) {
                return new FitResult(p.subset(List.of("emb/w")), 5, Map.of());
            }
        };
        Federation.Result r = new Federation(model(), new FedAvg(), SERVER).evaluate(true)
                .run(List.of(new InProcessConnection("good", new Toward(1, 1)), new InProcessConnection("forgets", forgets)));
        assertThat(r.last().fit().accepted()).extracting(ClientUpdate::clientId).containsExactly("good");
        assertThat(r.last().fit().dropped().get("forgets")).contains("did not return the trainable tensors [l2/w, head/w]");
        assertThat(r.last().evaluation().dropped().get("forgets")).contains("does not evaluate");
        assertThat(r.last().evaluation().results()).extracting(ClientEvaluation::clientId).containsExactly("good");
    }

    @Test
    void evaluationMessagesRoundTripAndMalformedOnesAreRejected() throws Exception {
        NamedTensors t = new NamedTensors().put("a", new int[] {2}, new float[] {1, -2});
        EvaluateTask task = new EvaluateTask(4, Map.of("k", "v"), t);
        EvaluateTask back = Wire.decodeEvaluateTask(Task.parseFrom(Wire.encodeEvaluateTask(task).toByteArray()));
        assertThat(back.round()).isEqualTo(4);
        assertThat(back.config()).containsEntry("k", "v");
        assertThat(back.tensors().bitEquals(t)).isTrue();
        ClientEvaluation e = new ClientEvaluation("c", 4, 9, 0.25, Map.of("accuracy", 0.5));
        assertThat(Wire.decodeEvaluation(Evaluation.parseFrom(Wire.encodeEvaluation(e).toByteArray()))).isEqualTo(e);
        // a FIT task is not an evaluation, and the reverse; another wire version is refused
        Task fit = Wire.encodeTask(new FitTask(1, Map.of(), t, List.of("a")));
        assertThatThrownBy(() -> Wire.decodeEvaluateTask(fit)).hasMessageContaining("task kind FIT is not EVALUATE");
        assertThatThrownBy(() -> Wire.decodeTask(Wire.encodeEvaluateTask(task))).hasMessageContaining("is not FIT");
        assertThatThrownBy(() -> Wire.decodeEvaluation(Wire.encodeEvaluation(e).toBuilder().setWireVersion(1).build()))
                .hasMessageContaining("wire version 1 is not supported");
        assertThatThrownBy(() -> Wire.decodeEvaluateTask(Task.parseFrom(new byte[] {0x08, (byte) 0xff})))
                .isInstanceOf(Exception.class);
    }
}
