package org.wisekit.kwise.cli;

import org.wisekit.harness.Progress;
import org.wisekit.harness.Tool;

/** Registers {@code wisekit kwise} (see {@link KwiseCommand}). */
public final class KwiseTool implements Tool {

    @Override
    public Object command(Progress progress) {
        return new KwiseCommand(progress);
    }
}
