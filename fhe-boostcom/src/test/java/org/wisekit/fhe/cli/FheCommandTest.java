package org.wisekit.fhe.cli;

import org.wisekit.harness.Progress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.wisekit.harness.Tool;
import picocli.CommandLine;

class FheCommandTest {

    private final StringWriter out = new StringWriter();

    /** Parses {@code args} as the CLI would and calls the selftest, letting its exceptions through. */
    private String selftest(String... args) {
        CommandLine cl = new CommandLine(new FheTool().command(Progress.SILENT));
        cl.setOut(new PrintWriter(out, true));
        CommandLine.ParseResult parsed = cl.parseArgs(args);
        SelftestCommand command = (SelftestCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(command.call()).isZero();
        return out.toString();
    }

    @Test
    void selftestPrintsTheBudgetAfterEveryStep() {
        String text = selftest("selftest", "--params", "T0", "--seed", "7");
        assertThat(text).contains("fhe selftest: tier T0", "m = 307, p = 17", "INSECURE toy set", "test vectors: seed 7",
                "encrypt a", "a * b, relinearized", "modulus switch", "rotate by 1", "shift by -3", "Frobenius x -> x^p",
                "square, relinearized", "decrypted all 102 slots after each of 9 steps");
        assertThat(text.lines().filter(line -> line.endsWith("102 ok") || line.matches(".*102 ok\\s+\\d+$")))
                .hasSize(9);
        java.util.List<Double> budgets = budgets(text);
        assertThat(budgets).hasSize(9).allMatch(budget -> budget > 1);
        assertThat(budgets.get(8)).as("products consume budget").isLessThan(budgets.get(0) - 40);
    }

    @Test
    void selftestJsonFollowsTheConvention(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        com.fasterxml.jackson.databind.JsonNode json = org.wisekit.harness.testing.ToolRunner.assertConvention(
                new FheTool(), dir, java.util.List.of(), "selftest", "--params", "T0", "--seed", "7", "--json").json();
        assertThat(json.get("tier").asText()).isEqualTo("T0");
        assertThat(json.get("slots").asInt()).isEqualTo(102);
        assertThat(json.get("steps")).hasSize(9);
        assertThat(json.get("steps").findValues("noiseBudgetBits")).allMatch(budget -> budget.asDouble() > 1);
        assertThat(json.get("operations").get("multiplications").asLong()).isPositive();
        // the group and every subcommand answer -h and --version
        for (String sub : new String[] {"keygen", "encrypt", "compare", "min", "sort", "decrypt", "bench"}) {
            org.wisekit.harness.testing.ToolRunner.Run help = org.wisekit.harness.testing.ToolRunner.run(new FheTool(),
                    sub, "-h");
            assertThat(help.exitCode()).as(sub).isZero();
            assertThat(org.wisekit.harness.testing.ToolRunner.run(new FheTool(), sub, "--version").exitCode()).isZero();
        }
    }

    /** The exact-budget column of the step lines. */
    private static java.util.List<Double> budgets(String text) {
        return text.lines().filter(line -> line.matches(".*\\d+ ok\\s+\\d+$"))
                .map(line -> Double.parseDouble(line.trim().split("\\s{2,}")[2])).toList();
    }

    @Test
    void badTierNamesTheOptionAndValue() {
        assertThatThrownBy(() -> selftest("selftest", "--params", "T7"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--params must be one of T0, T1, B1, B2, got 'T7'");
    }

    @Test
    void isRegisteredAsAToolWithSubcommands() {
        assertThat(ServiceLoader.load(Tool.class).stream().map(ServiceLoader.Provider::type)).contains(FheTool.class);
        CommandLine cl = new CommandLine(new FheTool().command(Progress.SILENT));
        assertThat(cl.getCommandName()).isEqualTo("fhe");
        assertThat(cl.getSubcommands()).containsKey("selftest");
        cl.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl.execute()).as("a missing subcommand is a usage error").isEqualTo(2);
    }
}
