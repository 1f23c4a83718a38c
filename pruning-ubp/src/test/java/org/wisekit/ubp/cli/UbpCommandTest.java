package org.wisekit.ubp.cli;

import org.wisekit.harness.Progress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.Tool;
import org.wisekit.ubp.WeightMatrix;
import org.wisekit.ubp.repro.AccuracyReproduction;
import org.wisekit.ubp.repro.KernelReproduction;
import org.wisekit.ubp.repro.SelectionReproduction;
import picocli.CommandLine;

class UbpCommandTest {

    @TempDir
    Path dir;

    /** Parses {@code args} as the CLI would and runs the subcommand, letting its exceptions through. */
    private String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new UbpTool().command(Progress.SILENT));
        cl.setOut(new PrintWriter(out, true));
        CommandLine.ParseResult parsed = cl.parseArgs(args);
        CommandLine sub = parsed.subcommand().commandSpec().commandLine();
        assertThat(((UbpCommand.Select) sub.getCommand()).call()).isZero();
        return out.toString();
    }

    @Test
    void printsKeptScoreAndTimeForRandomWeights() {
        String text = run("select", "--rows", "64", "--cols", "48", "--sparsity", "0.8", "--block", "4",
                "--method", "abp,bed,dp", "--seed", "7");
        assertThat(text).contains("W: 64 x 48 (N(0,1), seed 7), V = 4, sparsity 0.8, importance l1",
                "budget: B = 153 blocks = 612 kept weights of 3072", "ABP ", "UBP-BED ", "UBP-DP ");
        assertThat(text.lines()).hasSize(6);
        assertThat(run("select", "--rows", "64", "--cols", "48", "--sparsity", "0.8", "--method", "bed", "--seed", "7"))
                .contains(keptRatio(text, "UBP-BED"));
    }

    @Test
    void allMethodsSkipWhatCannotRunOnThisMatrix() {
        String text = run("select", "--rows", "1024", "--cols", "1024", "--sparsity", "0.9", "--method", "all");
        assertThat(text).contains("UBP-DP             skipped: needs 27488446055 DP cells",
                "2:4                skipped: 2:4 keeps exactly half", "unstructured", "UBP-greedy-naive", "UBP-BED");
        assertThat(text.lines()).hasSize(3 + 7);
    }

    @Test
    void readsAWeightsFile() throws Exception {
        Path file = dir.resolve("w.txt");
        Files.writeString(file, "# one column [1, 5, 5, 1]\n4 1\n1\n-5\n5 1\n");
        String text = run("select", "--weights", file.toString(), "--sparsity", "0.5", "--block", "2",
                "--method", "abp,dp");
        assertThat(keptRatio(text, "ABP")).isEqualTo("0.500000");
        assertThat(keptRatio(text, "UBP-DP")).isEqualTo("0.833333");
        WeightMatrix w = new WeightMatrix(2, 2, new float[] {1.5f, -2, 0, 3});
        w.write(dir.resolve("round.txt"));
        assertThat(WeightMatrix.read(dir.resolve("round.txt")).values()).containsExactly(1.5f, -2, 0, 3);
    }

    @Test
    void badInputGivesOneLineNamingTheParameter() throws Exception {
        assertBad("--sparsity must be in [0, 1), got 1.0", "select", "--rows", "8", "--cols", "8", "--sparsity", "1");
        assertBad("--sparsity must be in [0, 1), got -0.5", "select", "--rows", "8", "--cols", "8", "--sparsity", "-0.5");
        assertBad("--block must be >= 1, got 0", "select", "--rows", "8", "--cols", "8", "--sparsity", "0.5", "--block", "0");
        assertBad("--rows must be >= 1, got 0", "select", "--rows", "0", "--cols", "8", "--sparsity", "0.5");
        assertBad("--rows and --cols are required without --weights", "select", "--cols", "8", "--sparsity", "0.5");
        assertBad("budget B = 12 blocks of V = 4 is larger than possible for a 6 x 8 matrix (at most 8)",
                "select", "--rows", "6", "--cols", "8", "--sparsity", "0");
        assertBad("--method must be one of abp, dp, greedy, greedy-naive, bed, unstructured, 2:4 or all, got 'best'",
                "select", "--rows", "8", "--cols", "8", "--sparsity", "0.5", "--method", "bed,best");
        assertBad("--importance must be l1 or l2, got 'l3'",
                "select", "--rows", "8", "--cols", "8", "--sparsity", "0.5", "--importance", "l3");
        Path file = dir.resolve("w.txt");
        Files.writeString(file, "2 3\n1 2 3\n4 5 6\n");
        assertBad("--rows 3 does not match the 2 rows of weights file " + file,
                "select", "--weights", file.toString(), "--rows", "3", "--sparsity", "0.5", "--block", "1");
        Files.writeString(file, "2 3\n1 2 3\n4 5\n");
        assertBad("weights file " + file + ": a 2 x 3 matrix needs 6 numbers, found 5",
                "select", "--weights", file.toString(), "--sparsity", "0.5");
        Files.writeString(file, "2 x\n");
        assertBad("weights file " + file + ": the first line must be 'ROWS COLS', got '2 x'",
                "select", "--weights", file.toString(), "--sparsity", "0.5");
        Files.writeString(file, "1 2\n1 nan\n");
        assertBad("weights file " + file + ": value 2 (row 0, column 1) is not a finite number: 'nan'",
                "select", "--weights", file.toString(), "--sparsity", "0.5");
    }

    private void assertBad(String message, String... args) {
        assertThatThrownBy(() -> run(args)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void isRegisteredAsToolAndReproductions() {
        assertThat(ServiceLoader.load(Tool.class).stream().map(ServiceLoader.Provider::type)).contains(UbpTool.class);
        assertThat(ServiceLoader.load(Reproduction.class).stream().map(ServiceLoader.Provider::type))
                .contains(SelectionReproduction.class, AccuracyReproduction.class, KernelReproduction.class);
        CommandLine cl = new CommandLine(new UbpTool().command(Progress.SILENT));
        assertThat(cl.getCommandName()).isEqualTo("ubp");
        assertThat(cl.getSubcommands()).containsKey("select");
    }

    /** The kept-score column of the line that starts with {@code label}. */
    private static String keptRatio(String text, String label) {
        return text.lines().filter(l -> l.startsWith(label + " ")).findFirst().orElseThrow().trim().split("\\s+")[1];
    }
}
