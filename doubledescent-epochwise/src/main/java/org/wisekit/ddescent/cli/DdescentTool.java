package org.wisekit.ddescent.cli;

import org.wisekit.harness.Progress;
import org.wisekit.harness.Tool;

/** Registers {@code wisekit ddescent} (see {@link DdescentCommand}). */
public final class DdescentTool implements Tool {

    /** The tool; picocli gets a fresh command per call. */
    public DdescentTool() {
    }

    @Override
    public Object command(Progress progress) {
        return new DdescentCommand(progress);
    }
}
