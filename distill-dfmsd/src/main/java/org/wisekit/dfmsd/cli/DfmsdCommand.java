package org.wisekit.dfmsd.cli;

import java.util.concurrent.Callable;
import org.wisekit.harness.Progress;
import picocli.CommandLine.Command;

/**
 * {@code wisekit dfmsd}: COCO-style evaluation of a user's detection files ({@code eval}) and the real-pixel
 * detection canvases the DFMSD reproduction trains on ({@code make-data}).
 */
@Command(name = "dfmsd", mixinStandardHelpOptions = true,
        description = {"Object-detection distillation tools (DFMSD; Zhang et al., arXiv 2407.13147).",
                "eval: COCO-style AP of a detection file; make-data: detection canvases with COCO JSON."},
        subcommands = {EvalCommand.class, MakeDataCommand.class})
public final class DfmsdCommand implements Callable<Integer> {

    private final Progress progress;

    /** For picocli's help only; the tool passes its {@link Progress}. */
    public DfmsdCommand() {
        this(Progress.SILENT);
    }

    /** The command; long work reports to {@code progress}. */
    public DfmsdCommand(Progress progress) {
        this.progress = progress == null ? Progress.SILENT : progress;
    }

    Progress progress() {
        return progress;
    }

    @Override
    public Integer call() {
        throw new IllegalArgumentException("missing subcommand; try 'wisekit dfmsd eval --help' (also: make-data)");
    }
}
