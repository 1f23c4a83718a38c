package org.wisekit.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Locating files, size and checksum checks, the messages and the catalog, all on temporary folders. */
class VerificationTest {

    // sha256 of the one-byte texts "a" and "b", and their aggregate as MANIFEST.md defines it
    // (checked with: sha256sum a b | cut -c1-64 | LC_ALL=C sort | sha256sum).
    private static final String SHA_A = "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb";
    private static final String SHA_B = "3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d";
    private static final String SHA_A_AND_B = "e31b611bfa25cad7df113c6721feec788606f694069ced6d3d3f738a89d14e2a";

    @TempDir
    Path temp;

    private DataLocations emptyLocations() {
        return new DataLocations(new DataDirectory(temp.resolve("data"), "test"), temp.resolve("cache"),
                temp.resolve("system"));
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    @Test
    void missingMirroredDataNamesDatasetPathAndSetting() {
        Datasets datasets = new Datasets(emptyLocations());

        assertThatThrownBy(() -> datasets.sst2(Split.TRAIN))
                .isExactlyInstanceOf(DatasetUnavailableException.class)
                .hasMessageStartingWith("sst2 is missing: looked for " + temp.resolve("data/text-classification/sst2/train.tsv"))
                .hasMessageContaining("set WISEKIT_DATA (or --data-dir) to the shared/data folder");
    }

    @Test
    void missingRegistryDataNamesBothPlacesAndTheCommand() {
        Datasets datasets = new Datasets(emptyLocations());

        assertThatThrownBy(datasets::sklearnDigits)
                .isExactlyInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("sklearn-digits is missing")
                .hasMessageContaining(temp.resolve("system/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz").toString())
                .hasMessageContaining(temp.resolve("cache/python3-sklearn/digits.csv.gz").toString())
                .hasMessageEndingWith("To get it: scripts/install-data");
        assertThatThrownBy(() -> datasets.fashionMnist(Split.TEST))
                .hasMessageContaining("apt-get install -y dataset-fashion-mnist");
    }

    @Test
    void wrongSizeAndWrongChecksumAreCorrupt() throws IOException {
        Datasets datasets = new Datasets(emptyLocations());
        Path trec = temp.resolve("data/text-classification/trec/TREC_10.en.label");

        write(trec, "NUM:dist How far ?\n");
        assertThatThrownBy(() -> datasets.trec(Split.TEST))
                .hasMessageContaining("trec is corrupt: " + trec + " has 19 bytes, expected 23280");

        write(trec, "x".repeat(23280));   // right size, wrong content
        assertThatThrownBy(() -> datasets.trec(Split.TEST))
                .isExactlyInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("trec is corrupt: " + trec + " has sha256 ")
                .hasMessageContaining("expected edb2e413c306dc9b37defbfeb1706bc332461f2b0d2651ac5c43569c74c89ca9")
                .hasMessageContaining("To get it: set WISEKIT_DATA");
    }

    @Test
    void aggregateChecksumMatchesTheManifestDefinition() throws IOException {
        write(temp.resolve("x/one.wav"), "a");
        write(temp.resolve("x/sub/two.wav"), "b");
        write(temp.resolve("x/notes.txt"), "not counted");

        assertThat(Checksums.sha256(temp.resolve("x/one.wav"))).isEqualTo(SHA_A);
        assertThat(Checksums.sha256(temp.resolve("x/sub/two.wav"))).isEqualTo(SHA_B);
        ManifestEntry folder = new ManifestEntry(Dataset.FSDD, "x/*.wav", 2, 2, SHA_A_AND_B);
        assertThat(Checksums.aggregateSha256(Verifier.folderFiles(folder, temp.resolve("x")))).isEqualTo(SHA_A_AND_B);
    }

    @Test
    void registryDataIsFoundInTheCacheAndTheSystemPathWins() throws IOException {
        Manifest manifest = new Manifest(List.of(new ManifestEntry(Dataset.SKLEARN_DIGITS, "digits.csv.gz", 1, 1, SHA_A)));
        Datasets datasets = new Datasets(emptyLocations(), manifest);
        Path cached = write(temp.resolve("cache/python3-sklearn/digits.csv.gz"), "a");

        assertThat(datasets.verifiedPath(Dataset.SKLEARN_DIGITS, "digits.csv.gz")).isEqualTo(cached);

        Path system = write(temp.resolve("system/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz"), "a");
        assertThat(datasets.verifiedPath(Dataset.SKLEARN_DIGITS, "digits.csv.gz")).isEqualTo(system);
    }

    @Test
    void recordingListenerHearsEveryVerifiedFileWithItsChecksum() throws IOException {
        Manifest manifest = new Manifest(List.of(new ManifestEntry(Dataset.SKLEARN_DIGITS, "digits.csv.gz", 1, 1, SHA_A)));
        write(temp.resolve("cache/python3-sklearn/digits.csv.gz"), "a");
        Map<String, String> heard = new java.util.TreeMap<>();
        Datasets plain = new Datasets(emptyLocations(), manifest);
        Datasets recording = plain.recordingTo(heard::put);

        plain.verifiedPath(Dataset.SKLEARN_DIGITS, "digits.csv.gz");
        assertThat(heard).isEmpty();
        recording.verifiedPath(Dataset.SKLEARN_DIGITS, "digits.csv.gz");
        assertThat(heard).containsExactly(Map.entry(Dataset.SKLEARN_DIGITS.id() + ":digits.csv.gz", SHA_A));
        assertThatThrownBy(() -> plain.recordingTo(null)).hasMessageContaining("listener must not be null");
    }

    @Test
    void catalogReportsFoundMissingAndCorrupt() throws IOException {
        Manifest manifest = new Manifest(List.of(
                new ManifestEntry(Dataset.GSM8K, "gsm8k/train.jsonl", 1, 1, SHA_A),
                new ManifestEntry(Dataset.FSDD, "fsdd/recordings/*.wav", 2, 2, SHA_A_AND_B),
                new ManifestEntry(Dataset.GEC, "gec/a.json", 1, 1, SHA_A),
                new ManifestEntry(Dataset.GEC, "gec/b.json", 1, 1, SHA_B),
                new ManifestEntry(Dataset.FASHION_MNIST, "t10k-labels-idx1-ubyte.gz", 1, 1, SHA_A)));
        write(temp.resolve("data/gsm8k/train.jsonl"), "b");            // right size, wrong content
        write(temp.resolve("data/fsdd/recordings/0_a_0.wav"), "a");
        write(temp.resolve("data/fsdd/recordings/0_a_1.wav"), "b");
        write(temp.resolve("data/gec/a.json"), "a");

        Datasets datasets = new Datasets(emptyLocations(), manifest);
        Map<Dataset, DatasetStatus> quick = byDataset(datasets.catalog(false));
        Map<Dataset, DatasetStatus> full = byDataset(datasets.catalog(true));

        assertThat(quick).hasSize(Dataset.values().length);
        assertThat(quick.get(Dataset.FSDD).state()).isEqualTo(DatasetStatus.State.FOUND);
        assertThat(quick.get(Dataset.FSDD).locations()).containsExactly(temp.resolve("data/fsdd/recordings"));
        assertThat(quick.get(Dataset.GSM8K).state()).isEqualTo(DatasetStatus.State.FOUND);
        assertThat(full.get(Dataset.GSM8K).state()).isEqualTo(DatasetStatus.State.CORRUPT);
        assertThat(full.get(Dataset.GSM8K).problem()).contains("gsm8k/train.jsonl has sha256 " + SHA_B);
        assertThat(full.get(Dataset.GEC).state()).isEqualTo(DatasetStatus.State.MISSING);
        assertThat(full.get(Dataset.GEC).problem()).startsWith("missing gec/b.json");
        assertThat(full.get(Dataset.GEC).summary()).isEqualTo("gec missing (missing gec/b.json (data directory "
                + temp.resolve("data") + ", from test)) in " + temp.resolve("data/gec")
                + ". To get it: " + Dataset.MIRRORED_COMMAND);
        assertThat(quick.get(Dataset.FSDD).summary()).isEqualTo("fsdd found in " + temp.resolve("data/fsdd/recordings"));
        assertThat(full.get(Dataset.FASHION_MNIST).state()).isEqualTo(DatasetStatus.State.MISSING);
        assertThat(full.get(Dataset.FASHION_MNIST).locations())
                .containsExactly(temp.resolve("system/usr/share/datasets/fashion-mnist"),
                        temp.resolve("cache/dataset-fashion-mnist"));
    }

    @Test
    void aFolderWithAnExtraFileIsCorrupt() throws IOException {
        Manifest manifest = new Manifest(List.of(new ManifestEntry(Dataset.FSDD, "fsdd/recordings/*.wav", 1, 1, SHA_A)));
        write(temp.resolve("data/fsdd/recordings/0_a_0.wav"), "a");
        write(temp.resolve("data/fsdd/recordings/0_a_1.wav"), "b");

        assertThatThrownBy(() -> new Datasets(emptyLocations(), manifest).fsdd())
                .hasMessageContaining("fsdd is corrupt")
                .hasMessageContaining("holds 2 *.wav files, expected 1");
    }

    @Test
    void bundledManifestCoversEveryDatasetAndLoaderPath() {
        Manifest manifest = Manifest.bundled();
        Datasets datasets = new Datasets(emptyLocations(), manifest);

        assertThat(Arrays.stream(Dataset.values()).filter(d -> manifest.entries(d).isEmpty())).isEmpty();
        assertThat(datasets.manifestPaths(Dataset.FASHION_MNIST)).hasSize(4);
        assertThat(manifest.entry(Dataset.CIFAR10_TEST, "cifar10-test/*.jpg").files()).isEqualTo(10000);
        assertThat(manifest.entry(Dataset.SKLEARN_DIGITS, "digits.csv.gz").sha256())
                .isEqualTo("46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a");
        assertThatThrownBy(() -> manifest.entry(Dataset.GSM8K, "gsm8k/nope.jsonl"))
                .hasMessageContaining("gsm8k/train.jsonl");
        assertThatThrownBy(() -> datasets.agNews(Split.TRAIN)).hasMessageContaining("agnews has no TRAIN split");
    }

    private static Map<Dataset, DatasetStatus> byDataset(List<DatasetStatus> statuses) {
        return statuses.stream().collect(Collectors.toMap(DatasetStatus::dataset, s -> s));
    }
}
