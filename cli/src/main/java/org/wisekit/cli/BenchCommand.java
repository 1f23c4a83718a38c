package org.wisekit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wisekit.bench.BenchRunner;
import org.wisekit.bench.BenchSuite;
import org.wisekit.harness.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit bench [suite] [--quick] [--out DIR] [--json]}: runs JMH suites and prints candidate/baseline
 * ratios. It writes {@code <out>/<suite>.md} and {@code <out>/<suite>.json} and nothing else (JMH's raw
 * output goes to a temporary file that is deleted); JMH's log goes to stderr.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run JMH suites (each against its baseline in the same run) and write <out>/<suite>.{md,json}"
                + " (default <wisekit home>/bench/results).")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "suite", description = "Suite name; all suites when omitted.")
    String suiteName;

    @Option(names = "--quick", description = "One fork, short iterations: a first look, not figures to keep.")
    boolean quick;

    @Option(names = "--list", description = "List the suites and exit.")
    boolean list;

    @Option(names = "--out", paramLabel = "DIR", description = "Results folder. Default: <wisekit home>/bench/results.")
    Path out;

    @Option(names = "--json", description = "Print the suites' results (what <suite>.json holds) as one JSON array on"
            + " stdout; with --list, the suites as [{name, description}].")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (list) {
            List<Map<String, Object>> suites = new ArrayList<>();
            for (BenchSuite s : BenchRunner.suites()) {
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", s.name());
                    m.put("description", s.description());
                    suites.add(m);
                } else {
                    stdout.printf("  %-16s %s%n", s.name(), s.description());
                }
            }
            if (json) {
                stdout.println(Json.write(suites));
            }
            return ExitCodes.OK;
        }
        List<BenchSuite> suites = suiteName == null ? BenchRunner.suites() : List.of(BenchRunner.suite(suiteName));
        Path dir = (out != null ? out : Wisekit.home("--out").resolve("bench").resolve("results")).toAbsolutePath().normalize();
        BenchRunner runner = new BenchRunner(dir, quick ? BenchRunner.Mode.QUICK : BenchRunner.Mode.STANDARD,
                BenchRunner.defaultForkJvmArgs(), stderr);
        List<Object> results = new ArrayList<>();
        for (BenchSuite s : suites) {
            String md = runner.run(s);
            Path jsonFile = dir.resolve(s.name() + ".json");
            if (json) {
                results.add(Json.parse(Files.readString(jsonFile), jsonFile.toString()));
                stderr.println("wisekit: written " + dir.resolve(s.name() + ".md") + ", " + jsonFile);
                stderr.flush();
            } else {
                stdout.println(md);
                stdout.println("Written: " + dir.resolve(s.name() + ".md") + ", " + jsonFile);
                stdout.flush();
            }
        }
        if (json) {
            stdout.println(Json.write(results));
        }
        return ExitCodes.OK;
    }
}
