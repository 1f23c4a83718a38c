package org.wisekit.lwquant.cli;

import org.wisekit.harness.Progress;
import org.wisekit.harness.Tool;

/** Registers {@code wisekit lwquant} (see {@link LwquantCommand}). */
public final class LwquantTool implements Tool {

    @Override
    public Object command(Progress progress) {
        return new LwquantCommand(progress);
    }
}
