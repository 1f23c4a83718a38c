package org.wisekit.lmbd.cli;

import org.wisekit.harness.Progress;
import org.wisekit.harness.Tool;

/** Registers {@code wisekit mbd} (see {@link MbdCommand}). */
public final class MbdTool implements Tool {

    /** The tool; picocli gets a fresh command per call. */
    public MbdTool() {
    }

    @Override
    public Object command(Progress progress) {
        return new MbdCommand(progress);
    }
}
