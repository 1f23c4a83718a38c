package org.wisekit.geohard.cli;

import org.wisekit.harness.Progress;
import org.wisekit.harness.Tool;

/** Registers {@code wisekit geohard} (see {@link GeoHardCommand}). */
public final class GeoHardTool implements Tool {

    @Override
    public Object command(Progress progress) {
        return new GeoHardCommand(progress);
    }
}
