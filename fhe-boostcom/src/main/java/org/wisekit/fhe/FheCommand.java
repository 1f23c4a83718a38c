package org.wisekit.fhe;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wisekit fhe}: the BGV scheme's command group. It only holds subcommands; picocli reports a missing
 * one as a usage error.
 */
@Command(name = "fhe",
        description = {"Pure-Java BGV homomorphic encryption over prime cyclotomics (BoostCom, part 1: the scheme).",
                "Parameter tiers T0, T1, B1, B2 are below 128-bit security by design (test and research sets)."},
        subcommands = {SelftestCommand.class})
public final class FheCommand {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
