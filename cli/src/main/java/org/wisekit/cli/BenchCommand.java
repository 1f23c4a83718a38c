package org.wisekit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.wisekit.bench.BenchRunner;
import org.wisekit.bench.BenchSuite;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wisekit bench [suite] [--quick]}: runs JMH suites and prints candidate/baseline ratios. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run JMH suites (each against its baseline in the same run) and write bench/results/<suite>.{md,json}.")
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

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        if (list) {
            for (BenchSuite s : BenchRunner.suites()) {
                stdout.printf("  %-16s %s%n", s.name(), s.description());
            }
            return ExitCodes.OK;
        }
        List<BenchSuite> suites = suiteName == null ? BenchRunner.suites() : List.of(BenchRunner.suite(suiteName));
        Path dir = out != null ? out : Wisekit.home().resolve("bench").resolve("results");
        BenchRunner runner = new BenchRunner(dir, quick ? BenchRunner.Mode.QUICK : BenchRunner.Mode.STANDARD,
                BenchRunner.defaultForkJvmArgs(), spec.commandLine().getErr());
        for (BenchSuite s : suites) {
            stdout.println(runner.run(s));
            stdout.println("Written: " + dir.resolve(s.name() + ".md") + ", " + dir.resolve(s.name() + ".json"));
            stdout.flush();
        }
        return ExitCodes.OK;
    }
}
