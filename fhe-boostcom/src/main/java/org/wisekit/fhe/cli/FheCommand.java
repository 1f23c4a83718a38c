package org.wisekit.fhe.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wisekit fhe}: the BGV scheme's command group. It only holds subcommands; picocli reports a missing
 * one as a usage error.
 */
@Command(name = "fhe",
        description = {"Pure-Java BGV homomorphic encryption over prime cyclotomics and the BoostCom word comparisons.",
                "selftest's parameter tiers T0, T1, B1, B2 are below 128-bit security by design (test and research sets).",
                "compare and bench use the comparison tiers: the secure presets B3_128 (128-bit, compare's default) and "
                        + "B2_96 (96-bit, bench's default), and insecure research tiers T0, T1, B1, B2."},
        subcommands = {SelftestCommand.class, CompareCommand.class, BenchCommand.class})
public final class FheCommand {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
