package org.wisekit.lutmm.cli;

import org.wisekit.harness.Progress;
import org.wisekit.harness.Tool;

/** Registers {@code wisekit lutmm} (see {@link LutmmCommand}). */
public final class LutmmTool implements Tool {

    /** The tool; picocli gets a fresh command per call. */
    public LutmmTool() {
    }

    @Override
    public Object command(Progress progress) {
        return new LutmmCommand(progress);
    }
}
