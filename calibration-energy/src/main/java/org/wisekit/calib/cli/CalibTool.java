package org.wisekit.calib.cli;

import org.wisekit.harness.Progress;
import org.wisekit.harness.Tool;

/** Registers {@code wisekit calib} (see {@link CalibCommand}). */
public final class CalibTool implements Tool {

    @Override
    public Object command(Progress progress) {
        return new CalibCommand(progress);
    }
}
