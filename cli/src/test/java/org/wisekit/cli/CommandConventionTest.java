package org.wisekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.harness.Json;
import org.wisekit.harness.Progress;
import org.wisekit.harness.Reproductions;
import org.wisekit.harness.Tool;
import org.wisekit.harness.testing.MonteCarloPiReproduction;
import picocli.CommandLine;

/**
 * The CLI convention on the real application: every command path (built-ins and every tool found through
 * ServiceLoader on this classpath) answers {@code -h} and {@code --version}; the built-ins' {@code --json}
 * output parses; nothing appears in the working directory.
 */
class CommandConventionTest {

    @TempDir
    Path tmp;

    private record Run(int status, String out, String err) {
    }

    private static Run run(Wisekit app, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = app.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    private static Wisekit realApp() {
        Wisekit app = new Wisekit(Reproductions.discover(), Wisekit.discoverTools(), Progress.SILENT);
        app.commit = () -> WisekitTest.COMMIT;
        return app;
    }

    private static void paths(CommandLine cl, List<String> prefix, List<List<String>> into) {
        into.add(prefix);
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals(sub.getCommandName())) {
                return;                                   // an alias: the command is walked under its name
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            paths(sub, path, into);
        });
    }

    @Test
    void everyCommandPathAnswersHelpAndVersion() {
        Wisekit app = realApp();
        List<List<String>> all = new ArrayList<>();
        paths(app.commandLine(), List.of(), all);
        List<String> topLevel = all.stream().filter(p -> p.size() == 1).map(p -> p.get(0)).toList();
        assertThat(topLevel).contains("list", "reproduce", "data", "bench");
        List<Tool> tools = Wisekit.discoverTools();
        assertThat(tools).as("the paper modules' tools on the cli classpath").hasSizeGreaterThanOrEqualTo(6);
        for (Tool t : tools) {
            assertThat(topLevel).contains(new CommandLine(t.command(Progress.SILENT)).getCommandName());
        }
        assertThat(all.size()).isGreaterThan(topLevel.size());          // tools have subcommands too
        for (List<String> path : all) {
            List<String> help = new ArrayList<>(path);
            help.add("-h");
            Run h = run(app, help.toArray(String[]::new));
            assertThat(h.status()).as("wisekit %s -h: %s", String.join(" ", path), h.err()).isZero();
            assertThat(h.out()).as("wisekit %s -h", String.join(" ", path)).contains("Usage:");
            List<String> version = new ArrayList<>(path);
            version.add("--version");
            Run v = run(app, version.toArray(String[]::new));
            assertThat(v.status()).as("wisekit %s --version: %s", String.join(" ", path), v.err()).isZero();
            assertThat(v.out()).as("wisekit %s --version", String.join(" ", path)).contains("wisekit");
        }
    }

    @Test
    void theBuiltInsPrintJsonThatParsesAndWriteNothingInTheWorkingDirectory() throws IOException {
        Path workingDir = Path.of("").toAbsolutePath();
        Set<Path> before = filesOutsideTarget(workingDir);
        Wisekit app = realApp();

        Run list = run(app, "list", "--json");
        assertThat(list.status()).isZero();
        JsonNode l = Json.parse(list.out(), "list --json");
        assertThat(l.get("reproductions").size()).isGreaterThanOrEqualTo(10);
        JsonNode first = l.get("reproductions").get(0);
        assertThat(first.has("id") && first.has("title") && first.has("paper") && first.has("module")).isTrue();
        assertThat(l.get("tools").size()).isGreaterThanOrEqualTo(6);
        assertThat(l.get("tools").get(0).get("name").asText()).isNotBlank();
        assertThat(l.get("tools").get(0).has("description")).isTrue();

        Run data = run(app, "data", "--json", "--data-dir", tmp.toString());
        assertThat(data.status()).as("an empty data directory: some datasets are missing").isEqualTo(ExitCodes.DATA);
        JsonNode d = Json.parse(data.out(), "data --json");
        assertThat(d.get("dataDirectory").get("path").asText()).isEqualTo(tmp.toString());
        assertThat(d.get("datasets").size()).isPositive();
        JsonNode ds = d.get("datasets").get(0);
        assertThat(ds.get("state").asText()).isIn("found", "missing", "corrupt");
        assertThat(ds.get("howToGet").asText()).isNotBlank();
        assertThat(d.get("found").asLong() + d.get("missing").asLong()).isEqualTo(d.get("datasets").size());

        Run suites = run(app, "bench", "--list", "--json");
        assertThat(suites.status()).isZero();
        JsonNode s = Json.parse(suites.out(), "bench --list --json");
        assertThat(s.isArray()).isTrue();
        assertThat(s.size()).isPositive();
        assertThat(s.get(0).get("name").asText()).isNotBlank();

        Path reports = tmp.resolve("reports");
        Run repro = run(app, "reproduce", MonteCarloPiReproduction.ID, "--profile", "smoke", "--json", "--out",
                reports.toString());
        assertThat(repro.status()).as(repro.err()).isZero();
        assertThat(Json.parse(repro.out(), "reproduce --json").get(0).get("id").asText())
                .isEqualTo(MonteCarloPiReproduction.ID);
        try (Stream<Path> written = Files.walk(reports)) {
            assertThat(written.filter(Files::isRegularFile).map(p -> reports.relativize(p).toString()))
                    .containsExactlyInAnyOrder("index.md", "harness-test/monte-carlo-pi/smoke/report.md",
                            "harness-test/monte-carlo-pi/smoke/results.json",
                            "harness-test/monte-carlo-pi/smoke/convergence.png");
        }

        assertThat(filesOutsideTarget(workingDir)).as("files in the working directory").isEqualTo(before);
    }

    @Test
    void withoutOutOrWisekitHomeNothingIsWritten() {
        assumeTrue(System.getenv("WISEKIT_HOME") == null, "WISEKIT_HOME is set in this environment");
        Run repro = run(realApp(), "reproduce", MonteCarloPiReproduction.ID, "--profile", "smoke");
        assertThat(repro.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(repro.err().strip()).isEqualTo("wisekit: no --out given and WISEKIT_HOME is not set (the ./wisekit"
                + " launcher sets it to the checkout); name the folder with --out");
        Run bench = run(realApp(), "bench", "tensor", "--quick");
        assertThat(bench.status()).isEqualTo(ExitCodes.USAGE);
    }

    private static Set<Path> filesOutsideTarget(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return new TreeSet<>(s.filter(Files::isRegularFile).map(dir::relativize)
                    .filter(p -> !p.startsWith("target")).toList());
        }
    }
}
