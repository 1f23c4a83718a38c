package org.wisekit.fhe.cli;

import org.wisekit.harness.Progress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.harness.testing.ToolRunner;
import org.wisekit.fhe.compare.ComparisonTier;
import picocli.CommandLine;

class CompareCommandTest {

    private final StringWriter out = new StringWriter();

    /** Parses {@code args} as the CLI would and calls the subcommand, letting its exceptions through. */
    private String run(String... args) throws Exception {
        CommandLine cl = new CommandLine(new FheTool().command(Progress.SILENT));
        cl.setOut(new PrintWriter(out, true));
        CommandLine.ParseResult parsed = cl.parseArgs(args);
        Callable<?> command = (Callable<?>) parsed.subcommand().commandSpec().userObject();
        assertThat(command.call()).isEqualTo(0);
        return out.toString();
    }

    @Test
    void comparePrintsResultsStagesAndBudget() throws Exception {
        String text = run("compare", "--params", "T0", "--a", "40000", "--b", "39999");
        assertThat(text).contains("fhe compare: tier T0, 16-bit words, base 9, (d', l) = (3, 2)", "INSECURE",
                "a = 40000, b = 39999", "a < b: false   a == b: false   min: 39999   max: 40000   (matches the plaintext)",
                "extract", "evaluate", "fold", "combine", "noise budget left:");
    }

    @Test
    void compareJsonIsOneObjectBuiltFromFields(@TempDir Path dir) {
        JsonNode json = ToolRunner.assertConvention(new FheTool(), dir, List.of(), "compare", "--params", "T0", "--a",
                "7", "--b", "7", "--json", "--baseline").json();
        assertThat(json.get("params").asText()).isEqualTo("T0");
        assertThat(json.get("lessThan").asBoolean()).isFalse();
        assertThat(json.get("equal").asBoolean()).isTrue();
        assertThat(json.get("min").asText()).isEqualTo("7");
        assertThat(json.get("max").asText()).isEqualTo("7");
        assertThat(json.get("minMaxNote").isNull()).isTrue();
        assertThat(json.get("correct").asBoolean()).isTrue();
        assertThat(json.get("options").asText()).isEqualTo("baseline");
        assertThat(json.get("wordBits").asInt()).isEqualTo(16);
        assertThat(json.get("digitBase").asInt()).isEqualTo(9);
        assertThat(json.get("digitsPerSlot").asInt()).isEqualTo(3);
        assertThat(json.get("slotsPerWord").asInt()).isEqualTo(2);
        JsonNode security = json.get("security");
        assertThat(security.get("secure").asBoolean()).isFalse();
        assertThat(security.get("targetBits").asInt()).isZero();
        assertThat(security.get("heStandardBits").isNull()).isTrue();
        assertThat(security.get("ringDimension").asInt()).isEqualTo(306);
        assertThat(json.get("stages").findValuesAsText("name")).containsExactly("extract", "evaluate", "fold",
                "combine", "min/max");
        assertThat(json.toString()).doesNotContain("operations", "@", "Ciphertext[");
    }

    @Test
    void compareDefaultsToTheSecure128BitPreset() {
        CommandLine cl = new CommandLine(new FheTool().command(Progress.SILENT));
        CommandLine.ParseResult parsed = cl.parseArgs("compare", "--a", "1", "--b", "2");
        CompareCommand command = (CompareCommand) parsed.subcommand().commandSpec().userObject();
        ComparisonTier tier = TierOptions.tier(command.params);
        assertThat(tier).isEqualTo(ComparisonTier.B3_128);
        assertThat(tier.isSecure()).isTrue();
        assertThat(tier.defaultWordBits()).isEqualTo(64);
        assertThat(tier.minMaxWordBits()).isEqualTo(64);
        assertThat(ComparisonTier.B2_96.minMaxWordBits()).isEqualTo(32);
    }

    @Test
    void benchRunsTheLadderAndAgreesWithTheBaseline(@TempDir Path dir) {
        JsonNode json = ToolRunner.assertConvention(new FheTool(), dir, List.of(), "bench", "--params", "T0", "--seed",
                "3", "--json").json();
        assertThat(json.get("tier").asText()).isEqualTo("T0");
        assertThat(json.get("wordPairs").asInt()).isEqualTo(51);
        assertThat(json.get("rungs").findValuesAsText("rung")).containsExactly("baseline", "rns (2 threads)",
                "rns+circuit (2 threads)", "rns+circuit+compaction (2 threads)",
                "rns+circuit+compaction+nonblocking (2 threads)");
        assertThat(json.get("rungs").findValues("sameAsBaseline")).allMatch(JsonNode::asBoolean);
    }

    @Test
    void badInputGetsOneLineErrors() {
        assertThatThrownBy(() -> run("compare", "--params", "T0", "--a", "-5", "--b", "3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--a must be a non-negative integer below 2^16, got '-5'");
        assertThatThrownBy(() -> run("compare", "--params", "T0", "--a", "65536", "--b", "3"))
                .hasMessage("--a must be a non-negative integer below 2^16, got '65536'");
        assertThatThrownBy(() -> run("compare", "--params", "T0", "--a", "1", "--b", "x"))
                .hasMessage("--b must be a non-negative integer below 2^16, got 'x'");
        assertThatThrownBy(() -> run("compare", "--params", "Z9", "--a", "1", "--b", "2"))
                .hasMessage("--params must be one of T0, T1, B1, B2, B2_96, B3_128, got 'Z9'");
        assertThatThrownBy(() -> run("compare", "--params", "T0", "--bits", "65", "--a", "1", "--b", "2"))
                .hasMessage("--bits must be in [1, 64], got 65");
        assertThatThrownBy(() -> run("bench", "--params", "T0", "--threads", "1"))
                .hasMessage("--threads must be >= 2 for the parallel rungs, got 1");
    }
}
