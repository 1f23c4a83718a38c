/**
 * Loaders for the real datasets wisekit's reproductions use, with one data-directory setting, checks
 * against a manifest of sizes and sha256, and one-line errors that say how to get missing data.
 *
 * <p>Start at {@link org.wisekit.datasets.Datasets}: {@code Datasets.fromEnvironment().fashionMnist(Split.TRAIN)}.
 * Where data is looked for: {@link org.wisekit.datasets.DataDirectory} (mirrored files, {@code WISEKIT_DATA})
 * and {@link org.wisekit.datasets.DataLocations} (Debian-package items and the registry cache). Which
 * datasets exist and whether they are here: {@link org.wisekit.datasets.Dataset} and
 * {@link org.wisekit.datasets.Datasets#catalog(boolean)}. The format readers ({@link org.wisekit.datasets.Idx},
 * {@link org.wisekit.datasets.SklearnDigits}, {@link org.wisekit.datasets.Cifar10},
 * {@link org.wisekit.datasets.TextClassification}, {@link org.wisekit.datasets.Wav},
 * {@link org.wisekit.datasets.Fsdd}) also work on any file path, without the manifest checks.
 *
 * <p>Errors: {@link org.wisekit.datasets.DatasetUnavailableException} for missing or corrupt data,
 * its subclass {@link org.wisekit.datasets.MalformedDataException} for files that cannot be parsed.
 * Tests that need real data use {@code org.wisekit.datasets.testing.RealData} from this module's test-jar.
 * Array and file formats shared by the modules are in {@code org.wisekit.datasets.io} ({@code Npy},
 * {@code Safetensors}, {@code AtomicFiles}); the audio front end of the speech modules is in
 * {@code org.wisekit.datasets.audio} ({@code LogMel}, {@code Resampler}). The module depends on the JDK,
 * {@code wisekit-tensor}, {@code org.json} (safetensors headers) and {@code commons-math3} (the FFT) only.
 */
package org.wisekit.datasets;
