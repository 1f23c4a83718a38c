package org.wisekit.ddescent.cli;

import java.util.concurrent.Callable;
import org.wisekit.harness.Progress;
import picocli.CommandLine.Command;

/**
 * {@code wisekit ddescent}: epoch-wise double descent in two-layer linear networks (Olmin and Lindsten, arXiv
 * 2407.09845; closed form and conditions reconstructed). Subcommands {@code curve} ({@link CurveCommand}) and
 * {@code data} ({@link DataCommand}).
 */
@Command(name = "ddescent", mixinStandardHelpOptions = true,
        description = {"Epoch-wise double descent in two-layer linear networks (Olmin & Lindsten, arXiv 2407.09845;"
                + " closed form and conditions reconstructed).",
                "curve: test-error curves of given modes (two-layer vs linear regression), DD flags, conditions C1/C2;"
                        + " data: gradient descent vs theory on your labelled CSV."},
        subcommands = {CurveCommand.class, DataCommand.class})
public final class DdescentCommand implements Callable<Integer> {

    private final Progress progress;

    /** For picocli's help only; the tool passes its {@link Progress}. */
    public DdescentCommand() {
        this(Progress.SILENT);
    }

    /**
     * The command.
     *
     * @param progress where long work reports; null for none
     */
    public DdescentCommand(Progress progress) {
        this.progress = progress == null ? Progress.SILENT : progress;
    }

    Progress progress() {
        return progress;
    }

    @Override
    public Integer call() {
        throw new IllegalArgumentException("missing subcommand; try 'wisekit ddescent curve --help' (also: data)");
    }
}
