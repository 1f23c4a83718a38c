package org.wisekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.datasets.DatasetUnavailableException;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Progress;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.Reproductions;
import org.wisekit.harness.RunContext;
import org.wisekit.harness.Tool;
import org.wisekit.harness.testing.MonteCarloPiReproduction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class WisekitTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Wisekit app, String... args) {
        return app.execute(new PrintWriter(out), new PrintWriter(err), args);
    }

    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private static Wisekit app(Reproduction... reproductions) {
        Wisekit app = new Wisekit(Reproductions.of(List.of(reproductions)), List.of(new SquareTool()), Progress.SILENT);
        app.commit = () -> COMMIT;
        return app;
    }

    private List<String> errLines() {
        return err.toString().lines().toList();
    }

    @Test
    void listShowsReproductionsAndTools() {
        assertThat(run(app(new MonteCarloPiReproduction()), "list")).isZero();
        assertThat(out.toString()).contains(MonteCarloPiReproduction.ID, "Monte Carlo estimate of pi", "square",
                "Squares a number");
    }

    @Test
    void reproduceJsonPrintsOneArrayOnStdoutAndWritesReports() throws Exception {
        int status = run(app(new MonteCarloPiReproduction()), "reproduce", "harness-test", "--profile", "smoke",
                "--seed", "5", "--json", "--out", tmp.toString());
        assertThat(status).as(err.toString()).isZero();
        JsonNode array = new ObjectMapper().readTree(out.toString());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(1);
        assertThat(array.get(0).get("id").asText()).isEqualTo(MonteCarloPiReproduction.ID);
        assertThat(array.get(0).get("seed").asLong()).isEqualTo(5);
        assertThat(tmp.resolve("harness-test/monte-carlo-pi/smoke/report.md")).exists();
        assertThat(tmp.resolve("index.md")).exists();
        assertThat(err.toString()).contains("[1/1] running harness-test/monte-carlo-pi");
    }

    @Test
    void reproducePrintsClaimsWithoutJson() {
        assertThat(run(app(new MonteCarloPiReproduction()), "reproduce", "all", "--profile", "smoke",
                "--out", tmp.toString())).isZero();
        assertThat(out.toString()).contains("REPRODUCED", "OUT_OF_SCOPE", "needs a GPU", "index.md");
    }

    @Test
    void unknownCommandIsOneLineAndUsageStatus() {
        assertThat(run(app(), "nonsense")).isEqualTo(ExitCodes.USAGE);
        assertThat(errLines()).hasSize(1);
        assertThat(errLines().get(0)).startsWith("wisekit: ").contains("'nonsense'");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void badOptionValuesAreOneLine() {
        assertThat(run(app(new MonteCarloPiReproduction()), "reproduce", "all", "--profile", "fast")).isEqualTo(ExitCodes.USAGE);
        assertThat(errLines()).hasSize(1);
        assertThat(errLines().get(0)).contains("'fast'", "smoke", "reproduce --help");
    }

    @Test
    void unknownReproductionIsOneLine() {
        assertThat(run(app(new MonteCarloPiReproduction()), "reproduce", "nope", "--out", tmp.toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(errLines()).containsExactly("wisekit: unknown reproduction or module 'nope' (see 'wisekit list')");
    }

    @Test
    void failingReproductionDoesNotStopTheOthersAndFailsTheRun() {
        Reproduction broken = new Reproduction() {
            @Override public String id() { return "broken/always"; }
            @Override public String title() { return "fails"; }
            @Override public String paper() { return "none"; }
            @Override public List<Claim> run(RunContext c) { throw new IllegalStateException("boom"); }
        };
        int status = run(app(broken, new MonteCarloPiReproduction()), "reproduce", "all", "--profile", "smoke",
                "--json", "--out", tmp.toString());
        assertThat(status).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString()).contains("broken/always failed: IllegalStateException: boom").doesNotContain("\tat ");
        assertThat(tmp.resolve("harness-test/monte-carlo-pi/smoke/results.json")).exists();
    }

    @Test
    void violatedInvariantFailsTheRunButKeepsTheReport() {
        Reproduction inconsistent = new Reproduction() {
            @Override public String id() { return "broken/invariant"; }
            @Override public String title() { return "an identity that does not hold"; }
            @Override public String paper() { return "none"; }
            @Override public List<Claim> run(RunContext c) {
                return List.of(Claim.invariant("identity", "theta = 0 equals TS", false, 0.3, "", "max |p - p_TS| = 0"),
                        Claim.atLeast("k", "a real claim", "", 2, "x", 1));
            }
        };
        int status = run(app(inconsistent), "reproduce", "all", "--profile", "smoke", "--out", tmp.toString());
        assertThat(status).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString()).contains("wisekit: invariant violated in broken/invariant: theta = 0 equals TS");
        assertThat(tmp.resolve("broken/invariant/smoke/results.json")).exists();
        assertThat(out.toString()).contains("INVARIANT_VIOLATED");
    }

    @Test
    void missingDataIsOneLineWithTheDataStatus() {
        Reproduction needsData = new Reproduction() {
            @Override public String id() { return "needs/data"; }
            @Override public String title() { return "reads a dataset"; }
            @Override public String paper() { return "none"; }
            @Override public List<Claim> run(RunContext c) {
                throw new DatasetUnavailableException("fashion-mnist is missing: looked for /x. To get it: scripts/install-data");
            }
        };
        assertThat(run(app(needsData), "reproduce", "needs", "--out", tmp.toString())).isEqualTo(ExitCodes.DATA);
        assertThat(errLines()).contains(
                "wisekit: [1/1] needs/data failed: fashion-mnist is missing: looked for /x. To get it: scripts/install-data");
    }

    @Test
    void verboseAddsTheStackTrace() {
        Reproduction broken = new Reproduction() {
            @Override public String id() { return "broken/always"; }
            @Override public String title() { return "fails"; }
            @Override public String paper() { return "none"; }
            @Override public List<Claim> run(RunContext c) { throw new IllegalStateException("boom"); }
        };
        run(app(broken), "reproduce", "all", "--profile", "smoke", "--out", tmp.toString(), "--verbose");
        assertThat(err.toString()).contains("\tat ");
    }

    @Test
    void toolsRunAndReportBadInputInOneLine() {
        assertThat(run(app(), "square", "--x", "3")).isZero();
        assertThat(out.toString().strip()).isEqualTo("9.0");
        assertThat(run(app(), "square", "--x", "-1")).isEqualTo(ExitCodes.USAGE);
        assertThat(errLines()).containsExactly("wisekit: --x must be >= 0, got -1.0");
    }

    @Test
    void aToolThatDeclaresOnlyItsOwnHelpStillAnswersVersion() {
        Wisekit app = new Wisekit(Reproductions.of(List.of()), List.of(p -> new OwnHelp()), Progress.SILENT);
        assertThat(run(app, "own", "--version")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("wisekit");
        assertThat(run(app, "own", "-V")).isZero();
        assertThat(run(app, "own", "-h")).isZero();
        assertThat(out.toString()).contains("Usage:", "--version");
    }

    @Command(name = "own", description = "Declares -h itself and needs --n.")
    static final class OwnHelp implements Runnable {
        @Option(names = {"-h", "--help"}, usageHelp = true)
        boolean help;

        @Option(names = "--n", required = true)
        int n;

        @Override
        public void run() {
        }
    }

    /** A module tool as a paper module would register it. */
    static final class SquareTool implements Tool {
        @Override
        public Object command(Progress progress) {
            return new Square();
        }
    }

    @Command(name = "square", description = "Squares a number.")
    static final class Square implements java.util.concurrent.Callable<Integer> {
        @Option(names = "--x", required = true)
        double x;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (!(x >= 0)) {
                throw new IllegalArgumentException("--x must be >= 0, got " + x);
            }
            spec.commandLine().getOut().println(x * x);
            return 0;
        }
    }
}
