package org.wisekit.calib.cli;

import java.util.concurrent.Callable;
import org.wisekit.harness.Progress;
import picocli.CommandLine.Command;

/**
 * {@code wisekit calib}: post-hoc calibration of logits that users bring. {@code fit} fits a method (and can
 * save it), {@code apply} calibrates unlabelled logits with a saved one, {@code compare} scores several
 * methods side by side.
 */
@Command(name = "calib", mixinStandardHelpOptions = true,
        description = "Post-hoc calibration of classifier logits (TS, ETS, isotonic, histogram, vector/matrix/Dirichlet "
                + "scaling, Beta, energy-based instance-wise scaling).",
        subcommands = {FitCommand.class, ApplyCommand.class, CompareCommand.class})
public final class CalibCommand implements Callable<Integer> {

    private final Progress progress;

    /** For picocli's help only; the tool passes its {@link Progress}. */
    public CalibCommand() {
        this(Progress.SILENT);
    }

    public CalibCommand(Progress progress) {
        this.progress = progress == null ? Progress.SILENT : progress;
    }

    Progress progress() {
        return progress;
    }

    @Override
    public Integer call() {
        throw new IllegalArgumentException("missing subcommand; try 'wisekit calib fit --help' (also: apply, compare)");
    }
}
