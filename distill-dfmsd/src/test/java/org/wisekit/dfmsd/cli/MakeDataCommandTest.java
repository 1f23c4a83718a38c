package org.wisekit.dfmsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.datasets.Datasets;
import org.wisekit.datasets.LabeledImages;
import org.wisekit.datasets.Split;
import org.wisekit.datasets.testing.RealData;
import org.wisekit.dfmsd.data.CanvasSettings;
import org.wisekit.dfmsd.data.Canvases;
import org.wisekit.dfmsd.data.DetectionSet;
import org.wisekit.harness.testing.ToolRunner;

/** {@code wisekit dfmsd make-data}: files, COCO JSON, the CLI convention and bad input. */
class MakeDataCommandTest {

    @TempDir
    Path dir;

    @Test
    void fashionCanvasesBecomePngsAndCocoJsonThatMatchTheGenerator() throws IOException {
        LabeledImages train = RealData.load(d -> d.fashionMnist(Split.TRAIN));
        LabeledImages test = RealData.load(d -> d.fashionMnist(Split.TEST));
        Path out = dir.resolve("fashion-det");
        int[] counts = {12, 4, 5};
        String[] names = {"train", "val", "test"};
        List<Path> named = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            named.add(Path.of("fashion-det", names[s] + ".json"));
            for (int i = 0; i < counts[s]; i++) {
                named.add(Path.of("fashion-det", names[s], String.format(Locale.ROOT, "%05d.png", i)));
            }
        }
        JsonNode json = ToolRunner.assertConvention(new DfmsdTool(), dir, named, "make-data", "--source", "fashion",
                "--out", out.toString(), "--train", "12", "--val", "4", "--test", "5", "--seed", "7", "--json").json();
        assertThat(json.get("source").asText()).isEqualTo("fashion");
        assertThat(json.get("dataset").asText()).isEqualTo("Fashion-MNIST");
        assertThat(json.get("size").asInt()).isEqualTo(48);
        assertThat(json.get("channels").asInt()).isEqualTo(1);

        // the files hold exactly the canvases the library generates for this seed
        Canvases.Splits expected = Canvases.makeSplits(train, test, 12, 4, 5, CanvasSettings.defaults(48), 7);
        DetectionSet[] sets = {expected.train(), expected.val(), expected.test()};
        for (int s = 0; s < 3; s++) {
            DetectionSet set = sets[s];
            JsonNode summary = json.get("splits").get(names[s]);
            assertThat(summary.get("images").asInt()).isEqualTo(counts[s]);
            assertThat(summary.get("boxes").asInt()).isEqualTo(set.totalBoxes());
            JSONObject coco = new JSONObject(Files.readString(out.resolve(names[s] + ".json")));
            JSONArray images = coco.getJSONArray("images");
            JSONArray annotations = coco.getJSONArray("annotations");
            JSONArray categories = coco.getJSONArray("categories");
            assertThat(images.length()).isEqualTo(counts[s]);
            assertThat(annotations.length()).isEqualTo(set.totalBoxes());
            assertThat(categories.length()).isEqualTo(10);
            for (int c = 0; c < 10; c++) {
                assertThat(categories.getJSONObject(c).getInt("id")).isEqualTo(c + 1);
                assertThat(categories.getJSONObject(c).getString("name")).isEqualTo(Datasets.FASHION_MNIST_CLASSES.get(c));
            }
            int a = 0;
            for (int i = 0; i < counts[s]; i++) {
                JSONObject im = images.getJSONObject(i);
                assertThat(im.getInt("id")).isEqualTo(i + 1);
                assertThat(im.getInt("width")).isEqualTo(48);
                assertThat(im.getInt("height")).isEqualTo(48);
                BufferedImage png = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(out.resolve(im.getString(
                        "file_name")))));
                assertThat(png.getWidth()).isEqualTo(48);
                assertThat(png.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < 48; y++) {
                    for (int x = 0; x < 48; x++) {
                        assertThat(png.getRaster().getSample(x, y, 0))
                                .isEqualTo(Math.round(set.pixels()[i * 48 * 48 + y * 48 + x] * 255f));
                    }
                }
                float[] boxes = set.boxes(i);
                int[] labels = set.labels(i);
                for (int j = 0; j < labels.length; j++, a++) {
                    JSONObject an = annotations.getJSONObject(a);
                    assertThat(an.getInt("id")).isEqualTo(a + 1);
                    assertThat(an.getInt("image_id")).isEqualTo(i + 1);
                    assertThat(an.getInt("category_id")).isEqualTo(labels[j] + 1);
                    assertThat(an.getInt("iscrowd")).isZero();
                    JSONArray bbox = an.getJSONArray("bbox");
                    for (int q = 0; q < 4; q++) {
                        assertThat(bbox.getDouble(q)).isEqualTo(boxes[4 * j + q]);
                    }
                    assertThat(an.getDouble("area")).isEqualTo(boxes[4 * j + 2] * boxes[4 * j + 3]);
                }
            }
        }

        // the folder is no longer empty: a second run must be asked to overwrite
        assertError("is not empty", "make-data", "--source", "fashion", "--out", out.toString(), "--train", "2");
        ToolRunner.Run again = ToolRunner.run(new DfmsdTool(), "make-data", "--source", "fashion", "--out",
                out.toString(), "--train", "2", "--val", "1", "--test", "1", "--seed", "7", "--overwrite");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("2 train / 1 val / 1 test canvases");
        assertThat(new JSONObject(Files.readString(out.resolve("val.json"))).getJSONArray("images").length()).isOne();
    }

    @Test
    void cifarCanvasesAreRgbPngs() throws IOException {
        RealData.load(d -> d.cifar10Test(1));
        Path out = dir.resolve("cifar-det");
        ToolRunner.Run run = ToolRunner.run(new DfmsdTool(), "make-data", "--source", "cifar", "--out",
                out.toString(), "--size", "64", "--train", "3", "--val", "1", "--test", "2", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("channels").asInt()).isEqualTo(3);
        BufferedImage png = ImageIO.read(out.resolve("test/00001.png").toFile());
        assertThat(png.getWidth()).isEqualTo(64);
        assertThat(png.getColorModel().getNumColorComponents()).isEqualTo(3);
        JSONObject coco = new JSONObject(Files.readString(out.resolve("test.json")));
        assertThat(coco.getJSONArray("images").length()).isEqualTo(2);
        assertThat(coco.getJSONArray("categories").getJSONObject(0).getString("name")).isEqualTo("airplane");
    }

    @Test
    void rgbPngsKeepTheChannelOrder() throws IOException {
        int size = 16;
        float[] chw = new float[3 * size * size];
        for (int p = 0; p < size * size; p++) {
            chw[p] = 1f;                       // red plane
            chw[size * size + p] = 0.5f;       // green plane
            chw[2 * size * size + p] = 0f;     // blue plane
        }
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(MakeDataCommand.png(chw, 0, 3, size)));
        assertThat(png.getRGB(3, 5) & 0xFFFFFF).isEqualTo(0xFF8000);
        float[] grey = new float[size * size + 5];
        grey[5 + 2 * size + 7] = 0.2f;
        BufferedImage g = ImageIO.read(new ByteArrayInputStream(MakeDataCommand.png(grey, 5, 1, size)));
        assertThat(g.getRaster().getSample(7, 2, 0)).isEqualTo(51);
        assertThat(g.getRaster().getSample(6, 2, 0)).isZero();
    }

    @Test
    void badInputExitsWithStatusTwoAndOneLine() throws IOException {
        Path fresh = dir.resolve("new");
        assertError("--source must be fashion or cifar, got 'mnist'", "make-data", "--source", "mnist", "--out",
                fresh.toString());
        assertError("--size must be in [16, 1024], got 10", "make-data", "--source", "fashion", "--out",
                fresh.toString(), "--size", "10");
        assertError("--train must be in [1, 100000], got 0", "make-data", "--source", "fashion", "--out",
                fresh.toString(), "--train", "0");
        assertError("--val must be in [0, 100000], got -1", "make-data", "--source", "cifar", "--out",
                fresh.toString(), "--val", "-1");
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "x");
        assertError("--out " + full + " is not empty", "make-data", "--source", "fashion", "--out", full.toString());
        assertError("is a file", "make-data", "--source", "fashion", "--out", full.resolve("keep.txt").toString());
        assertThat(Files.exists(fresh)).isFalse();
    }

    @Test
    void missingDataIsTheDatasetUnavailablePathAndWritesNothing() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("no-data"));
        Path out = dir.resolve("never");
        ToolRunner.Run run = ToolRunner.run(new DfmsdTool(), "make-data", "--source", "cifar", "--out", out.toString(),
                "--data-dir", empty.toString());
        // the wisekit CLI maps DatasetUnavailableException to exit 3; ToolRunner reports it as a failed run
        assertThat(run.exitCode()).isNotZero().isNotEqualTo(2);
        assertThat(run.err()).contains("DatasetUnavailableException").contains("cifar10");
        assertThat(Files.exists(out)).isFalse();
    }

    private static void assertError(String message, String... args) {
        ToolRunner.Run run = ToolRunner.run(new DfmsdTool(), args);
        assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(2);
        assertThat(run.err()).contains(message);
        assertThat(run.err().strip().lines().count()).isEqualTo(1);
    }
}
