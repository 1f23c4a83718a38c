package org.wisekit.calib.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.calib.Calibrators;
import org.wisekit.calib.LogitFiles;
import org.wisekit.calib.Logits;
import org.wisekit.calib.Method;
import org.wisekit.calib.SyntheticLogits;
import org.wisekit.datasets.io.Npy;
import org.wisekit.harness.testing.ToolRunner;

/** {@code calib apply} and {@code calib compare} through the harness ToolRunner (the CLI convention). */
class ApplyAndCompareCommandTest {

    @TempDir
    Path dir;

    private Path csv(String name, Logits logits, boolean labelled) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < logits.size(); i++) {
            if (labelled) {
                text.append(logits.labels()[i]).append(',');
            }
            for (int k = 0; k < logits.classes(); k++) {
                text.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.9f", logits.logit(i, k)));
            }
            text.append('\n');
        }
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void applyCalibratesUnlabelledLogitsWithASavedCalibrator() throws IOException {
        Logits val = SyntheticLogits.sample(300, 3, 3.0, 2.0, 91);
        Logits fresh = SyntheticLogits.sample(50, 3, 3.0, 2.0, 92);
        Path cal = dir.resolve("ts.json");
        Calibrators.save(Calibrators.fit(Method.TS, val, Logits.empty(3)), cal);
        Path logits = csv("new.csv", fresh, false);
        Path probs = dir.resolve("probs.csv");
        ToolRunner.Run r = ToolRunner.assertConvention(new CalibTool(), dir, List.of(Path.of("probs.csv")),
                "apply", "--calibrator", cal.toString(), "--logits", logits.toString(), "--out", probs.toString(), "--json");
        assertThat(r.json().get("rows").asInt()).isEqualTo(50);
        assertThat(r.json().get("method").asText()).isEqualTo("ts");
        List<String> lines = Files.readAllLines(probs);
        assertThat(lines).hasSize(51);
        double[] expected = Calibrators.load(cal).apply(LogitFiles.readUnlabelled(logits, 3)).values();
        String[] first = lines.get(1).split(",");
        for (int k = 0; k < 3; k++) {
            assertThat(Double.parseDouble(first[k])).isEqualTo(expected[k]);
        }
        // .npy in and out
        Path npyIn = Files.write(dir.resolve("new.npy"), Npy.writeFloat64(LogitFiles.readUnlabelled(logits, 3).values(), 50, 3));
        Path npyOut = dir.resolve("probs.npy");
        ToolRunner.assertConvention(new CalibTool(), dir, List.of(Path.of("probs.npy")),
                "apply", "--calibrator", cal.toString(), "--logits", npyIn.toString(), "--out", npyOut.toString(), "--json");
        assertThat(Npy.read(npyOut).values()).isEqualTo(expected);
    }

    @Test
    void applyReportsWrongClassCountsAndBadCalibrators() throws IOException {
        Path cal = dir.resolve("ts.json");
        Calibrators.save(Calibrators.fit(Method.TS, SyntheticLogits.sample(100, 3, 3.0, 2.0, 93), Logits.empty(3)), cal);
        Path labelled = csv("labelled.csv", SyntheticLogits.sample(10, 3, 3.0, 2.0, 94), true);
        Path out = dir.resolve("p.csv");
        ToolRunner.Run r = ToolRunner.run(new CalibTool(), "apply", "--calibrator", cal.toString(), "--logits",
                labelled.toString(), "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errors()).singleElement().asString()
                .contains("labelled.csv:1: expected 3 columns (one logit per class of the calibrator), found 4", "remove the label column");
        Path junk = Files.writeString(dir.resolve("junk.json"), "{\"format\": \"wisekit-calibrator\"");
        r = ToolRunner.run(new CalibTool(), "apply", "--calibrator", junk.toString(), "--logits", labelled.toString(),
                "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errors()).singleElement().asString().startsWith(junk + ": not a calibrator file");
        assertThat(out).doesNotExist();
        r = ToolRunner.run(new CalibTool(), "apply", "--calibrator", cal.toString(), "--logits", labelled.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errors()).singleElement().asString().contains("--out");
    }

    @Test
    void compareScoresEveryMethodAndDrawsADiagramWithCounts() throws IOException {
        Path val = csv("val.csv", SyntheticLogits.sample(400, 3, 3.0, 2.0, 95), true);
        Path test = csv("test.csv", SyntheticLogits.sample(300, 3, 3.0, 2.0, 96), true);
        Path ood = csv("ood.csv", SyntheticLogits.outOfDistribution(40, 3, 1.0, 97), false);
        Path plot = dir.resolve("diagram.png");
        ToolRunner.Run r = ToolRunner.assertConvention(new CalibTool(), dir, List.of(Path.of("diagram.png")),
                "compare", "--val", val.toString(), "--test", test.toString(), "--ood", ood.toString(), "--plot",
                plot.toString(), "--bins", "10", "--json");
        JsonNode json = r.json();
        JsonNode methods = json.get("methods");
        assertThat(methods.size()).isEqualTo(Method.values().length - 1);       // all but beta (3 classes)
        assertThat(json.get("skipped").get(0).get("method").asText()).isEqualTo("beta");
        for (JsonNode m : methods) {
            assertThat(m.get("ece").asDouble()).isBetween(0.0, 1.0);
            int total = 0;
            for (JsonNode bin : m.get("reliability")) {
                total += bin.get("count").asInt();
            }
            assertThat(total).as(m.get("method").asText()).isEqualTo(300);
        }
        BufferedImage image = ImageIO.read(plot.toFile());
        assertThat(image.getWidth()).isGreaterThan(500);
        assertThat(image.getHeight()).isGreaterThan(image.getWidth());          // curves above, counts below
    }

    @Test
    void compareRunsNamedMethodsAndPrintsOneTable() throws IOException {
        Path val = csv("val.csv", SyntheticLogits.sample(300, 2, 3.0, 2.0, 98), true);
        Path test = csv("test.csv", SyntheticLogits.sample(200, 2, 3.0, 2.0, 99), true);
        ToolRunner.Run r = ToolRunner.run(new CalibTool(), "compare", "--val", val.toString(), "--test", test.toString(),
                "--methods", "uncal,ts,beta,hist,vector,dirichlet", "--hist-bins", "5");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("acc %", "ECE %", "adaECE %", "NLL", "Brier");
        for (String id : List.of("uncal", "ts", "beta", "hist", "vector", "dirichlet")) {
            assertThat(r.out()).containsPattern("(?m)^" + id + " +\\d");
        }
        assertThat(ToolRunner.files(dir)).containsExactlyInAnyOrder(Path.of("val.csv"), Path.of("test.csv"));
        ToolRunner.Run bad = ToolRunner.run(new CalibTool(), "compare", "--val", val.toString(), "--test", test.toString(),
                "--methods", "ts,,vector");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.errors()).singleElement().asString().contains("--methods 'ts,,vector' has an empty entry");
        bad = ToolRunner.run(new CalibTool(), "compare", "--val", val.toString(), "--test", test.toString(),
                "--plot", dir.resolve("d.svg").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.errors()).singleElement().asString().contains("name a file ending in .png");
    }
}
