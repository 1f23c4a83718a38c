package org.wisekit.fhe.cli;

import org.wisekit.harness.Progress;
import picocli.CommandLine.Command;

/**
 * {@code wisekit fhe}: the BGV scheme's command group. It only holds subcommands; picocli reports a missing
 * one as a usage error.
 */
@Command(name = "fhe", mixinStandardHelpOptions = true,
        description = {"Pure-Java BGV homomorphic encryption over prime cyclotomics and the BoostCom word comparisons.",
                "selftest's parameter tiers T0, T1, B1, B2 are below 128-bit security by design (test and research sets).",
                "compare and bench use the comparison tiers: the secure presets B3_128 (128-bit, compare's default) and "
                        + "B2_96 (96-bit, bench's default), and insecure research tiers T0, T1, B1, B2.",
                "Client/server: keygen (client) writes DIR/secret.key and DIR/eval.keys; encrypt (client); compare, "
                        + "min, sort --eval-keys (server, reads only eval.keys); decrypt (client)."},
        subcommands = {KeygenCommand.class, EncryptCommand.class, CompareCommand.class, MinCommand.class,
                SortCommand.class, DecryptCommand.class, SelftestCommand.class, BenchCommand.class})
public final class FheCommand {

    private final Progress progress;

    public FheCommand() {
        this(Progress.SILENT);
    }

    /** The group; its subcommands report long work to {@code progress} (bars on stderr in the CLI). */
    public FheCommand(Progress progress) {
        this.progress = progress;
    }

    Progress progress() {
        return progress;
    }
}
