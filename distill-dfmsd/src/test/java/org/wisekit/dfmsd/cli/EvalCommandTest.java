package org.wisekit.dfmsd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.dfmsd.coco.CocoDataset;
import org.wisekit.dfmsd.coco.CocoFiles;
import org.wisekit.dfmsd.eval.Box;
import org.wisekit.dfmsd.eval.Detection;
import org.wisekit.harness.testing.ToolRunner;

/** {@code wisekit dfmsd eval}: the CLI convention, the numbers of a hand-computed case, and bad input (exit 2). */
class EvalCommandTest {

    @TempDir
    Path dir;

    private Path gt;
    private Path pred;

    /** Category 1: TP, FP, TP, FP over 3 objects (AP = (34 + 33 * 2/3) / 101); category 2: one perfect hit. */
    @BeforeEach
    void files() {
        CocoDataset data = new CocoDataset(
                List.of(new CocoDataset.Image(1, "a.png", 48, 48), new CocoDataset.Image(2, "b.png", 48, 48)),
                List.of(new CocoDataset.Category(1, "shirt"), new CocoDataset.Category(2, "bag"),
                        new CocoDataset.Category(3, "shoe")),
                List.of(new CocoDataset.Annotation(1, 1, 1, new Box(0, 0, 10, 10)),
                        new CocoDataset.Annotation(2, 1, 1, new Box(20, 20, 10, 10)),
                        new CocoDataset.Annotation(3, 2, 1, new Box(0, 0, 10, 10)),
                        new CocoDataset.Annotation(4, 2, 2, new Box(5, 5, 20, 20))));
        gt = dir.resolve("gt.json");
        CocoFiles.writeDataset(gt, data);
        pred = dir.resolve("dets.json");
        CocoFiles.writeResults(pred, List.of(
                new Detection(2, 1, new Box(0, 0, 10, 10), 0.9),
                new Detection(1, 1, new Box(30, 0, 10, 10), 0.8),
                new Detection(1, 1, new Box(20, 20, 10, 10), 0.7),
                new Detection(2, 1, new Box(30, 30, 10, 10), 0.6),
                new Detection(2, 2, new Box(5, 5, 20, 20), 0.5)));
    }

    @Test
    void jsonFollowsTheConventionAndHasTheHandComputedNumbers() {
        JsonNode json = ToolRunner.assertConvention(new DfmsdTool(), dir, List.of(), "eval", "--gt", gt.toString(),
                "--pred", pred.toString(), "--per-class", "--json").json();
        double cat1 = (34 + 33 * 2.0 / 3.0) / 101;
        JsonNode m = json.get("metrics");
        assertThat(m.get("AP50").asDouble()).isCloseTo((cat1 + 1) / 2, within(1e-9));
        assertThat(m.get("AP").asDouble()).isCloseTo((cat1 + 1) / 2, within(1e-9));
        assertThat(m.get("AR100").asDouble()).isCloseTo((2.0 / 3.0 + 1) / 2, within(1e-9));
        assertThat(m.get("APs").asDouble()).isCloseTo((cat1 + 1) / 2, within(1e-9)); // all areas <= 32^2
        assertThat(m.get("APm").isNull()).isTrue(); // no medium object: pycocotools' -1
        assertThat(m.get("APl").isNull()).isTrue();
        assertThat(json.get("images").asInt()).isEqualTo(2);
        assertThat(json.get("annotations").asInt()).isEqualTo(4);
        assertThat(json.get("detections").asInt()).isEqualTo(5);
        assertThat(json.get("settings").get("maxDets").toString()).isEqualTo("[1,10,100]");
        JsonNode perClass = json.get("perClass");
        assertThat(perClass.size()).isEqualTo(3);
        assertThat(perClass.get(0).get("name").asText()).isEqualTo("shirt");
        assertThat(perClass.get(0).get("ap").asDouble()).isCloseTo(cat1, within(1e-9));
        assertThat(perClass.get(1).get("ap").asDouble()).isCloseTo(1.0, within(1e-9));
        assertThat(perClass.get(2).get("ap").isNull()).isTrue();
    }

    @Test
    void tableAndAreaOptions() {
        ToolRunner.Run text = ToolRunner.run(new DfmsdTool(), "eval", "--gt", gt.toString(), "--pred", pred.toString(),
                "--per-class");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("AP50  AP @[ IoU=0.50      | area=   all | maxDets=100 ] = 0.777")
                .contains("APm   AP @[ IoU=0.50:0.95 | area=medium | maxDets=100 ] = n/a")
                .contains("shirt").contains("n/a: no ground truth");

        // with small <= 50 < medium <= 300 < large, the 20x20 bag (area 400) is large and the 10x10 shirts medium
        JsonNode json = ToolRunner.run(new DfmsdTool(), "eval", "--gt", gt.toString(), "--pred", pred.toString(),
                "--area-small", "50", "--area-large", "300", "--max-dets", "1", "--json").json();
        assertThat(json.get("metrics").get("APs").isNull()).isTrue();
        assertThat(json.get("metrics").get("APl").asDouble()).isCloseTo(1.0, within(1e-9));
        assertThat(json.get("settings").get("areaSmall").asDouble()).isEqualTo(50.0);
        assertThat(json.get("settings").get("maxDets").toString()).isEqualTo("[1,1,1]");
    }

    @Test
    void badInputExitsTwoWithOneLine() throws IOException {
        assertError("--gt " + dir.resolve("none.json") + ": no such file", "--gt", dir.resolve("none.json").toString(),
                "--pred", pred.toString());
        Path badGt = dir.resolve("bad-gt.json");
        Files.writeString(badGt, Files.readString(gt).replace("[0.0, 0.0, 10.0, 10.0]", "[0.0, 0.0, -10.0, 10.0]"));
        assertError("annotations[0].bbox: negative box width -10.0", "--gt", badGt.toString(), "--pred",
                pred.toString());
        Path badPred = dir.resolve("bad-pred.json");
        Files.writeString(badPred, Files.readString(pred).replace("\"category_id\": 2", "\"category_id\": 9"));
        assertError("--pred " + badPred + ": [4].category_id: unknown category_id 9", "--gt", gt.toString(), "--pred",
                badPred.toString());
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "[{\"image_id\": 1");
        assertError("malformed JSON", "--gt", gt.toString(), "--pred", broken.toString());
        assertError("--area-large must be greater than --area-small (1024), got 500", "--gt", gt.toString(), "--pred",
                pred.toString(), "--area-large", "500");
        assertError("--max-dets must be >= 1, got 0", "--gt", gt.toString(), "--pred", pred.toString(), "--max-dets",
                "0");
        assertError("--area-small", "--gt", gt.toString(), "--pred", pred.toString(), "--area-small", "big");
        assertError("--pred", "--gt", gt.toString());
    }

    private static void assertError(String message, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "eval";
        System.arraycopy(args, 0, all, 1, args.length);
        ToolRunner.Run run = ToolRunner.run(new DfmsdTool(), all);
        assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(2);
        assertThat(run.err()).contains(message);
        assertThat(run.err().strip().lines().count()).isEqualTo(1);
    }
}
