package org.wisekit.eeg.cli;

import java.util.concurrent.Callable;
import org.wisekit.harness.Progress;
import picocli.CommandLine.Command;

/**
 * {@code wisekit eeg}: ICWMH preprocessing of EDF recordings ({@code preprocess}) and cross-validation of the
 * preprocessing arms on the user's own EDF runs ({@code evaluate}).
 */
@Command(name = "eeg", mixinStandardHelpOptions = true,
        description = {"EEG classification with channel-wise magnitude homogenisation (ICWMH; Ngo et al., arXiv"
                + " 2407.20247, reconstructed).",
                "preprocess: EDF epochs to images and a tensor file; evaluate: leave-one-run-out accuracy of a method."},
        subcommands = {PreprocessCommand.class, EvaluateCommand.class})
public final class EegCommand implements Callable<Integer> {

    private final Progress progress;

    /** For picocli's help only; the tool passes its {@link Progress}. */
    public EegCommand() {
        this(Progress.SILENT);
    }

    /** The command; long work reports to {@code progress}. */
    public EegCommand(Progress progress) {
        this.progress = progress == null ? Progress.SILENT : progress;
    }

    Progress progress() {
        return progress;
    }

    @Override
    public Integer call() {
        throw new IllegalArgumentException("missing subcommand; try 'wisekit eeg preprocess --help' (also: evaluate)");
    }
}
