package org.wisekit.dfmsd.cli;

import org.wisekit.harness.Progress;
import org.wisekit.harness.Tool;

/** Registers {@code wisekit dfmsd} (see {@link DfmsdCommand}). */
public final class DfmsdTool implements Tool {

    @Override
    public Object command(Progress progress) {
        return new DfmsdCommand(progress);
    }
}
