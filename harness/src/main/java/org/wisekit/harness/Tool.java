package org.wisekit.harness;

/**
 * A paper module's command-line tool (e.g. {@code wisekit kwise ...}), found with
 * {@link java.util.ServiceLoader} (a file {@code META-INF/services/org.wisekit.harness.Tool}).
 *
 * <p>The CLI adds {@link #command()} as a picocli subcommand, so it must return a fresh instance of a
 * class annotated with {@code @picocli.CommandLine.Command} (its {@code name} is the subcommand's name).
 * Commands print results on stdout and report bad input by throwing {@link IllegalArgumentException}
 * with a one-line message; the CLI turns that into a non-zero exit.
 */
public interface Tool {

    /** A new picocli command object. */
    Object command();
}
