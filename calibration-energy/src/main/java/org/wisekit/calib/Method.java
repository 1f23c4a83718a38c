package org.wisekit.calib;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The calibration methods by command-line id: the paper's baselines, the energy method and its ablations,
 * and the further baselines of {@link #EXTRA_BASELINES} (histogram binning, vector, matrix and Dirichlet
 * scaling, Beta calibration).
 * Only {@link #ENERGY} and the ablations {@link #TS_OOD} and {@link #ENERGY_OOD_NOT_IN_DENSITY} use OOD
 * tuning data; the baselines are fitted on the ID validation set alone, as in the paper's protocol.
 */
public enum Method {
    UNCALIBRATED("uncal", new Uncalibrated()),
    TS("ts", TemperatureScaling.nll()),
    ETS("ets", new EnsembleTemperatureScaling()),
    IRM("irm", new IsotonicCalibrator(IsotonicCalibrator.Kind.MULTICLASS)),
    IROVA("irova", new IsotonicCalibrator(IsotonicCalibrator.Kind.ONE_VS_ALL)),
    IROVA_TS("irova-ts", new IsotonicCalibrator(IsotonicCalibrator.Kind.ONE_VS_ALL_AFTER_TS)),
    ENERGY("energy", EnergyScaling.standard()),
    /** Ablation: one temperature fitted on validation + OOD rows with zero targets (the energy objective). */
    TS_OOD("ts-ood", new TemperatureScaling(TemperatureScaling.Objective.MSE_WITH_OOD)),
    /** Ablation: the energy method with OOD rows left out of the incorrect-set density. */
    ENERGY_OOD_NOT_IN_DENSITY("energy-no-ood-density", new EnergyScaling(false)),
    /** Histogram binning, one-vs-rest, {@value HistogramBinning#DEFAULT_BINS} equal-width bins (Zadrozny and Elkan 2001). */
    HISTOGRAM("hist", new HistogramBinning(HistogramBinning.DEFAULT_BINS)),
    /** Vector scaling (Guo et al. 2017). */
    VECTOR("vector", new VectorScaling()),
    /** Matrix scaling without a penalty (Guo et al. 2017). */
    MATRIX("matrix", new MatrixScaling(0)),
    /** Dirichlet calibration with ODIR, lambda = mu = 1e-3 (Kull et al. 2019). */
    DIRICHLET("dirichlet", new DirichletCalibrator(DirichletCalibrator.DEFAULT_LAMBDA, DirichletCalibrator.DEFAULT_LAMBDA)),
    /** Beta calibration, two classes only (Kull, Silva Filho and Flach 2017). */
    BETA("beta", new BetaCalibrator());

    /** The methods the paper compares against (its Spline baseline is not implemented). */
    public static final List<Method> PAPER_BASELINES = List.of(UNCALIBRATED, TS, ETS, IRM, IROVA, IROVA_TS);

    /** The baselines calibration libraries such as netcal offer, beyond the paper's. */
    public static final List<Method> EXTRA_BASELINES = List.of(HISTOGRAM, VECTOR, MATRIX, DIRICHLET, BETA);

    private final String id;
    private final Calibrator calibrator;

    Method(String id, Calibrator calibrator) {
        this.id = id;
        this.calibrator = calibrator;
    }

    /** The command-line id, e.g. {@code irova-ts}. */
    public String id() {
        return id;
    }

    public Calibrator calibrator() {
        return calibrator;
    }

    /** Display name, e.g. "IROvA-TS". */
    public String displayName() {
        return calibrator.name();
    }

    /** Whether fitting uses the OOD tuning rows. */
    public boolean usesOod() {
        return this == ENERGY || this == TS_OOD || this == ENERGY_OOD_NOT_IN_DENSITY;
    }

    /** Whether the method works on logits of {@code classes} classes (Beta calibration needs 2). */
    public boolean supports(int classes) {
        return this != BETA || classes == 2;
    }

    /** The method with command-line id {@code id} (case-insensitive). */
    public static Method byId(String id) {
        for (Method m : values()) {
            if (m.id.equalsIgnoreCase(id == null ? "" : id.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + id + "'; expected one of "
                + Arrays.stream(values()).map(Method::id).collect(Collectors.joining(", ")));
    }
}
