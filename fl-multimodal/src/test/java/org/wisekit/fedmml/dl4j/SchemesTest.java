package org.wisekit.fedmml.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wisekit.fedmml.data.AvSamples;
import org.wisekit.fedmml.dl4j.model.ModelLayout;
import org.wisekit.fedmml.dl4j.model.Task;
import org.wisekit.fedmml.fl.ClientConnection;
import org.wisekit.fedmml.fl.FedAvg;
import org.wisekit.fedmml.fl.InProcessConnection;
import org.wisekit.fedmml.fl.NamedTensors;
import org.wisekit.fedmml.fl.ServerConfig;
import org.wisekit.fedmml.fl.TensorSpec;

/** The three schemes on the tiny model: growth, freezing, what travels, what it costs. */
class SchemesTest {

    static FederatedRun.Result run(Scheme scheme, Task task, List<ClientConnection> clients, MultimodalTrainer trainer) {
        FederatedRun.Config config = new FederatedRun.Config(scheme, 2, 2, Fixtures.settings(),
                new ServerConfig(3, 2, Duration.ofMinutes(2), 5), 5);
        return FederatedRun.run(config, new FedAvg(), clients, trainer, Fixtures.samples(12, 99), r -> { });
    }

    static List<ClientConnection> inProcess(MultimodalTrainer trainer) {
        List<ClientConnection> clients = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            AvSamples data = Fixtures.samples(10 + 2 * c, c);
            clients.add(new InProcessConnection("c" + c, new MultimodalClient("c" + c, trainer, data)));
        }
        return clients;
    }

    @Test
    void layerWiseFreezesEarlierLayersBitForBitAndSendsOnlyTheNewOnes() {
        MultimodalTrainer trainer = new MultimodalTrainer(Fixtures.tinyModel(), Task.FUSION);
        FederatedRun.Result result = run(Scheme.LW, Task.FUSION, inProcess(trainer), trainer);
        ModelLayout layout = trainer.layout();
        NamedTensors endOfStage1 = result.rounds().get(1).global();
        NamedTensors end = result.global();
        List<String> frozen = new ArrayList<>();
        for (String m : List.of(ModelLayout.IMAGE, ModelLayout.AUDIO)) {
            layout.encoder(m, 0, 1, true).forEach(s -> frozen.add(s.name()));
        }
        assertThat(end.subset(frozen).bitEquals(endOfStage1.subset(frozen))).isTrue();
        // the new layers and the heads did train in stage 2
        for (String name : List.of("img.L1.attn.wqkv", "aud.L1.mlp.w1", "img.proj.w1", "fuse.w2", "img.lnf.g")) {
            assertThat(end.get(name)).as(name).isNotEqualTo(result.rounds().get(2).global().get(name));
        }
        // depth grows by one layer per stage
        assertThat(endOfStage1.contains("img.L0.attn.wqkv")).isTrue();
        assertThat(endOfStage1.contains("img.L1.attn.wqkv")).isFalse();
        assertThat(end.contains("img.L1.attn.wqkv")).isTrue();
        // clients send back exactly the trainable set: stage 2 uploads no layer-0 or embedding tensor
        StagePlan stage2 = StagePlan.of(Scheme.LW, 2, 2, layout.config());
        List<String> trainable = stage2.trainable(layout, Task.FUSION).stream().map(TensorSpec::name).toList();
        assertThat(trainable).doesNotContainAnyElementsOf(frozen);
        assertThat(result.rounds().get(3).result().accepted())
                .allSatisfy(u -> assertThat(u.tensors().names()).containsExactlyInAnyOrderElementsOf(trainable));
    }

    @Test
    void progressiveTrainsEveryLayerAndCostsMoreThanLayerWise() {
        MultimodalTrainer trainer = new MultimodalTrainer(Fixtures.tinyModel(), Task.CONTRASTIVE);
        FederatedRun.Result prog = run(Scheme.PROG, Task.CONTRASTIVE, inProcess(trainer), trainer);
        NamedTensors endOfStage1 = prog.rounds().get(1).global();
        for (String name : endOfStage1.names()) {
            assertThat(prog.global().get(name)).as(name).isNotEqualTo(endOfStage1.get(name));
        }
        FederatedRun.Result lw = run(Scheme.LW, Task.CONTRASTIVE, inProcess(trainer), trainer);
        FederatedRun.ClientCost progCost = prog.last().costs().get(0);
        FederatedRun.ClientCost lwCost = lw.last().costs().get(0);
        assertThat(lwCost.flops()).isLessThan(progCost.flops());
        assertThat(lwCost.peakBytes()).isLessThan(progCost.peakBytes());
        assertThat(lwCost.bytesUp()).isLessThan(progCost.bytesUp());
        assertThat(prog.last().evaluation().recallAt5()).isBetween(0.0, 100.0);
    }

    @Test
    void sameSeedsGiveBitIdenticalModels() {
        MultimodalTrainer trainer = new MultimodalTrainer(Fixtures.tinyModel(), Task.FUSION);
        NamedTensors a = run(Scheme.E2E, Task.FUSION, inProcess(trainer), trainer).global();
        NamedTensors b = run(Scheme.E2E, Task.FUSION, inProcess(new MultimodalTrainer(Fixtures.tinyModel(), Task.FUSION)),
                trainer).global();
        assertThat(a.bitEquals(b)).isTrue();
    }
}
