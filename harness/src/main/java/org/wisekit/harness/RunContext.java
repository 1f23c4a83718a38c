package org.wisekit.harness;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.wisekit.datasets.Datasets;

/**
 * Everything a reproduction needs from its caller: the seed, the profile, where data is read from and
 * output written to, the report being built, and where progress goes.
 */
public final class RunContext {

    private final long seed;
    private final Profile profile;
    private final Path dataDirectory;
    private final Path outputDirectory;
    private final Report report;
    private final Progress progress;
    private final Map<String, String> datasets = new TreeMap<>();

    /**
     * @param dataDirectory   the data directory the user chose (CLI {@code --data-dir}), or {@code null}
     *                        to let the datasets module resolve it from the environment
     * @param outputDirectory this reproduction's own folder; under {@link ReproductionRunner} a staging folder
     *                        that becomes {@code reports/<module>/<name>/<profile>} when the run completes
     */
    public RunContext(long seed, Profile profile, Path dataDirectory, Path outputDirectory, Progress progress) {
        this.seed = seed;
        this.profile = Objects.requireNonNull(profile, "profile");
        this.dataDirectory = dataDirectory;
        this.outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.report = new Report(outputDirectory);
    }

    public long seed() {
        return seed;
    }

    public Profile profile() {
        return profile;
    }

    /** The data directory chosen on the command line, or {@code null} for the default resolution. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * This reproduction's output folder; extra artefacts (CSV, caches) may be written here. Under {@link
     * ReproductionRunner} it is renamed into place when the run completes, and its sub-folders (caches) are
     * carried over from the previous report into the next run's folder.
     */
    public Path outputDirectory() {
        return outputDirectory;
    }

    /** The report body: paragraphs, tables and plots, in the order added. */
    public Report report() {
        return report;
    }

    public Progress progress() {
        return progress;
    }

    /**
     * Records that the run read the dataset file or folder {@code name}, checked against {@code sha256};
     * results.json lists every recorded dataset.
     */
    public synchronized void recordDataset(String name, String sha256) {
        if (name == null || name.isBlank() || sha256 == null || sha256.isBlank()) {
            throw new IllegalArgumentException("recordDataset needs a name and a sha256, got '" + name + "' and '"
                    + sha256 + "'");
        }
        datasets.put(name, sha256);
    }

    /**
     * The datasets in the run's data directory, recording every file they verify ({@link #recordDataset}):
     * reproductions load their data through this.
     */
    public Datasets data() {
        return Datasets.withDataDirectory(dataDirectory).recordingTo(this::recordDataset);
    }

    /** The datasets recorded so far, by name. */
    public synchronized Map<String, String> recordedDatasets() {
        return Map.copyOf(datasets);
    }
}
