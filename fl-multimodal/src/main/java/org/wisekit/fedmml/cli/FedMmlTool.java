package org.wisekit.fedmml.cli;

import org.wisekit.harness.Progress;
import org.wisekit.harness.Tool;

/** Registers {@code wisekit fedmml} (see {@link FedMmlCommand}). */
public final class FedMmlTool implements Tool {

    @Override
    public Object command(Progress progress) {
        return new FedMmlCommand(progress);
    }
}
