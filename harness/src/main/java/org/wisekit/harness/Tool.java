package org.wisekit.harness;

/**
 * A paper module's command-line tool (e.g. {@code wisekit kwise ...}), found with
 * {@link java.util.ServiceLoader} (a file {@code META-INF/services/org.wisekit.harness.Tool}).
 *
 * <p>The CLI adds {@link #command(Progress)} as a picocli subcommand, so it must return a fresh instance of
 * a class annotated with {@code @picocli.CommandLine.Command} (its {@code name} is the subcommand's name).
 * Every tool follows the CLI convention of {@code docs/DEVELOPING.md}: results on stdout ({@code --json}:
 * one JSON value, written with {@link Json}), files only where the user names them ({@code --out}),
 * progress of anything longer than about two seconds through the given {@link Progress} (drawn on
 * stderr), {@code -h} and {@code --version}, and bad input reported by throwing
 * {@link IllegalArgumentException} with a one-line message that names the parameter and the value.
 */
public interface Tool {

    /** A new picocli command object whose long work reports to {@code progress}. */
    Object command(Progress progress);
}
