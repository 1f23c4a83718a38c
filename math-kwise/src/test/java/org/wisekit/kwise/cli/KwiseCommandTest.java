package org.wisekit.kwise.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.harness.Progress;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.Tool;
import org.wisekit.harness.testing.ToolRunner;
import org.wisekit.kwise.repro.ClosedFormsReproduction;
import picocli.CommandLine;

class KwiseCommandTest {

    private final StringWriter out = new StringWriter();

    /** Parses {@code args} as the CLI would and calls the command, letting its exceptions through. */
    private String run(String... args) {
        KwiseCommand command = (KwiseCommand) new KwiseTool().command(Progress.SILENT);
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.parseArgs(args);
        assertThat(command.call()).isZero();
        return out.toString();
    }

    @Test
    void printsTheExactValueDecimalRegimeAndCertificate() {
        String text = run("--n", "4", "--k", "2", "--p", "1/2");
        assertThat(text).contains("M(4, 2, 1/2) = 1/6 ~ 0.1666666667", "LP only", "near-0 range p <= 1/3",
                "near-1 range p >= 2/3", "certificate: verified", "P(S=4) = 1/6");
    }

    @Test
    void namesTheClosedFormThatApplies() {
        assertThat(run("--n", "6", "--k", "3", "--p", "0.2")).contains("= 1/125", "near-0 formula");
        out.getBuffer().setLength(0);
        assertThat(run("--n", "6", "--k", "3", "--p", "9/10")).contains("near-1 formula");
        out.getBuffer().setLength(0);
        assertThat(run("--n", "6", "--k", "1", "--p", "1/2")).contains("= 1/2 ", "every p");
    }

    @Test
    void printsJsonBuiltFromFieldsWithExactFractionsAsStrings() {
        JsonNode json = ToolRunner.run(new KwiseTool(), "--n", "4", "--k", "2", "--p", "1/2", "--json").json();
        assertThat(json.isObject()).isTrue();
        assertThat(json.get("n").asInt()).isEqualTo(4);
        assertThat(json.get("k").asInt()).isEqualTo(2);
        assertThat(json.get("p").isTextual()).isTrue();
        assertThat(json.get("p").asText()).isEqualTo("1/2");
        assertThat(json.get("m").asText()).isEqualTo("1/6");
        assertThat(json.get("decimal").isNumber()).isTrue();
        assertThat(json.get("decimal").asDouble()).isCloseTo(1.0 / 6, within(1e-15));
        assertThat(json.get("regime").asText()).isEqualTo("LP_ONLY");
        assertThat(json.get("nearZeroThreshold").asText()).isEqualTo("1/3");
        assertThat(json.get("nearOneThreshold").asText()).isEqualTo("2/3");
        assertThat(json.get("certificateVerified").asBoolean()).isTrue();
        assertThat(json.get("distribution").size()).isEqualTo(5);
        assertThat(json.get("distribution").get(4).asText()).isEqualTo("1/6");
        assertThat(json.get("dual").isArray()).isTrue();
        assertThat(json.get("pivots").isInt()).isTrue();
        JsonNode every = ToolRunner.run(new KwiseTool(), "--n", "3", "--k", "3", "--p", "0.5", "--json").json();
        assertThat(every.get("m").asText()).isEqualTo("1/8");
        assertThat(every.get("nearZeroThreshold").isNull()).isTrue();
    }

    @Test
    void followsTheCliConventionForOneValueAndForASweep(@TempDir Path dir) {
        ToolRunner.Run one = ToolRunner.assertConvention(new KwiseTool(), dir, List.of(),
                "--n", "5", "--k", "2", "--p", "1/4", "--json");
        assertThat(one.json().get("m").asText()).isEqualTo("1/16");
        ToolRunner.Run sweep = ToolRunner.assertConvention(new KwiseTool(), dir, List.of(),
                "--n", "5", "--k", "2", "--sweep", "--steps", "4", "--json");
        JsonNode array = sweep.json();
        assertThat(array.isArray()).isTrue();
        assertThat(array.size()).isEqualTo(5);
        assertThat(array.get(1).get("p").asText()).isEqualTo("1/4");
        array.forEach(o -> assertThat(o.get("certificateVerified").asBoolean()).isTrue());
        assertThat(sweep.err()).isEmpty();
    }

    @Test
    void writesNothingInTheWorkingDirectory(@TempDir Path dir) {
        ToolRunner.Run run = ToolRunner.runProcess(KwiseTool.class, dir, Duration.ofMinutes(1),
                "--n", "6", "--k", "3", "--sweep", "--steps", "3", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().size()).isEqualTo(4);
        assertThat(ToolRunner.files(dir)).isEmpty();
    }

    @Test
    void reportsSweepProgressOneStepPerGridPoint() {
        List<String> events = new ArrayList<>();
        Progress recording = (label, total) -> {
            events.add("start " + label + " " + total);
            return new Progress.Task() {
                @Override
                public void step(long steps) {
                    events.add("step " + steps);
                }

                @Override
                public void status(String text) {
                }

                @Override
                public void close() {
                    events.add("close");
                }
            };
        };
        ToolRunner.Run run = ToolRunner.run(new KwiseTool(), recording, "--n", "5", "--k", "2", "--sweep", "--steps", "4");
        assertThat(run.exitCode()).isZero();
        assertThat(events).containsExactly("start M(5, 2, p) sweep 5", "step 1", "step 1", "step 1", "step 1", "step 1",
                "close");
        events.clear();
        assertThat(ToolRunner.run(new KwiseTool(), recording, "--n", "5", "--k", "2", "--p", "1/2").exitCode()).isZero();
        assertThat(events).isEmpty();
    }

    @Test
    void badUsageExitsTwoWithOneLineOnStderrAndHelpWorks() {
        ToolRunner.Run bad = ToolRunner.run(new KwiseTool(), "--n", "4", "--k", "5", "--p", "1/2", "--json");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.errors()).containsExactly("k must be between 1 and n = 4, got 5");
        ToolRunner.Run missing = ToolRunner.run(new KwiseTool(), "--k", "2", "--p", "1/2");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errors()).hasSize(1);
        ToolRunner.Run help = ToolRunner.run(new KwiseTool(), "-h");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: kwise", "--sweep", "-V, --version");
    }

    @Test
    void badInputGivesOneLineNamingTheParameter() {
        assertBad("n must be >= 1, got 0", "--n", "0", "--k", "1", "--p", "1/2");
        assertBad("k must be between 1 and n = 4, got 0", "--n", "4", "--k", "0", "--p", "1/2");
        assertBad("k must be between 1 and n = 4, got 5", "--n", "4", "--k", "5", "--p", "1/2");
        assertBad("p must be in [0, 1], got 3/2", "--n", "4", "--k", "2", "--p", "3/2");
        assertBad("p must be a fraction A/B or a decimal, got '1/x'", "--n", "4", "--k", "2", "--p", "1/x");
        assertBad("p has a zero denominator: '1/0'", "--n", "4", "--k", "2", "--p", "1/0");
        assertBad("--p is required unless --sweep is given", "--n", "4", "--k", "2");
        assertBad("--p and --sweep exclude each other, got --p 1/2", "--n", "4", "--k", "2", "--p", "1/2", "--sweep");
        assertBad("--steps must be >= 1, got 0", "--n", "4", "--k", "2", "--sweep", "--steps", "0");
        assertBad("k must be between 1 and n = 4, got 7", "--n", "4", "--k", "7", "--sweep");
    }

    private void assertBad(String message, String... args) {
        assertThatThrownBy(() -> run(args)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void isRegisteredAsToolAndReproduction() {
        assertThat(ServiceLoader.load(Tool.class).stream().map(ServiceLoader.Provider::type))
                .contains(KwiseTool.class);
        assertThat(ServiceLoader.load(Reproduction.class).stream().map(ServiceLoader.Provider::type))
                .contains(ClosedFormsReproduction.class);
        assertThat(new CommandLine(new KwiseTool().command(Progress.SILENT)).getCommandName()).isEqualTo("kwise");
    }
}
