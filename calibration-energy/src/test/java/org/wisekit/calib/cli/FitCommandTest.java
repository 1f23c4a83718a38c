package org.wisekit.calib.cli;

import org.wisekit.harness.Progress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.calib.Logits;
import org.wisekit.calib.SyntheticLogits;
import org.wisekit.datasets.io.Npy;
import org.wisekit.harness.Tool;
import org.wisekit.harness.testing.ToolRunner;
import picocli.CommandLine;

/** The tool end to end, wired as the wisekit CLI wires it (IllegalArgumentException: message, exit 2). */
class FitCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        Tool tool = java.util.ServiceLoader.load(Tool.class).stream().map(java.util.ServiceLoader.Provider::get)
                .filter(t -> t instanceof CalibTool).findFirst().orElseThrow();
        CommandLine cl = new CommandLine(tool.command(Progress.SILENT));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException) {
                err.write(ex.getMessage() + "\n");
                return 2;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    private Path write(String name, Logits logits, boolean labelled) throws IOException {
        StringBuilder csv = new StringBuilder(labelled ? "label" : "");
        for (int k = 0; k < logits.classes(); k++) {
            csv.append(k == 0 && !labelled ? "" : ",").append("logit_").append(k);
        }
        csv.append('\n');
        for (int i = 0; i < logits.size(); i++) {
            if (labelled) {
                csv.append(logits.labels()[i]).append(',');
            }
            for (int k = 0; k < logits.classes(); k++) {
                csv.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f", logits.logit(i, k)));
            }
            csv.append('\n');
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    @Test
    void fitsEnergyOnCsvAndWritesProbabilities() throws IOException {
        Path val = write("val.csv", SyntheticLogits.sample(2000, 5, 4.0, 2.0, 41), true);
        Path test = write("test.csv", SyntheticLogits.sample(1000, 5, 4.0, 2.0, 42), true);
        Path ood = write("ood.csv", SyntheticLogits.outOfDistribution(100, 5, 1.0, 43), false);
        Path probs = dir.resolve("probs.csv");
        int status = run("fit", "--val", val.toString(), "--test", test.toString(), "--method", "energy",
                "--ood", ood.toString(), "--out", probs.toString());
        assertThat(status).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text).contains("validation: 2000 rows x 5 classes", "ood tuning: 100 rows", "fitted Energy: t = ",
                "uncalibrated", "energy", "clamped", "wrote 1000 x 5");
        assertThat(ToolRunner.files(dir)).containsExactlyInAnyOrder(Path.of("val.csv"), Path.of("test.csv"), Path.of("ood.csv"),
                Path.of("probs.csv"));
        List<String> lines = Files.readAllLines(probs);
        assertThat(lines).hasSize(1001);
        assertThat(lines.get(0)).isEqualTo("p_0,p_1,p_2,p_3,p_4");
        double sum = 0;
        for (String cell : lines.get(1).split(",")) {
            sum += Double.parseDouble(cell);
        }
        assertThat(sum).isCloseTo(1, within(1e-9));
        // the ECE column drops from the uncalibrated row to the fitted row
        double before = eceColumn(text, "uncalibrated");
        double after = eceColumn(text, "energy");
        assertThat(after).isLessThan(before);
    }

    @Test
    void acceptsNpyInputAndWritesNoFileWithoutOutOrSave() throws IOException {
        Logits val = SyntheticLogits.sample(500, 3, 3.0, 2.0, 44);
        float[] table = new float[val.size() * 4];
        for (int i = 0; i < val.size(); i++) {
            table[i * 4] = val.labels()[i];
            for (int k = 0; k < 3; k++) {
                table[i * 4 + 1 + k] = (float) val.logit(i, k);
            }
        }
        Path npy = Files.write(dir.resolve("val.npy"), Npy.writeFloat32(table, val.size(), 4));
        var before = ToolRunner.files(dir);
        assertThat(run("fit", "--val", npy.toString(), "--test", npy.toString(), "--method", "ts")).as(err.toString()).isZero();
        assertThat(ToolRunner.files(dir)).isEqualTo(before);
        assertThat(out.toString()).contains("fitted TS: T = ").doesNotContain("wrote");
        // without --test only the fit is reported
        assertThat(run("fit", "--val", npy.toString(), "--method", "vector")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("fitted Vector: ");
        assertThat(ToolRunner.files(dir)).isEqualTo(before);
    }

    @Test
    void fitWithoutOutWritesNothingInTheWorkingDirectoryEither() throws IOException {
        Path inputs = Files.createDirectories(dir.resolve("inputs"));
        Path cwd = Files.createDirectories(dir.resolve("cwd"));
        Path val = writeIn(inputs, "val.csv", SyntheticLogits.sample(300, 3, 3.0, 2.0, 46));
        Path test = writeIn(inputs, "test.csv", SyntheticLogits.sample(100, 3, 3.0, 2.0, 47));
        ToolRunner.Run r = ToolRunner.runProcess(CalibTool.class, cwd, Duration.ofSeconds(60), "fit", "--val",
                val.toString(), "--test", test.toString(), "--method", "dirichlet", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.json().get("out").isNull()).isTrue();
        assertThat(r.json().get("saved").isNull()).isTrue();
        assertThat(ToolRunner.files(dir)).containsExactlyInAnyOrder(Path.of("inputs", "val.csv"), Path.of("inputs", "test.csv"));
    }

    @Test
    void followsTheCliConventionAndSavesACalibratorThatApplyReads() throws IOException {
        Path val = write("val.csv", SyntheticLogits.sample(400, 4, 3.0, 2.0, 48), true);
        Path test = write("test.csv", SyntheticLogits.sample(200, 4, 3.0, 2.0, 49), true);
        Path probs = dir.resolve("out/probs.npy");
        Files.createDirectories(probs.getParent());
        Path cal = dir.resolve("cal.json");
        ToolRunner.Run r = ToolRunner.assertConvention(new CalibTool(), dir, List.of(Path.of("out/probs.npy"), Path.of("cal.json")),
                "fit", "--val", val.toString(), "--test", test.toString(), "--method", "matrix", "--l2", "0.001",
                "--out", probs.toString(), "--save", cal.toString(), "--json");
        var json = r.json();
        assertThat(json.get("method").asText()).isEqualTo("matrix");
        assertThat(json.get("classes").asInt()).isEqualTo(4);
        assertThat(json.get("test").get("rows").asInt()).isEqualTo(200);
        assertThat(json.get("test").get("after").get("ece").asDouble()).isLessThan(json.get("test").get("before").get("ece").asDouble());
        assertThat(json.get("saved").asText()).isEqualTo(cal.toString());
        // the saved calibrator gives the probabilities fit wrote
        org.wisekit.calib.FittedCalibration loaded = org.wisekit.calib.Calibrators.load(cal);
        Logits testLogits = org.wisekit.calib.LogitFiles.readLabelled(test);
        assertThat(Npy.read(probs).values()).isEqualTo(loaded.apply(testLogits).values());
        // bad combinations
        assertThat(run("fit", "--val", val.toString(), "--out", probs.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--out " + probs + " needs --test");
        assertThat(run("fit", "--val", val.toString(), "--method", "beta")).isEqualTo(2);
        assertThat(err.toString()).contains("--method beta needs 2 classes");
        assertThat(run("fit", "--val", val.toString(), "--test", test.toString(), "--out", test.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is also an input file");
    }

    private Path writeIn(Path folder, String name, Logits logits) throws IOException {
        Path file = write(name, logits, true);
        return Files.move(file, folder.resolve(name));
    }

    @Test
    void badInputExitsWithUsageAndAOneLineMessage() throws IOException {
        Path val = write("val.csv", SyntheticLogits.sample(200, 3, 3.0, 2.0, 45), true);
        Path bad = Files.writeString(dir.resolve("bad.csv"), "label,a,b,c\n0,1,2,3\n1,1,nan,3\n");
        assertThat(run("fit", "--val", val.toString(), "--test", bad.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).contains("bad.csv:3").contains("NaN").doesNotContain("\n");
        Path wide = Files.writeString(dir.resolve("wide.csv"), "0,1,2,3,4\n");
        assertThat(run("fit", "--val", val.toString(), "--test", wide.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("wide.csv:1: expected 4 columns");
        assertThat(run("fit", "--val", val.toString(), "--test", val.toString(), "--method", "platt")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown method 'platt'");
        assertThat(run("fit", "--val", val.toString(), "--test", val.toString(), "--method", "ts-ood")).isEqualTo(2);
        assertThat(err.toString()).contains("needs OOD tuning logits");
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("missing subcommand");
    }

    private static double eceColumn(String text, String rowName) {
        for (String line : text.split("\n")) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length == 6 && cells[0].equals(rowName)) {
                return Double.parseDouble(cells[2]);
            }
        }
        throw new AssertionError("no row '" + rowName + "' in:\n" + text);
    }
}
