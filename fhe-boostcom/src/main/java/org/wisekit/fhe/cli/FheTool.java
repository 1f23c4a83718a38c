package org.wisekit.fhe.cli;

import org.wisekit.harness.Progress;
import org.wisekit.harness.Tool;

/** Registers {@code wisekit fhe} (see {@link FheCommand}). */
public final class FheTool implements Tool {

    @Override
    public Object command(Progress progress) {
        return new FheCommand(progress);
    }
}
