package org.wisekit.kwise.cli;

import org.wisekit.harness.Progress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.Tool;
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
    void printsJson() {
        String json = run("--n", "4", "--k", "2", "--p", "1/2", "--json");
        assertThat(json).startsWith("{\"n\": 4, \"k\": 2, \"p\": \"1/2\", \"m\": \"1/6\"")
                .contains("\"regime\": \"LP_ONLY\"", "\"certificateVerified\": true", "\"distribution\": [");
    }

    @Test
    void sweepsAGridAsATableOrJsonArray() {
        String table = run("--n", "5", "--k", "2", "--sweep", "--steps", "4");
        assertThat(table.lines()).hasSize(2 + 5);
        assertThat(table).contains("1/4", "near-0", "LP-only", "near-1", "verified").doesNotContain("FAILED");
        out.getBuffer().setLength(0);
        String json = run("--n", "5", "--k", "2", "--sweep", "--steps", "4", "--json");
        assertThat(json.strip()).startsWith("[").endsWith("]");
        assertThat(json.split("\"certificateVerified\": true", -1)).hasSize(6);
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
