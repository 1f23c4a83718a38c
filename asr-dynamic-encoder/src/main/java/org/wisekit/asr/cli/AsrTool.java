package org.wisekit.asr.cli;

import org.wisekit.harness.Progress;
import org.wisekit.harness.Tool;

/** Registers {@code wisekit asr} (see {@link AsrCommand}). */
public final class AsrTool implements Tool {

    /** The tool; picocli gets a fresh command per call. */
    public AsrTool() {
    }

    @Override
    public Object command(Progress progress) {
        return new AsrCommand(progress);
    }
}
