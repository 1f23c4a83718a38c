package org.wisekit.sched.cli;

import org.wisekit.harness.Progress;
import org.wisekit.harness.Tool;

/** Registers {@code wisekit sched} (see {@link SchedCommand}). */
public final class SchedTool implements Tool {

    @Override
    public Object command(Progress progress) {
        return new SchedCommand(progress);
    }
}
