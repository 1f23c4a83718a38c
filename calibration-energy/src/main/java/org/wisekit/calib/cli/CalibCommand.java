package org.wisekit.calib.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code wisekit calib}: post-hoc calibration of logits that users bring; the work is in {@link FitCommand}. */
@Command(name = "calib", mixinStandardHelpOptions = true,
        description = "Post-hoc calibration of classifier logits (TS, ETS, isotonic, energy-based instance-wise scaling).",
        subcommands = FitCommand.class)
public final class CalibCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new IllegalArgumentException("missing subcommand; try 'wisekit calib fit --help'");
    }
}
