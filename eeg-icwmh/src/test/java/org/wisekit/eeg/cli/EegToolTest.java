package org.wisekit.eeg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.datasets.Dataset;
import org.wisekit.datasets.io.Safetensors;
import org.wisekit.datasets.testing.RealData;
import org.wisekit.harness.Tool;
import org.wisekit.harness.testing.ToolRunner;

/** {@code wisekit eeg preprocess | evaluate} on the real S001 runs: outputs, the CLI convention, bad input. */
class EegToolTest {

    @TempDir
    Path work;

    @TempDir
    Path out;

    private static Path run(int run) {
        return RealData.load(d -> d.verifiedPath(Dataset.EEG, String.format("eeg/physionet-eegmmidb-S001/S001R%02d.edf", run)));
    }

    @Test
    void preprocessWritesOnePngPerTrialAndTheTensorFile() throws IOException {
        Path edf = run(4);
        Path target = out.resolve("r04");
        JsonNode json = ToolRunner.assertConvention(new EegTool(), work, List.of(), "preprocess", "--edf",
                edf.toString(), "--out", target.toString(), "--size", "16x32", "--json").json();
        assertThat(json.get("trials").asInt()).isEqualTo(15);
        assertThat(json.get("shape").toString()).isEqualTo("[15,1,16,32]");
        try (Stream<Path> files = Files.list(target)) {
            assertThat(files.filter(f -> f.toString().endsWith(".png")).count()).isEqualTo(15);
        }
        Safetensors tensors = Safetensors.read(target.resolve("trials.safetensors"));
        assertThat(tensors.tensor("images").shape()).containsExactly(15, 1, 16, 32);
        assertThat(tensors.tensor("labels").shape()).containsExactly(15);
        float[] images = tensors.tensor("images").toFloats();
        for (float v : images) {
            assertThat(v).isBetween(0f, 1f);
        }
        assertThat(tensors.metadata()).containsEntry("events", "T1,T2");

        // the folder is no longer empty: a second run must be asked to overwrite
        ToolRunner.Run again = ToolRunner.run(new EegTool(), "preprocess", "--edf", edf.toString(), "--out",
                target.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("is not empty").contains("--overwrite");
    }

    @Test
    void evaluateRunsLeaveOneRunOutCrossValidation() {
        Path folder = run(4).getParent();
        run(8);
        run(12);
        JsonNode json = ToolRunner.run(new EegTool(), "evaluate", "--edf-dir", folder.toString(), "--runs",
                "4,8,12", "--method", "csp", "--json").json();
        assertThat(json.get("subject").asText()).isEqualTo("S001");
        assertThat(json.get("trials").asInt()).isEqualTo(45);
        assertThat(json.get("folds").size()).isEqualTo(3);
        double mean = 0;
        for (JsonNode f : json.get("folds")) {
            assertThat(f.get("trials").asInt()).isEqualTo(15);
            mean += f.get("accuracy").asDouble() / 3;
        }
        assertThat(json.get("meanAccuracy").asDouble()).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void badInputGetsOneLineNamingTheOption() throws IOException {
        Path edf = run(4);
        assertError("--edf " + work.resolve("nope.edf") + ": no such file", "preprocess", "--edf",
                work.resolve("nope.edf").toString(), "--out", out.resolve("x").toString());
        assertError("--fusion must be", "preprocess", "--edf", edf.toString(), "--out", out.resolve("y").toString(),
                "--fusion", "multiply");
        assertError("--size must be HxW", "preprocess", "--edf", edf.toString(), "--out",
                out.resolve("z").toString(), "--size", "big");
        assertError("event code 'T9' occurs in no annotation", "preprocess", "--edf", edf.toString(), "--out",
                out.resolve("w").toString(), "--events", "T9");
        assertError("--runs needs at least 2 runs", "evaluate", "--edf-dir", edf.getParent().toString(), "--runs",
                "4");
        assertError("--method must be", "evaluate", "--edf-dir", edf.getParent().toString(), "--runs", "4,8",
                "--method", "svm");
        Files.writeString(work.resolve("S002R04.edf"), "x");
        Files.writeString(work.resolve("S003R04.edf"), "x");
        assertError("holds several subjects", "evaluate", "--edf-dir", work.toString(), "--runs", "4,8");
    }

    private static void assertError(String message, String... args) {
        ToolRunner.Run run = ToolRunner.run(new EegTool(), args);
        assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(2);
        assertThat(run.err()).contains(message);
        assertThat(run.err().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void registeredAsATool() {
        assertThat(ServiceLoader.load(Tool.class).stream().map(p -> p.type().getName()))
                .contains(EegTool.class.getName());
    }
}
