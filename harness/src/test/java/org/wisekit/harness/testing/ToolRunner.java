package org.wisekit.harness.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.wisekit.harness.Json;
import org.wisekit.harness.Progress;
import org.wisekit.harness.Tool;
import picocli.CommandLine;

/**
 * Runs a module's {@link Tool} as {@code wisekit <tool>} would (same exit codes: 0 ok, 2 bad usage or
 * {@link IllegalArgumentException}, 1 failure; errors as one line {@code wisekit: ...} on stderr), in this
 * JVM or as a separate process, and checks the CLI convention of {@code docs/DEVELOPING.md}.
 */
public final class ToolRunner {

    private ToolRunner() {
    }

    /** What one command line printed and returned. */
    public record Run(int exitCode, String out, String err) {

        /** stdout parsed as one JSON value (fails the test if it is not JSON). */
        public JsonNode json() {
            return Json.parse(out, "stdout of the tool");
        }

        /** The stderr lines that start with {@code wisekit:} (errors), without that prefix. */
        public List<String> errors() {
            return err.lines().filter(l -> l.startsWith("wisekit: ")).map(l -> l.substring(9)).toList();
        }
    }

    /** Runs {@code tool} with {@code args} in this JVM, progress discarded. */
    public static Run run(Tool tool, String... args) {
        return run(tool, Progress.SILENT, args);
    }

    /** Runs {@code tool} with {@code args} in this JVM. */
    public static Run run(Tool tool, Progress progress, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            status = execute(tool, progress, o, e, args);
        }
        return new Run(status, out.toString(), err.toString());
    }

    /**
     * Runs {@code tool} in a new JVM (this test's class path and JVM flags) with {@code workingDir} as its
     * working directory: the way to test a flow whose steps must not share memory, or that nothing is
     * written into the working directory.
     */
    public static Run runProcess(Class<? extends Tool> tool, Path workingDir, Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.add(tool.getName());
        command.addAll(Arrays.asList(args));
        try {
            Path outFile = Files.createTempFile("tool-out", ".txt");
            Path errFile = Files.createTempFile("tool-err", ".txt");
            try {
                Process p = new ProcessBuilder(command).directory(workingDir.toFile())
                        .redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("tool did not finish in " + timeout + ": " + String.join(" ", args));
                }
                return new Run(p.exitValue(), Files.readString(outFile), Files.readString(errFile));
            } finally {
                Files.deleteIfExists(outFile);
                Files.deleteIfExists(errFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Every regular file under {@code dir}, relative to it (a snapshot to compare before and after a run). */
    public static Set<Path> files(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return new TreeSet<>(s.filter(Files::isRegularFile).map(dir::relativize).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The convention every tool follows, checked on one command line that includes {@code --json}: exit 0,
     * stdout is one JSON value, and the only files that appeared under {@code dir} (where the inputs are)
     * are {@code named}, the outputs the command line names. Also checks {@code -h} and {@code --version}.
     * Returns the run for further checks.
     */
    public static Run assertConvention(Tool tool, Path dir, List<Path> named, String... argsWithJson) {
        assertThat(argsWithJson).as("command line under test").contains("--json");
        Set<Path> before = files(dir);
        Run run = run(tool, argsWithJson);
        assertThat(run.exitCode()).as("exit status; stderr: %s", run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.isObject() || json.isArray()).as("stdout is one JSON object or array").isTrue();
        Set<Path> expected = new TreeSet<>(before);
        named.forEach(p -> expected.add(dir.relativize(dir.resolve(p))));
        assertThat(files(dir)).as("files under %s after the run", dir).isEqualTo(expected);
        String[] path = commandPath(argsWithJson);
        Run help = run(tool, concat(path, "-h"));
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage:");
        Run version = run(tool, concat(path, "--version"));
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).contains("wisekit");
        return run;
    }

    static int execute(Tool tool, Progress progress, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(tool.command(progress));
        standardOptions(cl);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("wisekit: " + ex.getMessage());
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            String msg = ex.getMessage() == null ? ex.getClass().getName() : ex.getMessage();
            err.println("wisekit: " + (ex instanceof IllegalArgumentException ? msg : ex.getClass().getSimpleName() + ": " + msg));
            if (!(ex instanceof IllegalArgumentException)) {
                ex.printStackTrace(err);
            }
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
        int status = cl.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /** As the CLI does: -h/--help and -V/--version on every (sub)command. */
    private static void standardOptions(CommandLine cl) {
        CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
        if (spec.findOption("--help") == null && spec.findOption("--version") == null) {
            spec.mixinStandardHelpOptions(true);
        }
        if (spec.versionProvider() == null) {
            spec.versionProvider(() -> new String[] {"wisekit test"});
        }
        cl.getSubcommands().values().forEach(ToolRunner::standardOptions);
    }

    private static List<String> jvmFlags() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-modules") || a.startsWith("--enable-native-access")
                        || a.startsWith("-Xmx") || a.startsWith("-Dorg.") || a.startsWith("-Djava.awt"))
                .toList();
    }

    /** The leading words of a command line that name subcommands (up to the first option). */
    private static String[] commandPath(String[] args) {
        int n = 0;
        while (n < args.length && !args[n].startsWith("-")) {
            n++;
        }
        return Arrays.copyOf(args, n);
    }

    private static String[] concat(String[] head, String last) {
        String[] all = Arrays.copyOf(head, head.length + 1);
        all[head.length] = last;
        return all;
    }

    /** Entry point of {@link #runProcess}: {@code Main <tool class> args...}. */
    public static final class Main {
        public static void main(String[] args) throws ReflectiveOperationException {
            Tool tool = (Tool) Class.forName(args[0]).getDeclaredConstructor().newInstance();
            PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
            PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
            System.exit(execute(tool, Progress.SILENT, out, err, Arrays.copyOfRange(args, 1, args.length)));
        }
    }
}
