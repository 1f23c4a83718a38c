package org.wisekit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.wisekit.datasets.DatasetUnavailableException;
import org.wisekit.harness.Progress;
import org.wisekit.harness.Provenance;
import org.wisekit.harness.Reproductions;
import org.wisekit.harness.Tool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code wisekit} command: list, reproduce, data, bench, plus every paper module's tool found through
 * the {@link Tool} SPI. Errors are one line on stderr with a non-zero exit; {@code --verbose} adds the
 * stack trace.
 */
@Command(name = "wisekit", mixinStandardHelpOptions = true, versionProvider = Wisekit.Version.class,
        description = "Research papers as tested, benchmarked Java components: reproduce their claims, run their tools.",
        subcommands = {ListCommand.class, ReproduceCommand.class, DataCommand.class, BenchCommand.class})
public final class Wisekit {

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean verbose;

    private final Reproductions reproductions;
    private final List<Tool> tools;
    private final Progress progress;
    /** Tests set a fixed commit; the CLI reads the checkout's. */
    Supplier<String> commit = Provenance::currentCommit;

    Wisekit(Reproductions reproductions, List<Tool> tools, Progress progress) {
        this.reproductions = reproductions;
        this.tools = List.copyOf(tools);
        this.progress = progress;
    }

    /** Where long work draws its progress (bars on stderr in the CLI, nothing in tests). */
    Progress progress() {
        return progress;
    }

    Reproductions reproductions() {
        return reproductions;
    }

    List<Tool> tools() {
        return tools;
    }

    /**
     * The folder wisekit writes into by default: {@code $WISEKIT_HOME}, the checkout the launcher runs from.
     * Without it nothing is written anywhere the user did not name (never the working directory): an
     * IllegalArgumentException asks for {@code option}.
     */
    static Path home(String option) {
        String home = System.getenv("WISEKIT_HOME");
        if (home == null || home.isBlank()) {
            throw new IllegalArgumentException("no " + option + " given and WISEKIT_HOME is not set (the ./wisekit"
                    + " launcher sets it to the checkout); name the folder with " + option);
        }
        return Path.of(home).toAbsolutePath().normalize();
    }

    /** The commit id recorded in reports and compared by {@code reproduce --resume}. */
    String commit() {
        return commit.get();
    }

    public static void main(String[] args) {
        Wisekit app;
        try {
            app = new Wisekit(Reproductions.discover(), discoverTools(), new ConsoleProgress(System.err, System.console() != null));
        } catch (IllegalStateException e) {
            System.err.println("wisekit: " + e.getMessage());
            System.exit(ExitCodes.FAILED);
            return;
        }
        System.exit(app.execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Every tool found through ServiceLoader. */
    static List<Tool> discoverTools() {
        List<Tool> tools = new ArrayList<>();
        ServiceLoader.load(Tool.class).forEach(tools::add);
        return tools;
    }

    /** The whole command tree: built-in commands and every tool, each with -h/--help and -V/--version. */
    CommandLine commandLine() {
        CommandLine cl = new CommandLine(this);
        for (Tool tool : tools) {
            cl.addSubcommand(tool.command(progress));
        }
        standardOptionsEverywhere(cl);
        return cl;
    }

    /** Runs one command line with the given streams and returns the exit status. */
    int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args1) -> {
            err.println("wisekit: " + usageMessage(ex) + " (see 'wisekit "
                    + subcommandPath(ex.getCommandLine()) + "--help')");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.println("wisekit: " + describe(ex));
            return exitCode(ex);
        });
        int status = cl.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /**
     * Gives every command and subcommand {@code -h/--help} and {@code -V/--version} (the CLI convention),
     * whether or not its class asked for them.
     */
    static void standardOptionsEverywhere(CommandLine cl) {
        CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
        if (spec.findOption("--help") == null && spec.findOption("--version") == null) {
            spec.mixinStandardHelpOptions(true);
        } else if (spec.findOption("--help") == null) {
            spec.addOption(helpOption(spec, "-h", "--help", true, "Show this help message and exit."));
        } else if (spec.findOption("--version") == null) {
            spec.addOption(helpOption(spec, "-V", "--version", false, "Print version information and exit."));
        }
        if (spec.versionProvider() == null) {
            spec.versionProvider(new Version());
        }
        cl.getSubcommands().values().forEach(Wisekit::standardOptionsEverywhere);
    }

    /** A {@code --help} or {@code --version} option for a command that declared only the other one. */
    private static CommandLine.Model.OptionSpec helpOption(CommandLine.Model.CommandSpec spec, String shortName,
                                                           String longName, boolean usage, String description) {
        String[] names = spec.findOption(shortName) == null ? new String[] {shortName, longName} : new String[] {longName};
        return CommandLine.Model.OptionSpec.builder(names).usageHelp(usage).versionHelp(!usage)
                .type(boolean.class).description(description).build();
    }

    /** One line for an exception; the class name only where the message alone would not say what happened. */
    static String describe(Throwable ex) {
        String msg = ex.getMessage() == null ? "" : ex.getMessage().strip().replace('\n', ' ');
        if (ex instanceof IllegalArgumentException || ex instanceof DatasetUnavailableException) {
            return msg;
        }
        return ex.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + msg) + " (run with --verbose for details)";
    }

    static int exitCode(Throwable ex) {
        if (ex instanceof DatasetUnavailableException) {
            return ExitCodes.DATA;
        }
        if (ex instanceof IllegalArgumentException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.FAILED;
    }

    private static String usageMessage(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            return (first.startsWith("-") ? "unknown option '" : "unknown command or argument '") + first + "'";
        }
        String msg = ex.getMessage() == null ? "bad command line" : ex.getMessage().strip();
        return Character.toLowerCase(msg.charAt(0)) + msg.substring(1).replace('\n', ' ');
    }

    private static String subcommandPath(CommandLine cl) {
        StringBuilder path = new StringBuilder();
        for (CommandLine c = cl; c != null && c.getParent() != null; c = c.getParent()) {
            path.insert(0, c.getCommandName() + " ");
        }
        return path.toString();
    }

    /** The version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Wisekit.class.getPackage().getImplementationVersion();
            return new String[] {"wisekit " + (v == null ? "development" : v)};
        }
    }
}
