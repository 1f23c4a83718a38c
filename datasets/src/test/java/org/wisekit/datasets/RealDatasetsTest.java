package org.wisekit.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.wisekit.tensor.Tensor;
import org.wisekit.datasets.testing.RealData;

/**
 * Counts, shapes and first labels of the real datasets. Skipped where the data is absent, failed in CI
 * ({@code WISEKIT_REQUIRE_DATA=true}); see {@link RealData}.
 */
class RealDatasetsTest {

    @Test
    void fashionMnistTrain() {
        LabeledImages train = RealData.load(d -> d.fashionMnist(Split.TRAIN));

        assertThat(train.images().shape()).containsExactly(60000, 28, 28);
        assertThat(Arrays.copyOf(train.labels(), 12)).containsExactly(9, 0, 0, 3, 0, 2, 7, 2, 5, 5, 0, 9);
        assertThat(train.images().get(0, 14, 12)).isEqualTo(237 / 255f);
        assertThat(train.classNames().get(9)).isEqualTo("Ankle boot");
    }

    @Test
    void fashionMnistTest() {
        LabeledImages test = RealData.load(d -> d.fashionMnist(Split.TEST));

        assertThat(test.images().shape()).containsExactly(10000, 28, 28);
        assertThat(Arrays.copyOf(test.labels(), 12)).containsExactly(9, 2, 1, 1, 6, 1, 4, 6, 5, 7, 4, 5);
        assertThat(counts(test.labels())).containsOnly(entriesOf(10, 1000));
    }

    @Test
    void sklearnDigits() {
        LabeledImages digits = RealData.load(Datasets::sklearnDigits);

        assertThat(digits.images().shape()).containsExactly(1797, 8, 8);
        assertThat(Arrays.copyOf(digits.labels(), 12)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1);
        assertThat(digits.images().get(0, 0, 2)).isEqualTo(5 / 16f);
    }

    @Test
    void sklearnSamplePhotos() {
        Tensor china = RealData.load(d -> d.sklearnSampleImage("china.jpg"));
        Tensor flower = RealData.load(d -> d.sklearnSampleImage("flower.jpg"));

        assertThat(china.shape()).containsExactly(427, 640, 3);
        assertThat(flower.shape()).containsExactly(427, 640, 3);
        assertThat(china.max()).isLessThanOrEqualTo(1f);
        assertThat(china.get(0, 0, 0)).isBetween(0f, 1f);
    }

    @Test
    void mnistDigitsFromNpm() {
        LabeledImages mnist = RealData.load(Datasets::mnistDigits);

        assertThat(mnist.images().shape()).containsExactly(10000, 28, 28);
        long[] perDigit = IntStream.range(0, 10).mapToLong(d -> counts(mnist.labels()).get(d)).toArray();
        assertThat(perDigit).containsExactly(1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978);
        assertThat(mnist.images().get(0, 14, 7)).isEqualTo(0.776f);
        assertThat(mnist.labels()[9999]).isEqualTo(9);
    }

    @Test
    void fortuneCollections() {
        List<String> fortunes = RealData.<List<String>>load(d -> d.fortunes("fortunes"));

        assertThat(fortunes).hasSize(431);
        assertThat(fortunes.get(0)).isEqualTo("A day for firm decisions!!!!!  Or is it?");
        assertThat(fortunes.get(3)).isEqualTo("A long-forgotten loved one will appear soon.\n\nBuy the negatives at any price.");
        assertThat(RealData.<List<String>>load(d -> d.manifestPaths(Dataset.FORTUNES))).hasSize(43).contains("literature", "wisdom");
    }

    @Test
    void cifar10TestAllImages() {
        LabeledImages test = RealData.load(Datasets::cifar10Test);

        assertThat(test.images().shape()).containsExactly(10000, 32, 32, 3);
        assertThat(counts(test.labels())).containsOnly(entriesOf(10, 1000));
        assertThat(test.labels()[0]).isZero();
        assertThat(test.labels()[9999]).isEqualTo(9);
        float[] pixels = test.images().data();
        assertThat(IntStream.range(0, pixels.length).allMatch(i -> pixels[i] >= 0f && pixels[i] <= 1f))
                .isTrue();
    }

    @Test
    void cifar10TrainSubsetFirstPerClass() {
        LabeledImages train = RealData.load(d -> d.cifar10TrainSubset(5));

        assertThat(train.images().shape()).containsExactly(50, 32, 32, 3);
        assertThat(Arrays.copyOfRange(train.labels(), 0, 7)).containsExactly(0, 0, 0, 0, 0, 1, 1);
    }

    @Test
    void sst2Splits() {
        LabeledTexts train = RealData.load(d -> d.sst2(Split.TRAIN));
        LabeledTexts dev = RealData.load(d -> d.sst2(Split.DEV));
        LabeledTexts test = RealData.load(d -> d.sst2(Split.TEST));

        assertThat(List.of(train.size(), dev.size(), test.size())).containsExactly(60614, 6735, 872);
        assertThat(test.texts().get(0)).isEqualTo("it 's a charming and often affecting journey .");
        assertThat(Arrays.copyOf(test.labels(), 2)).containsExactly(1, 0);
        assertThat(counts(train.labels())).containsExactly(Map.entry(0, 26786L), Map.entry(1, 33828L));
    }

    @Test
    void agNewsSplits() {
        LabeledTexts test = RealData.load(d -> d.agNews(Split.TEST));
        LabeledTexts dev = RealData.load(d -> d.agNews(Split.DEV));

        assertThat(test.size()).isEqualTo(7600);
        assertThat(counts(test.labels())).containsOnly(entriesOf(4, 1900));
        assertThat(test.labels()[0]).isEqualTo(TextClassification.AG_NEWS_CLASSES.indexOf("Business"));
        assertThat(dev.size()).isEqualTo(10001);
    }

    @Test
    void trecCoarseClasses() {
        LabeledTexts train = RealData.load(d -> d.trec(Split.TRAIN));
        LabeledTexts test = RealData.load(d -> d.trec(Split.TEST));

        assertThat(train.size()).isEqualTo(5444);
        assertThat(test.size()).isEqualTo(499);
        assertThat(train.classNames()).hasSize(6);
        assertThat(counts(train.labels())).hasSize(6).containsEntry(0, 86L);
        assertThat(test.texts().get(0)).isEqualTo("How far is it from Denver to Aspen ?");
        assertThat(test.classNames().get(test.labels()[0])).isEqualTo("NUM");
    }

    @Test
    void trecFineClasses() {
        LabeledTexts train = RealData.load(d -> d.trecFine(Split.TRAIN));
        LabeledTexts test = RealData.load(d -> d.trecFine(Split.TEST));

        assertThat(train.size()).isEqualTo(5444);
        assertThat(test.size()).isEqualTo(499);
        assertThat(train.classNames()).hasSize(50).isEqualTo(test.classNames());
        Map<Integer, Long> counts = counts(train.labels());
        assertThat(counts.get(train.classNames().indexOf("HUM:ind"))).isEqualTo(959L);
        // the mirror's swapped line 4451 reads as NUM:count (362 + 1)
        assertThat(counts.get(train.classNames().indexOf("NUM:count"))).isEqualTo(363L);
        assertThat(train.texts().get(4450)).isEqualTo("How many innings constitute an official baseball game ?");
        assertThat(counts.values().stream().filter(c -> c >= 30).count()).isEqualTo(30);
        assertThat(test.classNames().get(test.labels()[0])).isEqualTo("NUM:dist");
    }

    @Test
    void spamAssassinGroups() {
        LabeledTexts emails = RealData.load(Datasets::spamAssassin);

        assertThat(emails.size()).isEqualTo(6046);
        assertThat(emails.classNames()).containsExactly("easy_ham", "hard_ham", "spam");
        assertThat(counts(emails.labels())).containsEntry(0, 3900L).containsEntry(1, 250L).containsEntry(2, 1896L);
        // hard-ham-1/00001: the Motley Fool newsletter, subject then body
        assertThat(emails.texts().get(3900)).startsWith("Personal Finance: Resolutions You Can Keep\n"
                + "======================== THE MOTLEY FOOL");
        assertThat(emails.texts().get(0)).doesNotContain("Return-Path:").doesNotContain("Received:");
        assertThat(emails.texts().stream().filter(SpamAssassin.EMPTY::equals).count()).isZero();
    }

    @Test
    void fsddRecordings() {
        List<FsddRecording> recordings = RealData.load(Datasets::fsdd);

        assertThat(recordings).hasSize(3000);
        assertThat(recordings).allMatch(r -> r.audio().sampleRate() == 8000);
        assertThat(recordings.stream().collect(Collectors.groupingBy(FsddRecording::speaker))).hasSize(6);
        FsddRecording first = recordings.get(0);
        assertThat(List.of(first.digit(), first.speaker(), first.index())).containsExactly(0, "george", 0);
        assertThat(first.audio().samples()).hasSize(2384).startsWith(-1489 / 32768f, -962 / 32768f);
        assertThat(recordings.get(2).index()).isEqualTo(2);
    }

    @Test
    void catalogFindsEveryDatasetWithGoodChecksums() {
        List<DatasetStatus> statuses = RealData.load(d -> {
            List<DatasetStatus> all = d.catalog(true);
            all.stream().filter(s -> s.state() != DatasetStatus.State.FOUND).findFirst().ifPresent(s -> {
                throw new DatasetUnavailableException(s.summary());
            });
            return all;
        });

        assertThat(statuses).hasSize(Dataset.values().length);
    }

    private static Map<Integer, Long> counts(int[] labels) {
        return Arrays.stream(labels).boxed().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @SuppressWarnings("unchecked")
    private static Map.Entry<Integer, Long>[] entriesOf(int classes, long each) {
        return IntStream.range(0, classes).mapToObj(c -> Map.entry(c, each)).toArray(Map.Entry[]::new);
    }
}
