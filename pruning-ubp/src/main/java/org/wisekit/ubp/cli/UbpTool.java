package org.wisekit.ubp.cli;

import org.wisekit.harness.Progress;
import org.wisekit.harness.Tool;

/** Registers {@code wisekit ubp} (see {@link UbpCommand}). */
public final class UbpTool implements Tool {

    @Override
    public Object command(Progress progress) {
        return new UbpCommand(progress);
    }
}
