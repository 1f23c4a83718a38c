package org.wisekit.fedmml.repro;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.wisekit.fedmml.data.AvSamples;
import org.wisekit.fedmml.dl4j.FederatedRun;
import org.wisekit.fedmml.dl4j.MultimodalClient;
import org.wisekit.fedmml.dl4j.MultimodalTrainer;
import org.wisekit.fedmml.dl4j.Scheme;
import org.wisekit.fedmml.dl4j.model.ModelConfig;
import org.wisekit.fedmml.dl4j.model.Task;
import org.wisekit.fedmml.fl.ClientConnection;
import org.wisekit.fedmml.fl.FedAvg;
import org.wisekit.fedmml.fl.FederatedClient;
import org.wisekit.fedmml.fl.InProcessConnection;
import org.wisekit.fedmml.fl.ServerConfig;

/**
 * The measured FLOPs (op by op) and bytes (encoded messages) of every client-round of a small federated run
 * against the closed-form {@link AnalyticCost}, within 2 %, for every scheme and task, and the FedMML / LW-FedMML
 * ratios.
 */
class AnalyticCostTest {

    /** d = 8, 2 heads, 2 image and 2 audio layers (2 stages of one layer each), 4 image and 3 audio tokens. */
    static final ModelConfig MODEL = new ModelConfig(4, 6, 3, 5, 8, 2, 16, 2, 2, 12, 6, 3, 0.05);
    static final int STAGES = 2;
    static final int ROUNDS_PER_STAGE = 2;
    static final long SEED = 5;
    static final MultimodalTrainer.Settings SETTINGS = new MultimodalTrainer.Settings(1, 8, 1e-2, 1e-4, 0);
    /** 10: batches of 8 and 2; 9: 8 and a single example left out; 17: 8, 8 (1 left out); 12: 8 and 4. */
    static final int[] CLIENT_EXAMPLES = {10, 9, 17, 12};

    static AvSamples samples(int n, long seed) {
        Random rng = new Random(seed);
        float[][] img = new float[n][MODEL.imageTokens() * MODEL.patchDim()];
        float[][] aud = new float[n][MODEL.audioTokens() * MODEL.frameDim()];
        int[] lab = new int[n];
        for (int i = 0; i < n; i++) {
            lab[i] = i % MODEL.classes();
            for (int j = 0; j < img[i].length; j++) {
                img[i][j] = (float) (rng.nextGaussian() + (j % MODEL.classes() == lab[i] ? 1 : 0));
            }
            for (int j = 0; j < aud[i].length; j++) {
                aud[i][j] = (float) (rng.nextGaussian() + (j % MODEL.classes() == lab[i] ? 1 : 0));
            }
        }
        return new AvSamples(img, aud, lab);
    }

    static FederatedRun.Result run(Scheme scheme, MultimodalTrainer trainer) {
        List<ClientConnection> clients = new ArrayList<>();
        for (int c = 0; c < CLIENT_EXAMPLES.length; c++) {
            String id = "c" + c;
            clients.add(new InProcessConnection(id, FederatedClient.of(id, new MultimodalClient(id, trainer, samples(CLIENT_EXAMPLES[c], c))),
                    Runnable::run));
        }
        FederatedRun.Config config = new FederatedRun.Config(scheme, STAGES, ROUNDS_PER_STAGE, SETTINGS,
                new ServerConfig(2, 1, Duration.ofMinutes(2), SEED), SEED);
        return FederatedRun.run(config, new FedAvg(), clients, trainer, samples(9, 99), r -> { });
    }

    static AnalyticCost analytic(Task task) {
        return new AnalyticCost(MODEL, task, new AnalyticCost.Protocol(STAGES, SETTINGS.epochs(), SETTINGS.batch(),
                SETTINGS.lr(), SETTINGS.weightDecay(), SEED, Map.of()));
    }

    static double relative(double measured, double analytic) {
        return measured / analytic - 1;
    }

    @Test
    void measuredFlopsAndBytesMatchTheClosedFormWithinTwoPercent() {
        for (Task task : Task.values()) {
            MultimodalTrainer trainer = new MultimodalTrainer(MODEL, task);
            AnalyticCost model = analytic(task);
            double[] meanFlops = new double[2];
            double[] meanBytes = new double[2];
            double[] analyticFlops = new double[2];
            double[] analyticBytes = new double[2];
            for (Scheme scheme : Scheme.values()) {
                FederatedRun.Result result = run(scheme, trainer);
                List<AnalyticCost.ClientRound> participation = AnalyticCost.participation(result);
                int i = 0;
                double flops = 0;
                double bytes = 0;
                boolean sawFrozenDownload = false;
                for (FederatedRun.Round round : result.rounds()) {
                    for (FederatedRun.ClientCost measured : round.costs()) {
                        AnalyticCost.ClientRound r = participation.get(i++);
                        assertThat(r.client()).isEqualTo(measured.client());
                        assertThat(r.round()).isEqualTo(round.round());
                        AnalyticCost.Cost expected = model.cost(scheme, r);
                        String what = String.format(Locale.ROOT, "%s %s round %d %s", task, scheme, r.round(), r.client());
                        assertThat(Math.abs(relative(measured.flops(), expected.flops()))).as(what + " FLOPs %.0f vs %.0f",
                                measured.flops(), expected.flops()).isLessThanOrEqualTo(0.02);
                        assertThat(Math.abs(relative(measured.bytesDown(), expected.bytesDown()))).as(what + " bytes down")
                                .isLessThanOrEqualTo(0.02);
                        assertThat(Math.abs(relative(measured.bytesUp(), expected.bytesUp()))).as(what + " bytes up")
                                .isLessThanOrEqualTo(0.02);
                        System.out.printf(Locale.ROOT, "%s: FLOPs %.0f / %.0f (%+.3f %%), down %d / %.0f (%+.3f %%),"
                                        + " up %d / %.0f (%+.3f %%), payload %.0f%n", what, measured.flops(),
                                expected.flops(), 100 * relative(measured.flops(), expected.flops()), measured.bytesDown(),
                                expected.bytesDown(), 100 * relative(measured.bytesDown(), expected.bytesDown()),
                                measured.bytesUp(), expected.bytesUp(), 100 * relative(measured.bytesUp(), expected.bytesUp()),
                                expected.payloadBytes());
                        flops += measured.flops();
                        bytes += measured.bytesDown() + measured.bytesUp();
                        sawFrozenDownload |= scheme == Scheme.LW && r.stage() > 1
                                && model.payloadBytes(scheme, r) > 4 * 2 * trainableValues(model, scheme, r.stage());
                    }
                }
                assertThat(i).isEqualTo(participation.size());
                if (scheme == Scheme.LW) {
                    // the run exercises the one-time download of newly frozen layers
                    assertThat(sawFrozenDownload).isTrue();
                }
                if (scheme != Scheme.PROG) {
                    int k = scheme == Scheme.E2E ? 0 : 1;
                    AnalyticCost.Cost mean = model.meanPerClientRound(scheme, participation);
                    meanFlops[k] = flops / participation.size();
                    meanBytes[k] = bytes / participation.size();
                    analyticFlops[k] = mean.flops();
                    analyticBytes[k] = mean.bytes();
                }
            }
            double flopsRatio = relative(meanFlops[0] / meanFlops[1], analyticFlops[0] / analyticFlops[1]);
            double bytesRatio = relative(meanBytes[0] / meanBytes[1], analyticBytes[0] / analyticBytes[1]);
            System.out.printf(Locale.ROOT, "%s: FedMML / LW FLOPs %.4f (analytic %.4f), bytes %.4f (analytic %.4f)%n", task,
                    meanFlops[0] / meanFlops[1], analyticFlops[0] / analyticFlops[1], meanBytes[0] / meanBytes[1],
                    analyticBytes[0] / analyticBytes[1]);
            assertThat(Math.abs(flopsRatio)).as(task + " FLOPs ratio").isLessThanOrEqualTo(0.02);
            assertThat(Math.abs(bytesRatio)).as(task + " bytes ratio").isLessThanOrEqualTo(0.02);
        }
    }

    private static long trainableValues(AnalyticCost model, Scheme scheme, int stage) {
        return model.trainable(scheme, stage).stream().mapToLong(s -> s.elements()).sum();
    }

    @Test
    void aClientNewToTheRunDownloadsEveryFrozenTensorAndOneFromTheLastStageOnlyTheNewlyFrozen() {
        ModelConfig model = new ModelConfig(4, 6, 3, 5, 8, 2, 16, 6, 3, 12, 6, 3, 0.05);
        AnalyticCost cost = new AnalyticCost(model, Task.FUSION,
                new AnalyticCost.Protocol(3, 1, 8, 1e-3, 1e-4, 42, Map.of()));
        List<String> fresh = cost.frozenDownload(Scheme.LW, 3, 0).stream().map(s -> s.name()).toList();
        List<String> fromStage2 = cost.frozenDownload(Scheme.LW, 3, 2).stream().map(s -> s.name()).toList();
        assertThat(fresh).contains("img.embed.w", "aud.pos", "img.L0.attn.wqkv", "img.L3.mlp.w2", "aud.L1.ln1.g")
                .doesNotContain("img.L4.attn.wqkv", "aud.L2.ln1.g");
        assertThat(fromStage2).contains("img.L2.attn.wqkv", "img.L3.mlp.w2", "aud.L1.ln1.g")
                .doesNotContain("img.embed.w", "img.L1.attn.wqkv", "aud.L0.ln1.g", "img.L4.attn.wqkv");
        assertThat(cost.frozenDownload(Scheme.LW, 3, 3)).isEmpty();
        assertThat(cost.frozenDownload(Scheme.LW, 1, 0)).isEmpty();
        assertThat(cost.frozenDownload(Scheme.E2E, 3, 0)).isEmpty();
        // FedMML sends the whole model, LW one stage's layers and the heads
        assertThat(cost.payloadBytes(Scheme.E2E, new AnalyticCost.ClientRound(5, 3, "c", 10, 2)))
                .isGreaterThan(cost.payloadBytes(Scheme.LW, new AnalyticCost.ClientRound(5, 3, "c", 10, 2)));
    }

    @Test
    void varintSizesFollowTheProtobufEncoding() {
        assertThat(AnalyticCost.varint(0)).isEqualTo(1);
        assertThat(AnalyticCost.varint(127)).isEqualTo(1);
        assertThat(AnalyticCost.varint(128)).isEqualTo(2);
        assertThat(AnalyticCost.varint(16_383)).isEqualTo(2);
        assertThat(AnalyticCost.varint(16_384)).isEqualTo(3);
        assertThat(AnalyticCost.varint(4L * 8544)).isEqualTo(3);
    }
}
