package org.wisekit.dfmsd.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.dfmsd.eval.Box;
import org.wisekit.dfmsd.eval.Detection;
import org.wisekit.dfmsd.eval.GroundTruth;

/** {@link CocoFiles}: round trips, a hand-written COCO file, and an error naming file, field and value per fault. */
class CocoFilesTest {

    @TempDir
    Path dir;

    private static final String IMAGES = "\"images\": [{\"id\": 1, \"file_name\": \"a.png\", \"width\": 48, \"height\": 48},"
            + " {\"id\": 2, \"file_name\": \"b.png\", \"width\": 48, \"height\": 48}]";
    private static final String CATEGORIES = "\"categories\": [{\"id\": 3, \"name\": \"shirt\"}, {\"id\": 5, \"name\": \"bag\"}]";

    private static CocoDataset sample() {
        return new CocoDataset(
                List.of(new CocoDataset.Image(1, "a.png", 48, 48), new CocoDataset.Image(7, "dir/b \"q\".png", 64, 32)),
                List.of(new CocoDataset.Category(3, "shirt"), new CocoDataset.Category(5, "bag")),
                List.of(new CocoDataset.Annotation(10, 1, 3, new Box(1.5, 2.25, 10, 12.125)),
                        new CocoDataset.Annotation(11, 7, 5, new Box(0, 0, 30, 20), 512.5, true),
                        new CocoDataset.Annotation(12, 7, 3, new Box(1e-7, 3, 0.1, 1e3))));
    }

    @Test
    void datasetAndResultsRoundTrip() {
        CocoDataset data = sample();
        Path gt = dir.resolve("gt.json");
        CocoFiles.writeDataset(gt, data);
        CocoDataset back = CocoFiles.readDataset(gt);
        assertThat(back).isEqualTo(data);
        assertThat(back.imageIds()).containsExactly(1L, 7L);
        assertThat(back.categoryIds()).containsExactly(3, 5);
        assertThat(back.categoryNames()).containsEntry(5, "bag");
        assertThat(back.groundTruths()).containsExactly(
                new GroundTruth(1, 3, new Box(1.5, 2.25, 10, 12.125), 10 * 12.125, false),
                new GroundTruth(7, 5, new Box(0, 0, 30, 20), 512.5, true),
                new GroundTruth(7, 3, new Box(1e-7, 3, 0.1, 1e3), 0.1 * 1e3, false));

        List<Detection> dets = List.of(new Detection(1, 3, new Box(1, 2, 3, 4), 0.987654321),
                new Detection(7, 5, new Box(0.1, 0.2, 0.3, 0.4), -2.5));
        Path pred = dir.resolve("pred.json");
        CocoFiles.writeResults(pred, dets);
        assertThat(CocoFiles.readResults(pred, data)).isEqualTo(dets);
        CocoFiles.writeResults(pred, List.of());
        assertThat(CocoFiles.readResults(pred, data)).isEmpty();
    }

    @Test
    void readsAHandWrittenFileWithExtraAndOptionalFields() throws IOException {
        Path gt = write("gt.json", "{\"info\": {\"year\": 2024}, " + IMAGES + ", " + CATEGORIES + ", \"annotations\": ["
                + "{\"id\": 1, \"image_id\": 1, \"category_id\": 3, \"bbox\": [1, 2, 3, 4], \"segmentation\": [[1,2,3,4]]},"
                + "{\"id\": 2.0, \"image_id\": 2, \"category_id\": 5, \"bbox\": [0, 0, 10, 10], \"area\": 80, \"iscrowd\": 1},"
                + "{\"id\": 3, \"image_id\": 2, \"category_id\": 5, \"bbox\": [0, 0, 1e1, 5], \"iscrowd\": false}]}");
        CocoDataset d = CocoFiles.readDataset(gt);
        assertThat(d.annotations()).containsExactly(
                new CocoDataset.Annotation(1, 1, 3, new Box(1, 2, 3, 4), 12, false),
                new CocoDataset.Annotation(2, 2, 5, new Box(0, 0, 10, 10), 80, true),
                new CocoDataset.Annotation(3, 2, 5, new Box(0, 0, 10, 5), 50, false));
        Path minimal = write("min.json", "{\"images\": [{\"id\": 4}], \"categories\": [{\"id\": 1}], \"annotations\": []}");
        assertThat(CocoFiles.readDataset(minimal).images()).containsExactly(new CocoDataset.Image(4, "", 0, 0));
    }

    @Test
    void badGroundTruthFilesNameFileFieldAndValue() throws IOException {
        badDataset("negative box width -2.0", "annotations[0].bbox",
                ann("{\"id\": 1, \"image_id\": 1, \"category_id\": 3, \"bbox\": [0, 0, -2, 4]}"));
        badDataset("negative box height -4.0", "annotations[0].bbox",
                ann("{\"id\": 1, \"image_id\": 1, \"category_id\": 3, \"bbox\": [0, 0, 2, -4]}"));
        badDataset("unknown image_id 9", "annotations[0].image_id",
                ann("{\"id\": 1, \"image_id\": 9, \"category_id\": 3, \"bbox\": [0, 0, 2, 4]}"));
        badDataset("unknown category_id 4", "annotations[1].category_id",
                ann("{\"id\": 1, \"image_id\": 1, \"category_id\": 3, \"bbox\": [0, 0, 2, 4]}, "
                        + "{\"id\": 2, \"image_id\": 1, \"category_id\": 4, \"bbox\": [0, 0, 2, 4]}"));
        badDataset("missing field", "annotations[0].bbox", ann("{\"id\": 1, \"image_id\": 1, \"category_id\": 3}"));
        badDataset("missing field", "annotations[0].id", ann("{\"image_id\": 1, \"category_id\": 3, \"bbox\": [0,0,1,1]}"));
        badDataset("must be a finite number, got 'NaN'", "annotations[0].bbox[1]",
                ann("{\"id\": 1, \"image_id\": 1, \"category_id\": 3, \"bbox\": [0, NaN, 2, 4]}"));
        badDataset("got 1E+400", "annotations[0].area",
                ann("{\"id\": 1, \"image_id\": 1, \"category_id\": 3, \"bbox\": [0, 0, 2, 4], \"area\": 1e400}"));
        badDataset("got '7'", "annotations[0].bbox[0]",
                ann("{\"id\": 1, \"image_id\": 1, \"category_id\": 3, \"bbox\": [\"7\", 0, 2, 4]}"));
        badDataset("[x, y, width, height]", "annotations[0].bbox",
                ann("{\"id\": 1, \"image_id\": 1, \"category_id\": 3, \"bbox\": [0, 0, 2]}"));
        badDataset("must be an integer, got 1.5", "annotations[0].image_id",
                ann("{\"id\": 1, \"image_id\": 1.5, \"category_id\": 3, \"bbox\": [0, 0, 2, 4]}"));
        badDataset("must lie in [0, 1], got 2", "annotations[0].iscrowd",
                ann("{\"id\": 1, \"image_id\": 1, \"category_id\": 3, \"bbox\": [0, 0, 2, 4], \"iscrowd\": 2}"));
        badDataset("duplicate annotation id 1", "annotations[1].id",
                ann("{\"id\": 1, \"image_id\": 1, \"category_id\": 3, \"bbox\": [0, 0, 2, 4]}, "
                        + "{\"id\": 1, \"image_id\": 2, \"category_id\": 3, \"bbox\": [0, 0, 2, 4]}"));
        badDataset("duplicate image id 1", "images[1].id", "{\"images\": [{\"id\": 1}, {\"id\": 1}], " + CATEGORIES
                + ", \"annotations\": []}");
        badDataset("missing field", "categories", "{" + IMAGES + ", \"annotations\": []}");
        badDataset("must be an array", "images", "{\"images\": {}, " + CATEGORIES + ", \"annotations\": []}");
        badDataset("malformed JSON", "", "{" + IMAGES + ", " + CATEGORIES + ", \"annotations\": [");
        badDataset("malformed JSON", "unexpected text", "{" + IMAGES + ", " + CATEGORIES + ", \"annotations\": []} x");
        badDataset("must be a JSON object", "", "[]");
        assertThatThrownBy(() -> CocoFiles.readDataset(dir.resolve("absent.json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absent.json: no such file");
    }

    @Test
    void badResultFilesNameFileFieldAndValue() throws IOException {
        CocoDataset truth = sample();
        badResults(truth, "unknown image_id 2", "[0].image_id",
                "[{\"image_id\": 2, \"category_id\": 3, \"bbox\": [0, 0, 1, 1], \"score\": 0.5}]");
        badResults(truth, "unknown category_id 4", "[1].category_id",
                "[{\"image_id\": 1, \"category_id\": 3, \"bbox\": [0, 0, 1, 1], \"score\": 0.5},"
                        + " {\"image_id\": 1, \"category_id\": 4, \"bbox\": [0, 0, 1, 1], \"score\": 0.5}]");
        badResults(truth, "negative box width -1.0", "[0].bbox",
                "[{\"image_id\": 1, \"category_id\": 3, \"bbox\": [0, 0, -1, 1], \"score\": 0.5}]");
        badResults(truth, "missing field", "[0].score", "[{\"image_id\": 1, \"category_id\": 3, \"bbox\": [0, 0, 1, 1]}]");
        badResults(truth, "must be a finite number, got 'Infinity'", "[0].score",
                "[{\"image_id\": 1, \"category_id\": 3, \"bbox\": [0, 0, 1, 1], \"score\": Infinity}]");
        badResults(truth, "must be a JSON array", "", "{\"annotations\": []}");
        badResults(truth, "malformed JSON", "", "[{\"image_id\": 1,");
        badResults(truth, "must be an object, got null", "[0]", "[null]");
    }

    private static String ann(String annotations) {
        return "{" + IMAGES + ", " + CATEGORIES + ", \"annotations\": [" + annotations + "]}";
    }

    private void badDataset(String message, String field, String json) throws IOException {
        Path file = write("bad.json", json);
        assertThatThrownBy(() -> CocoFiles.readDataset(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": ").hasMessageContaining(field).hasMessageContaining(message);
    }

    private void badResults(CocoDataset truth, String message, String field, String json) throws IOException {
        Path file = write("pred.json", json);
        assertThatThrownBy(() -> CocoFiles.readResults(file, truth)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": ").hasMessageContaining(field).hasMessageContaining(message);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
