package org.wisekit.fhe.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wisekit fhe}: the BGV scheme's command group. It only holds subcommands; picocli reports a missing
 * one as a usage error.
 */
@Command(name = "fhe",
        description = {"Pure-Java BGV homomorphic encryption over prime cyclotomics and the BoostCom word comparisons.",
                "Parameter tiers T0, T1, B1, B2 are below 128-bit security by design (test and research sets).",
                "compare and bench use the comparison tiers: the same rings with deeper modulus chains."},
        subcommands = {SelftestCommand.class, CompareCommand.class, BenchCommand.class})
public final class FheCommand {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
