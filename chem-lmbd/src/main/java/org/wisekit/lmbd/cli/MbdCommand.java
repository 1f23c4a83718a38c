package org.wisekit.lmbd.cli;

import java.util.concurrent.Callable;
import java.util.function.DoubleConsumer;
import org.wisekit.harness.Progress;
import picocli.CommandLine.Command;

/**
 * {@code wisekit mbd}: many-body dispersion energies (MBD@rsSCS as libMBD defines it, the linear-scaling atom-wise
 * lMBD of Muhli, Ala-Nissila and Caro, arXiv 2407.06409, TS and plain MBD) of the user's own geometries.
 * Subcommands {@code energy} ({@link EnergyCommand}) and {@code dimers} ({@link DimersCommand}).
 */
@Command(name = "mbd", mixinStandardHelpOptions = true,
        description = {"Many-body dispersion (MBD@rsSCS as in libMBD; lMBD, the linear-scaling atom-wise MBD of Muhli,"
                + " Ala-Nissila and Caro, arXiv 2407.06409, as in TurboGAP; TS; plain MBD) for finite systems.",
                "energy: the dispersion energy of an XYZ file or of a cluster cut from a POSCAR; dimers: interaction"
                        + " energies of the S22 or S66 complexes beside their CCSD(T) references.",
                "Exit status: 0 ok, 2 bad input, 3 data missing, 1 a failed run (a polarization catastrophe: the"
                        + " dipoles of atoms too close for their polarizabilities have no stable ground state)."},
        subcommands = {EnergyCommand.class, DimersCommand.class})
public final class MbdCommand implements Callable<Integer> {

    /** Progress steps of a task whose library call reports fractions. */
    static final int FRACTION_STEPS = 1000;

    private final Progress progress;

    /** For picocli's help only; the tool passes its {@link Progress}. */
    public MbdCommand() {
        this(Progress.SILENT);
    }

    /**
     * The command.
     *
     * @param progress where long work reports; null for none
     */
    public MbdCommand(Progress progress) {
        this.progress = progress == null ? Progress.SILENT : progress;
    }

    Progress progress() {
        return progress;
    }

    /**
     * A consumer of fractions done (0 to 1, from any thread, possibly out of order) that advances {@code task}, a
     * task of {@link #FRACTION_STEPS} steps, to the largest fraction seen.
     */
    static DoubleConsumer fractions(Progress.Task task) {
        long[] done = {0};
        return fraction -> {
            long target = Math.min(FRACTION_STEPS, Math.round(fraction * FRACTION_STEPS));
            synchronized (done) {
                if (target > done[0]) {
                    task.step(target - done[0]);
                    done[0] = target;
                }
            }
        };
    }

    @Override
    public Integer call() {
        throw new IllegalArgumentException("missing subcommand; try 'wisekit mbd energy --help' (also: dimers)");
    }
}
