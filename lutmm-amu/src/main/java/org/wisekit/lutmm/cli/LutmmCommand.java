package org.wisekit.lutmm.cli;

import java.util.concurrent.Callable;
import org.wisekit.harness.Progress;
import picocli.CommandLine.Command;

/**
 * {@code wisekit lutmm}: MADDNESS approximate matrix products (Blalock and Guttag, ICML 2021) on the user's own
 * {@code .npy} files. Subcommands {@code fit} ({@link FitCommand}) and {@code apply} ({@link ApplyCommand}).
 */
@Command(name = "lutmm", mixinStandardHelpOptions = true,
        description = {"MADDNESS approximate matrix multiplication (Blalock and Guttag, ICML 2021): A·B for a fixed B"
                + " by hashing A's rows and adding 8-bit table entries.",
                "fit: learn the hash trees and prototypes on training rows, bind B, save the model; apply: the"
                        + " approximate product of a saved model with new rows."},
        subcommands = {FitCommand.class, ApplyCommand.class})
public final class LutmmCommand implements Callable<Integer> {

    private final Progress progress;

    /** For picocli's help only; the tool passes its {@link Progress}. */
    public LutmmCommand() {
        this(Progress.SILENT);
    }

    /**
     * The command.
     *
     * @param progress where long work reports; null for none
     */
    public LutmmCommand(Progress progress) {
        this.progress = progress == null ? Progress.SILENT : progress;
    }

    Progress progress() {
        return progress;
    }

    @Override
    public Integer call() {
        throw new IllegalArgumentException("missing subcommand; try 'wisekit lutmm fit --help' (also: apply)");
    }
}
