package org.wisekit.ddescent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.datasets.LabeledImages;
import org.wisekit.datasets.testing.RealData;
import org.wisekit.ddescent.DigitsAnalysis;
import org.wisekit.ddescent.DigitsResult;
import org.wisekit.ddescent.Fixtures;
import org.wisekit.ddescent.TestError;
import org.wisekit.harness.Tool;
import org.wisekit.harness.testing.ToolRunner;

/** {@code wisekit ddescent curve | data}: the CLI convention, the fixtures' flags, outputs, bad input. */
class DdescentToolTest {

    @TempDir
    Path dir;

    private static String[] fixture(Fixtures.Case c, String... more) {
        String[] head = {"curve", "--sigma", c.sigmaA() + "," + c.sigmaB(), "--lambda", c.lambdaA() + "," + c.lambdaB(),
                "--target-ratio", Fixtures.TARGET_RATIO_A + ",1", "--gamma", String.valueOf(Fixtures.GAMMA_TWO_LAYER)};
        String[] all = java.util.Arrays.copyOf(head, head.length + more.length);
        System.arraycopy(more, 0, all, head.length, more.length);
        return all;
    }

    @Test
    void curveFollowsTheConventionAndGivesFixtureOnesFlags() throws IOException {
        Path out = dir.resolve("curve.csv");
        JsonNode json = ToolRunner.assertConvention(new DdescentTool(), dir, List.of(Path.of("curve.csv")),
                fixture(Fixtures.get(1), "--out", out.toString(), "--json")).json();
        // the note's table, case 1: two-layer DD yes (the appendix count), linear regression no
        JsonNode two = json.get("twoLayer");
        JsonNode lr = json.get("linearRegression");
        assertThat(two.get("appendixDoubleDescent").asBoolean()).isTrue();
        assertThat(two.get("count").asInt()).isEqualTo(1);
        // at this grid the curve ends rising: the appendix DD of case 1 is a descent-ascent, no second descent
        assertThat(two.get("secondDescent").asBoolean()).isFalse();
        assertThat(lr.get("appendixDoubleDescent").asBoolean()).isFalse();
        assertThat(lr.get("count").asInt()).isZero();
        assertThat(two.get("conditions").get("c1").asBoolean()).isTrue();
        assertThat(two.get("conditions").get("overfittingModes").toString()).isEqualTo("[0]");
        assertThat(json.get("modes").get(0).get("overfits").asBoolean()).isTrue();
        assertThat(json.get("modes").get(1).get("overfits").asBoolean()).isFalse();
        assertThat(json.get("gd").isNull()).isTrue();
        assertThat(json.get("out").asText()).isEqualTo(out.toString());

        // the CSV holds the library's curves exactly (shortest round-trip decimals)
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("t,e_two_layer,e_linear_regression");
        assertThat(lines).hasSize(Fixtures.POINTS + 1);
        double[] grid = Fixtures.grid();
        double[] twoLayer = Fixtures.get(1).testError(Fixtures.GAMMA_TWO_LAYER);
        double[] linear = TestError.linearRegression(Fixtures.get(1).modes(), 1, grid);
        for (int k : new int[] {0, 1, 4507, Fixtures.POINTS - 1}) {
            String[] f = lines.get(k + 1).split(",");
            assertThat(Double.parseDouble(f[0])).isEqualTo(grid[k]);
            assertThat(Double.parseDouble(f[1])).isEqualTo(twoLayer[k]);
            assertThat(Double.parseDouble(f[2])).isEqualTo(linear[k]);
        }
    }

    @Test
    void curveReproducesTheFourFixturesOfTheNote() {
        for (Fixtures.Case c : Fixtures.all()) {
            JsonNode json = ToolRunner.run(new DdescentTool(), fixture(c, "--json")).json();
            assertThat(json.get("twoLayer").get("appendixDoubleDescent").asBoolean()).as("case %d two-layer", c.number())
                    .isEqualTo(c.twoLayerDoubleDescent());
            // linear regression at rate eta = 1 (the note used gamma = 1e3; on this grid the flags are the same)
            assertThat(json.get("linearRegression").get("appendixDoubleDescent").asBoolean())
                    .as("case %d linear regression", c.number()).isEqualTo(c.linearRegressionDoubleDescent());
        }
    }

    @Test
    void gdStepAddsTheDiscreteDescentConvergingToTheClosedForm() throws IOException {
        Path out = dir.resolve("gd.csv");
        JsonNode fine = ToolRunner.run(new DdescentTool(), fixture(Fixtures.get(1), "--t-max", "1e3", "--points",
                "400", "--gd-step", "5e-4", "--json")).json().get("gd");
        ToolRunner.Run coarseRun = ToolRunner.run(new DdescentTool(), fixture(Fixtures.get(1), "--t-max", "1e3",
                "--points", "400", "--gd-step", "1e-3", "--out", out.toString(), "--json"));
        JsonNode json = coarseRun.json();
        JsonNode coarse = json.get("gd");
        assertThat(coarse.get("points").asInt()).isEqualTo(400);
        double gapCoarse = coarse.get("maxGapRelativeToMax").asDouble();
        double gapFine = fine.get("maxGapRelativeToMax").asDouble();
        assertThat(gapCoarse).isLessThan(1e-2);
        // first order in the step: halving it halves the gap
        assertThat(gapFine / gapCoarse).isCloseTo(0.5, within(0.1));
        assertThat(coarse.get("detection").get("count").asInt()).isEqualTo(json.get("twoLayer").get("count").asInt());
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("t,e_two_layer,e_linear_regression,e_gd");
        assertThat(lines.get(1).split(",")).hasSize(4);

        // a step cap leaves the later times without a descent value, and says so on stderr
        ToolRunner.Run capped = ToolRunner.run(new DdescentTool(), fixture(Fixtures.get(1), "--t-max", "1e3",
                "--points", "400", "--gd-step", "1e-3", "--gd-max-steps", "1000", "--out", out.toString(), "--json"));
        JsonNode gd = capped.json().get("gd");
        assertThat(gd.get("points").asInt()).isBetween(2, 399);
        assertThat(gd.get("coveredUntil").asDouble()).isLessThanOrEqualTo(1.0005);
        assertThat(capped.err()).contains("discrete GD stops after 1000 steps");
        assertThat(Files.readAllLines(out).get(400)).endsWith(",");
    }

    @Test
    void curveBadInputExitsTwoWithOneLineNamingTheParameter() {
        assertError("--lambda must be > 0, got -1.0", "curve", "--sigma", "1,2", "--lambda", "-1,1", "--target-ratio",
                "0.6,1", "--gamma", "1e-3");
        assertError("--lambda must be > 0, got 0.0", "curve", "--sigma", "1,2", "--lambda", "1,0", "--target-ratio",
                "0.6,1", "--gamma", "1e-3");
        assertError("--gamma must be finite and >= 0, got -1.0", "curve", "--sigma", "1,2", "--lambda", "1,1",
                "--target-ratio", "0.6,1", "--gamma", "-1");
        assertError("--z0 must be non-zero when --gamma is 0", "curve", "--sigma", "1,2", "--lambda", "1,1",
                "--target-ratio", "0.6,1", "--gamma", "0", "--z0", "0");
        assertError("--lambda has 1 values but --sigma has 2", "curve", "--sigma", "1,2", "--lambda", "1",
                "--target-ratio", "0.6,1", "--gamma", "1e-3");
        assertError("--target-ratio has 3 values but --sigma has 2", "curve", "--sigma", "1,2", "--lambda", "1,1",
                "--target-ratio", "0.6,1,1", "--gamma", "1e-3");
        assertError("--lambda-test has 1 values", "curve", "--sigma", "1,2", "--lambda", "1,1", "--target-ratio",
                "0.6,1", "--gamma", "1e-3", "--lambda-test", "1");
        assertError("--t-min must be > 0", "curve", "--sigma", "1,2", "--lambda", "1,1", "--target-ratio", "0.6,1",
                "--gamma", "1e-3", "--t-min", "0");
        assertError("--t-max must be finite and > --t-min", "curve", "--sigma", "1,2", "--lambda", "1,1",
                "--target-ratio", "0.6,1", "--gamma", "1e-3", "--t-max", "1e-5");
        assertError("--gd-step must be finite and > 0", "curve", "--sigma", "1,2", "--lambda", "1,1",
                "--target-ratio", "0.6,1", "--gamma", "1e-3", "--gd-step", "0");
        assertError("--gd-step 10.0 made gradient descent of mode 0 diverge", "curve", "--sigma", "1,2", "--lambda",
                "1,1", "--target-ratio", "0.6,1", "--gamma", "1e-3", "--gd-step", "10", "--t-max", "1e3", "--points",
                "20");
        assertError("--sigma", "curve", "--sigma", "1,x", "--lambda", "1,1", "--target-ratio", "0.6,1", "--gamma",
                "1e-3");
        assertError("missing subcommand", new String[0]);
    }

    /** The first {@code n} digits as CSV: a header, then the 64 pixels 0..16 and the label. */
    private static Path digitsCsv(Path file, LabeledImages digits, int n) throws IOException {
        float[] px = digits.images().data();
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < 64; j++) {
            s.append("p").append(j).append(',');
        }
        s.append("label\n");
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < 64; j++) {
                s.append(Math.round(px[r * 64 + j] * 16)).append(',');
            }
            s.append(digits.labels()[r]).append('\n');
        }
        Files.writeString(file, s.toString());
        return file;
    }

    @Test
    void dataFollowsTheConventionOnRealDigitsRowsAndMatchesTheLibrary() throws IOException {
        LabeledImages digits = RealData.load(d -> d.sklearnDigits());
        Path csv = digitsCsv(dir.resolve("digits.csv"), digits, 400);
        Path out = dir.resolve("curves.csv");
        JsonNode json = ToolRunner.assertConvention(new DdescentTool(), dir, List.of(Path.of("curves.csv")), "data",
                "--csv", csv.toString(), "--outputs", "10", "--steps", "500", "--points", "30", "--seed", "7",
                "--out", out.toString(), "--json").json();
        assertThat(json.get("rows").asInt()).isEqualTo(400);
        assertThat(json.get("headerSkipped").asBoolean()).isTrue();
        assertThat(json.get("trainSize").asInt()).isEqualTo(320);
        assertThat(json.get("testSize").asInt()).isEqualTo(80);
        assertThat(json.get("noisyLabels").asInt()).isEqualTo(64);
        assertThat(json.get("classes").asInt()).isEqualTo(10);
        assertThat(json.get("modes").size()).isEqualTo(9);
        assertThat(json.get("maxRelativeGap").isNumber()).isTrue();
        assertThat(json.get("gd").has("secondDescent")).isTrue();
        assertThat(json.get("theory").has("count")).isTrue();
        assertThat(json.get("conditions").has("c1")).isTrue();
        assertThat(json.get("warnings").size()).isZero();

        // the same rows through the library (pixels in [0, 1]: standardisation removes the factor 16)
        double[][] x = new double[400][64];
        float[] px = digits.images().data();
        for (int r = 0; r < 400; r++) {
            for (int j = 0; j < 64; j++) {
                x[r][j] = px[r * 64 + j];
            }
        }
        DigitsResult lib = DigitsAnalysis.run(x, java.util.Arrays.copyOf(digits.labels(), 400), 10,
                DigitsAnalysis.Settings.defaults().withSteps(500).withPoints(30), 7);
        double[] gd = lib.gdTestError();
        assertThat(json.get("gdFinalTestError").asDouble()).isCloseTo(gd[gd.length - 1], within(1e-9));
        assertThat(json.get("maxRelativeGap").asDouble()).isCloseTo(lib.maxRelativeGap(), within(1e-9));
        assertThat(json.get("droppedFeatures").size()).isEqualTo(lib.droppedFeatures().size());

        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("t,step,e_gd,e_theory");
        assertThat(lines).hasSize(gd.length + 1);
        String[] last = lines.get(lines.size() - 1).split(",");
        assertThat(last[1]).isEqualTo("500");
        assertThat(Double.parseDouble(last[2])).isCloseTo(gd[gd.length - 1], within(1e-9));
    }

    @Test
    void dataWarnsOnASingleOutputOnStderr() throws IOException {
        StringBuilder s = new StringBuilder();
        for (int r = 0; r < 30; r++) {
            s.append(String.format(Locale.ROOT, "%d,%.3f,%.3f,0%n", r % 7, Math.sin(r), Math.cos(0.7 * r)));
        }
        Path csv = Files.writeString(dir.resolve("one.csv"), s.toString());
        ToolRunner.Run run = ToolRunner.run(new DdescentTool(), "data", "--csv", csv.toString(), "--outputs", "1",
                "--steps", "100", "--points", "10");
        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        assertThat(run.err()).contains("warning: single output (dy = 1)");
        assertThat(run.err()).contains("not applied");
        assertThat(run.out()).contains("30 rows -> 24 train / 6 test").contains("GD vs theory: max relative gap");
    }

    @Test
    void dataMalformedCsvExitsTwoNamingTheLine() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "a,b,label\n1,2,0\n1,x,1\n");
        assertError("bad.csv line 3 field 2: not a number: 'x'", "data", "--csv", bad.toString(), "--outputs", "2");
        Files.writeString(bad, "1,2,0\n\n1,2,1\n3,1\n");
        assertError("bad.csv line 4: expected 3 fields like the first row, got 2", "data", "--csv", bad.toString(),
                "--outputs", "2");
        Files.writeString(bad, "1,2,0\n1,2,12\n");
        assertError("bad.csv line 2: label 12 is not in [0, 10) for --outputs 10", "data", "--csv", bad.toString(),
                "--outputs", "10");
        Files.writeString(bad, "1,2,0\n1,2,1.5\n");
        assertError("bad.csv line 2: label '1.5' is not an integer", "data", "--csv", bad.toString(), "--outputs", "2");
        Files.writeString(bad, "1,NaN,0\n1,2,1\n");
        assertError("bad.csv line 1 field 2: not a finite number", "data", "--csv", bad.toString(), "--outputs", "2");
        Files.writeString(bad, "x,y,label\n");
        assertError("has no data rows", "data", "--csv", bad.toString(), "--outputs", "2");
        assertError("no such file", "data", "--csv", dir.resolve("nope.csv").toString(), "--outputs", "2");
        Files.writeString(bad, "1,2,0\n2,1,1\n3,3,0\n");
        assertError("--label-noise must be in [0, 1), got 1.0", "data", "--csv", bad.toString(), "--outputs", "2",
                "--label-noise", "1");
        assertError("--outputs must be >= 1, got 0", "data", "--csv", bad.toString(), "--outputs", "0");
        assertError("--test-fraction = 0.1 gives 0 test rows of 3", "data", "--csv", bad.toString(), "--outputs", "2",
                "--test-fraction", "0.1");
    }

    private static void assertError(String message, String... args) {
        ToolRunner.Run run = ToolRunner.run(new DdescentTool(), args);
        assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(2);
        assertThat(run.err()).contains(message);
        assertThat(run.err().strip().lines().count()).as("stderr: %s", run.err()).isEqualTo(1);
    }

    @Test
    void registeredAsATool() {
        assertThat(ServiceLoader.load(Tool.class).stream().map(p -> p.type().getName()))
                .contains(DdescentTool.class.getName());
    }
}
