package org.wisekit.asr.cli;

import java.util.concurrent.Callable;
import org.wisekit.harness.Progress;
import picocli.CommandLine.Command;

/**
 * {@code wisekit asr}: one Conformer-CTC supernet deployable at several encoder sizes (Xu et al., Interspeech 2024,
 * arXiv 2407.18930). Subcommands {@code train} ({@link TrainCommand}), {@code transcribe}
 * ({@link TranscribeCommand}) and {@code export} ({@link ExportCommand}).
 */
@Command(name = "asr", mixinStandardHelpOptions = true,
        description = {"Dynamic encoder size for CTC speech recognition (Xu et al., Interspeech 2024, arXiv 2407.18930):"
                + " train once, deploy at several sizes.",
                "train: a supernet on connected digits from FSDD-style WAV files; transcribe: digit strings of WAV"
                        + " files at one size; export: the subnet of one size."},
        subcommands = {TrainCommand.class, TranscribeCommand.class, ExportCommand.class})
public final class AsrCommand implements Callable<Integer> {

    private final Progress progress;

    /** For picocli's help only; the tool passes its {@link Progress}. */
    public AsrCommand() {
        this(Progress.SILENT);
    }

    /**
     * The command.
     *
     * @param progress where long work reports; null for none
     */
    public AsrCommand(Progress progress) {
        this.progress = progress == null ? Progress.SILENT : progress;
    }

    Progress progress() {
        return progress;
    }

    @Override
    public Integer call() {
        throw new IllegalArgumentException("missing subcommand; try 'wisekit asr train --help' (also: transcribe,"
                + " export)");
    }
}
