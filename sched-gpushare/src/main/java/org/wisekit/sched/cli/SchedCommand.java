package org.wisekit.sched.cli;

import java.util.concurrent.Callable;
import org.wisekit.harness.Progress;
import picocli.CommandLine.Command;

/**
 * {@code wisekit sched}: GPU-cluster scheduling with wise GPU sharing (SJF-BSBF). {@code simulate} replays a
 * trace under several policies; {@code pair} explains one sharing decision.
 */
@Command(name = "sched", mixinStandardHelpOptions = true,
        description = {"Trace-driven GPU cluster simulation with GPU sharing (SJF-BSBF, Luo et al., arXiv 2407.13088).",
                "simulate: replay a trace under several policies; pair: explain one sharing decision."},
        subcommands = {SimulateCommand.class, PairCommand.class})
public final class SchedCommand implements Callable<Integer> {

    private final Progress progress;

    /** For picocli's help only; the tool passes its {@link Progress}. */
    public SchedCommand() {
        this(Progress.SILENT);
    }

    public SchedCommand(Progress progress) {
        this.progress = progress == null ? Progress.SILENT : progress;
    }

    Progress progress() {
        return progress;
    }

    @Override
    public Integer call() {
        throw new IllegalArgumentException("missing subcommand; try 'wisekit sched simulate --help' (also: pair)");
    }
}
