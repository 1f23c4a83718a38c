package org.wisekit.lmbd.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wisekit.datasets.Dataset;
import org.wisekit.datasets.Datasets;
import org.wisekit.lmbd.FreeAtomTable;
import org.wisekit.lmbd.FrequencyGrid;
import org.wisekit.lmbd.Geometry;
import org.wisekit.lmbd.LmbdSettings;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The options that choose a model and its inputs, shared by {@code energy} and {@code dimers}: {@code --method},
 * {@code --beta}, the lMBD knobs (TurboGAP's defaults), {@code --params} and {@code --data-dir}.
 */
final class ModelOptions {

    /** The free-atom table in the data directory. */
    static final String DEFAULT_PARAMS = "molecules/libmbd/vdw-params.csv";

    /** The options that only lMBD reads. */
    static final List<String> LMBD_OPTIONS = List.of("--r-scs", "--buffer", "--r-loc", "--r-mbd", "--r-mbd2", "--r-2b",
            "--n-freq", "--omega-max", "--order", "--log", "--lanczos", "--omega-ref", "--screening");

    /** LmbdSettings' component names in its messages, and the options that set them. */
    private static final Map<String, String> SETTING_OPTIONS = Map.ofEntries(Map.entry("rScs", "--r-scs"),
            Map.entry("buffer", "--buffer"), Map.entry("rLoc", "--r-loc"), Map.entry("rMbd", "--r-mbd"),
            Map.entry("rMbd2", "--r-mbd2"), Map.entry("r2b", "--r-2b"), Map.entry("order", "--order"),
            Map.entry("lanczosSteps", "--lanczos"), Map.entry("omegaRef", "--omega-ref"), Map.entry("beta", "--beta"),
            Map.entry("threads", "--threads"));
    private static final Pattern SETTING_NAMES = Pattern.compile("\\b(" + String.join("|", SETTING_OPTIONS.keySet())
            + ")\\b");

    @Option(names = "--method", defaultValue = "lmbd", paramLabel = "mbd|lmbd|ts|plain",
            description = "mbd: MBD@rsSCS (libMBD); lmbd: linear-scaling atom-wise MBD (TurboGAP); ts: TS pairwise"
                    + " (sR 0.94, d 20); plain: MBD without screening (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--beta", defaultValue = "0.83", paramLabel = "B",
            description = "Range-separation parameter of the Fermi damping for mbd, lmbd and plain (0.83: PBE)"
                    + " (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--r-scs", defaultValue = "5", paramLabel = "A",
            description = "lmbd: local SCS radius in angstrom (default: ${DEFAULT-VALUE}).")
    double rScs;

    @Option(names = "--buffer", defaultValue = "1", paramLabel = "A",
            description = "lmbd: width of the smooth cutoffs in angstrom (default: ${DEFAULT-VALUE}).")
    double buffer;

    @Option(names = "--r-loc", defaultValue = "5", paramLabel = "A",
            description = "lmbd: radius of the blend of neighbours' local SCS values, 0 to --r-scs (default:"
                    + " ${DEFAULT-VALUE}).")
    double rLoc;

    @Option(names = "--r-mbd", defaultValue = "15", paramLabel = "A",
            description = "lmbd: cutoff of the central atom's couplings, at least --r-scs (default: ${DEFAULT-VALUE}).")
    double rMbd;

    @Option(names = "--r-mbd2", defaultValue = "8", paramLabel = "A",
            description = "lmbd: cutoff of the couplings among the other atoms of a sphere (default: ${DEFAULT-VALUE}).")
    double rMbd2;

    @Option(names = "--r-2b", defaultValue = "15", paramLabel = "A",
            description = "lmbd: cutoff of the central atom's two-body term (default: ${DEFAULT-VALUE}).")
    double r2b;

    @Option(names = "--n-freq", defaultValue = "13", paramLabel = "N",
            description = "lmbd: points of the quadratic frequency grid, at least 2 (default: ${DEFAULT-VALUE}).")
    int nFreq;

    @Option(names = "--omega-max", defaultValue = "4", paramLabel = "HA",
            description = "lmbd: the grid's last frequency in hartree (default: ${DEFAULT-VALUE}).")
    double omegaMax;

    @Option(names = "--order", defaultValue = "6", paramLabel = "K",
            description = "lmbd: polynomial order of the log, 2 to 40 (default: ${DEFAULT-VALUE}).")
    int order;

    @Option(names = "--log", defaultValue = "taylor", paramLabel = "taylor|fit|exact",
            description = "lmbd: the log as a Taylor series (TurboGAP), a least-squares fit on Lanczos bounds, or"
                    + " exactly by eigendecomposition (small systems) (default: ${DEFAULT-VALUE}).")
    String log;

    @Option(names = "--lanczos", defaultValue = "20", paramLabel = "N",
            description = "lmbd: Lanczos steps of --log fit (default: ${DEFAULT-VALUE}).")
    int lanczos;

    @Option(names = "--omega-ref", defaultValue = "1.3", paramLabel = "X",
            description = "lmbd: second SCS frequency as a multiple of the free frequency (default: ${DEFAULT-VALUE}).")
    double omegaRef;

    @Option(names = "--screening", defaultValue = "local", paramLabel = "local|full",
            description = "lmbd: TurboGAP's local SCS, or libMBD's full rsSCS (cubic, for checks) (default:"
                    + " ${DEFAULT-VALUE}).")
    String screening;

    @Option(names = "--params", paramLabel = "CSV",
            description = "Free-atom parameters in libMBD's vdw-params.csv format (TS columns; default: the one in"
                    + " the data directory).")
    Path params;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder (else WISEKIT_DATA).")
    Path dataDir;

    /** A free-atom table and the file it came from. */
    record FreeAtoms(FreeAtomTable table, Path file) {

        /** Throws unless the table has parameters for every atom of {@code geometry}, described by {@code what}. */
        void requireElements(Geometry geometry, String what) {
            for (int i = 0; i < geometry.size(); i++) {
                if (!table.contains(geometry.atomicNumber(i))) {
                    throw new IllegalArgumentException(what + ": atom " + (i + 1) + " is " + geometry.symbol(i)
                            + ", which has no free-atom TS parameters in " + file);
                }
            }
        }
    }

    /**
     * The model the options describe, on {@code threads} threads.
     *
     * @param parsed the command line, to reject lMBD knobs given with another method
     */
    Model model(ParseResult parsed, int threads) {
        Model.Method m = Model.Method.parse(method);
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("--beta must be positive and finite, got " + beta);
        }
        if (m != Model.Method.LMBD) {
            for (String name : LMBD_OPTIONS) {
                if (parsed.hasMatchedOption(name)) {
                    throw new IllegalArgumentException(name + " is an lMBD setting; it has no effect with --method "
                            + m.id());
                }
            }
            if (m == Model.Method.TS && parsed.hasMatchedOption("--beta")) {
                throw new IllegalArgumentException("--beta has no effect with --method ts (TS uses sR " + Model.TS_SR
                        + ", d " + Model.TS_D + ")");
            }
            return new Model(m, beta, null, threads);
        }
        return new Model(m, beta, lmbdSettings(threads), threads);
    }

    private LmbdSettings lmbdSettings(int threads) {
        if (nFreq < 2) {
            throw new IllegalArgumentException("--n-freq must be at least 2, got " + nFreq);
        }
        if (!(omegaMax > 0) || Double.isInfinite(omegaMax)) {
            throw new IllegalArgumentException("--omega-max must be positive and finite, got " + omegaMax);
        }
        LmbdSettings.Log logKind = switch (log.strip().toLowerCase(Locale.ROOT)) {
            case "taylor" -> LmbdSettings.Log.TAYLOR;
            case "fit" -> LmbdSettings.Log.FIT;
            case "exact" -> LmbdSettings.Log.EXACT;
            default -> throw new IllegalArgumentException("--log must be taylor, fit or exact, got '" + log + "'");
        };
        LmbdSettings.Screening screeningKind = switch (screening.strip().toLowerCase(Locale.ROOT)) {
            case "local" -> LmbdSettings.Screening.LOCAL;
            case "full" -> LmbdSettings.Screening.FULL;
            default -> throw new IllegalArgumentException("--screening must be local or full, got '" + screening + "'");
        };
        try {
            return new LmbdSettings(rScs, buffer, rLoc, rMbd, rMbd2, r2b, FrequencyGrid.quadratic(nFreq, omegaMax), order,
                    logKind, lanczos, omegaRef, beta, LmbdSettings.defaults().a(), screeningKind, threads);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(optionNames(e.getMessage()), e);
        }
    }

    /** A message of LmbdSettings with its component names replaced by the options that set them. */
    static String optionNames(String message) {
        Matcher m = SETTING_NAMES.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(SETTING_OPTIONS.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The free-atom table: {@code --params}, else the checked copy in the data directory.
     *
     * @throws org.wisekit.datasets.DatasetUnavailableException when there is no {@code --params} and the data
     *                                                          directory lacks the table
     */
    FreeAtoms freeAtoms() {
        if (params != null) {
            Inputs.requireFile("--params", params);
            try {
                return new FreeAtoms(FreeAtomTable.read(params), params);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--params " + e.getMessage(), e);
            }
        }
        Path file = datasets().verifiedPath(Dataset.MOLECULES, DEFAULT_PARAMS);
        return new FreeAtoms(FreeAtomTable.read(file), file);
    }

    /** The datasets of {@code --data-dir} (else the environment's). */
    Datasets datasets() {
        if (dataDir != null && !Files.isDirectory(dataDir)) {
            throw new IllegalArgumentException("--data-dir " + dataDir + " is not a directory");
        }
        return Datasets.withDataDirectory(dataDir);
    }
}
