package org.wisekit.eeg.cli;

import org.wisekit.harness.Progress;
import org.wisekit.harness.Tool;

/** Registers {@code wisekit eeg} (see {@link EegCommand}). */
public final class EegTool implements Tool {

    @Override
    public Object command(Progress progress) {
        return new EegCommand(progress);
    }
}
