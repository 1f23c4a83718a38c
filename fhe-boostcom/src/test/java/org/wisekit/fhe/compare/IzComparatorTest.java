package org.wisekit.fhe.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wisekit.fhe.bgv.OperationCounts;
import org.wisekit.fhe.slots.SlotVector;

class IzComparatorTest {

    private static final ComparisonSession S = ComparisonFixture.WORDS16;

    @Test
    void formatFollowsTheIzChoice() {
        assertThat(S.format()).isEqualTo(new WordFormat(16, 9, 3, 2));
        assertThat(ComparisonFixture.WORDS8.format()).isEqualTo(new WordFormat(8, 9, 3, 1));
        assertThat(S.format().fromDigits(S.format().toDigits(54321))).isEqualTo(54321);
        WordFormat w64 = new WordFormat(64, 66, 4, 3);
        assertThat(w64.fromDigits(w64.toDigits(-1L))).isEqualTo(-1L);
    }

    @Test
    void compareIsExactOnOverAThousandRandomPairsAndTheEdgeCases() {
        SplittableRandom random = new SplittableRandom(1);
        int capacity = S.encryptor().capacity();
        int max = (1 << 16) - 1;
        List<long[]> pairs = new ArrayList<>();
        // edge cases: equal, differ by one, 0, max, only the top digit, only the bottom digit
        long[][] edges = {{0, 0}, {max, max}, {0, max}, {max, 0}, {1234, 1235}, {1235, 1234}, {0, 1}, {1, 0},
                {max - 1, max}, {max, max - 1}, {59049 + 7, 7}, {7, 59049 + 7}, {59049 + 900, 900},
                {9000 + 3, 9000 + 4}, {9000 + 4, 9000 + 3}, {40000, 40000}};
        for (long[] edge : edges) {
            pairs.add(edge);
        }
        while (pairs.size() < 1020) {
            long a = random.nextLong(1L << 16);
            pairs.add(new long[] {a, random.nextInt(4) == 0 ? a : random.nextLong(1L << 16)});
        }
        int errors = 0;
        try (IzComparator comparator = S.comparator(BoostComOptions.all(2))) {
            for (int from = 0; from < pairs.size(); from += capacity) {
                int n = Math.min(capacity, pairs.size() - from);
                long[] a = new long[n];
                long[] b = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = pairs.get(from + i)[0];
                    b[i] = pairs.get(from + i)[1];
                }
                if (n < capacity) {
                    a = Arrays.copyOf(a, capacity);
                    b = Arrays.copyOf(b, capacity);
                }
                ComparisonResult result = comparator.compare(S.encryptor().encrypt(a), S.encryptor().encrypt(b));
                boolean[] lt = S.decryptor().lessThan(result);
                boolean[] eq = S.decryptor().equal(result);
                for (int i = 0; i < a.length; i++) {
                    errors += lt[i] == (a[i] < b[i]) && eq[i] == (a[i] == b[i]) ? 0 : 1;
                }
            }
        }
        assertThat(errors).isZero();
    }

    @Test
    void everySwitchCombinationDecryptsExactlyLikeTheBaseline() {
        SplittableRandom random = new SplittableRandom(2);
        long[] a = ComparisonFixture.randomWords(random, 4, 16);
        long[] b = ComparisonFixture.randomWords(random, 4, 16);
        b[1] = a[1];
        EncryptedWords x = S.encryptor().encrypt(a);
        EncryptedWords y = S.encryptor().encrypt(b);
        SlotVector[] reference = null;
        for (int mask = 0; mask < 16; mask++) {
            boolean rns = (mask & 1) != 0;
            boolean circuit = (mask & 2) != 0;
            BoostComOptions options = new BoostComOptions(rns, circuit, (mask & 4) != 0, (mask & 8) != 0,
                    rns || circuit ? 2 : 1);
            try (IzComparator comparator = S.comparator(options)) {
                IzComparator.MinMax minMax = comparator.minMax(x, y);
                SlotVector[] decrypted = {S.decryptor().slots(minMax.comparison().lessThan()),
                        S.decryptor().slots(minMax.comparison().equal()), S.decryptor().slots(minMax.min().ciphertext()),
                        S.decryptor().slots(minMax.max().ciphertext())};
                if (reference == null) {
                    reference = decrypted;
                    assertThat(S.decryptor().words(minMax.min())).containsExactly(
                            Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3]));
                    assertThat(S.decryptor().words(minMax.max())).containsExactly(
                            Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3]));
                } else {
                    assertThat(decrypted).as(options.label()).containsExactly(reference);
                }
            }
        }
    }

    @Test
    void asynchronousComparisonsOverlapAndAgree() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        long[][] a = {ComparisonFixture.randomWords(random, 2, 16), ComparisonFixture.randomWords(random, 2, 16)};
        long[][] b = {ComparisonFixture.randomWords(random, 2, 16), ComparisonFixture.randomWords(random, 2, 16)};
        try (IzComparator comparator = S.comparator(BoostComOptions.all(2))) {
            var first = comparator.compareAsync(S.encryptor().encrypt(a[0]), S.encryptor().encrypt(b[0]));
            var second = comparator.compareAsync(S.encryptor().encrypt(a[1]), S.encryptor().encrypt(b[1]));
            for (int k = 0; k < 2; k++) {
                boolean[] lt = S.decryptor().lessThan((k == 0 ? first : second).get());
                for (int i = 0; i < 2; i++) {
                    assertThat(lt[i]).isEqualTo(a[k][i] < b[k][i]);
                }
            }
        }
    }

    @Test
    void stagesLogTheNoiseBudgetAndTheBaselineCounts() {
        SplittableRandom random = new SplittableRandom(4);
        EncryptedWords x = S.encryptor().encrypt(ComparisonFixture.randomWords(random, 51, 16));
        EncryptedWords y = S.encryptor().encrypt(ComparisonFixture.randomWords(random, 51, 16));
        try (IzComparator comparator = S.comparator(BoostComOptions.baseline())) {
            OperationCounts before = S.setup().evaluator().counters().snapshot();
            ComparisonResult result = comparator.compare(x, y);
            assertThat(result.stages()).extracting(Stage::name).containsExactly("extract", "evaluate", "fold", "combine");
            double previous = Double.MAX_VALUE;
            for (Stage stage : result.stages()) {
                double exact = S.decryptor().decryptor().noiseBudget(stage.output());
                assertThat(exact).as(stage.name()).isLessThan(previous).isGreaterThan(1);
                assertThat(stage.estimatedBudget()).isLessThanOrEqualTo(exact);
                previous = exact;
            }
            OperationCounts extract = result.stages().get(0).countsAtEnd().minus(before);
            assertThat(extract.automorphisms()).as("d - 1 Frobenius maps").isEqualTo(2);
            assertThat(extract.multiplications()).isZero();
            OperationCounts evaluate = result.stages().get(1).countsAtEnd().minus(result.stages().get(0).countsAtEnd());
            // p = 17: LT costs 7 products (z^2, 3 baby, 1 split, z g, w^8), times d' = 3 digits
            assertThat(evaluate.multiplications()).isEqualTo(3 * 7);
            OperationCounts fold = result.stages().get(2).countsAtEnd().minus(result.stages().get(1).countsAtEnd());
            assertThat(fold.multiplications()).isEqualTo(2 * 2);
            OperationCounts combine = result.stages().get(3).countsAtEnd().minus(result.stages().get(2).countsAtEnd());
            assertThat(combine.multiplications()).as("log2 l prefix products and eq * less").isEqualTo(2);
            assertThat(combine.automorphisms()).as("shifts: log2 l + 1 + log2 l").isEqualTo(3);
        }
    }

    @Test
    void compactionEvaluatesThePolynomialOnceWhenTheSlotsAreAtMostAThirdFull() {
        SplittableRandom random = new SplittableRandom(5);
        EncryptedWords x = S.encryptor().encrypt(ComparisonFixture.randomWords(random, 4, 16));
        EncryptedWords y = S.encryptor().encrypt(ComparisonFixture.randomWords(random, 4, 16));
        long[] evaluations = new long[2];
        for (int compact = 0; compact < 2; compact++) {
            try (IzComparator comparator = S.comparator(new BoostComOptions(false, false, compact == 1, false, 1))) {
                ComparisonResult result = comparator.compare(x, y);
                evaluations[compact] = result.stages().get(1).countsAtEnd()
                        .minus(result.stages().get(0).countsAtEnd()).multiplications();
            }
        }
        assertThat(evaluations[0]).isEqualTo(21);
        assertThat(evaluations[1]).as("one LT/EQ evaluation instead of d' = 3").isEqualTo(7);
    }

    @Test
    void arrayMinimumArgminAndSortMatchThePlaintext() {
        SplittableRandom random = new SplittableRandom(6);
        ComparisonSession s8 = ComparisonFixture.WORDS8;
        long[] values = {200, 90, 17, 45, 250, 17, 33, 120};
        EncryptedArray array = s8.encryptor().encryptArray(values);
        try (IzComparator comparator = s8.comparator(BoostComOptions.all(2))) {
            assertThat(s8.decryptor().words(comparator.minimum(array))).containsExactly(
                    Arrays.stream(values).min().getAsLong());
            assertThat(s8.decryptor().argmin(comparator.argmin(array), s8.format(), 8)).as("first minimum").isEqualTo(2);
        }
        long[] four = {40000, 7, 65535, 7};
        EncryptedArray small = S.encryptor().encryptArray(four);
        try (IzComparator comparator = S.comparator(BoostComOptions.baseline())) {
            assertThat(S.decryptor().words(comparator.sort(small))).containsExactly(7, 7, 40000, 65535);
            assertThat(S.decryptor().words(comparator.minimum(small))).containsExactly(7);
        }
        long[] five = ComparisonFixture.randomWords(random, 5, 16);
        try (IzComparator comparator = S.comparator(BoostComOptions.all(2))) {
            long[] sorted = five.clone();
            Arrays.sort(sorted);
            assertThat(S.decryptor().words(comparator.sort(S.encryptor().encryptArray(five)))).containsExactly(sorted);
        }
    }

    @Test
    void badInputGetsClearErrors() {
        assertThatThrownBy(() -> S.encryptor().encrypt(-3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("word 0 must be in [0, 2^16), got -3");
        assertThatThrownBy(() -> S.encryptor().encrypt(1 << 16)).hasMessageContaining("must be in [0, 2^16)");
        assertThatThrownBy(() -> new WordFormat(16, 9, 3, 200).checkFits(ComparisonFixture.T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("slotsPerWord must be <= 102, got 200");
        assertThatThrownBy(() -> new WordFormat(16, 10, 3, 2).checkFits(ComparisonFixture.T0))
                .hasMessageContaining("base must be <= (p+1)/2 = 9");
        assertThatThrownBy(() -> new WordFormat(16, 9, 4, 2).checkFits(ComparisonFixture.T0))
                .hasMessageContaining("digitsPerSlot must be <= d = 3");
        assertThatThrownBy(() -> new WordFormat(65, 9, 3, 2)).hasMessageContaining("wordBits must be in [1, 64]");
        assertThatThrownBy(() -> new WordFormat(40, 9, 3, 2)).hasMessageContaining("fewer than wordBits = 40");
        assertThatThrownBy(() -> S.encryptor().encryptArray(new long[8])).hasMessageContaining("array size");

        ComparisonSession other = ComparisonSession.create(ComparisonFixture.T0, S.format(), new int[] {2},
                new int[0], new SplittableRandom(9));
        try (IzComparator comparator = S.comparator(BoostComOptions.baseline())) {
            assertThatThrownBy(() -> comparator.compare(S.encryptor().encrypt(1, 2), other.encryptor().encrypt(3, 4)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different keys");
            assertThatThrownBy(() -> comparator.compare(S.encryptor().encrypt(1, 2), S.encryptor().encrypt(3)))
                    .hasMessageContaining("same number of words");
            assertThatThrownBy(() -> comparator.compare(ComparisonFixture.WORDS8.encryptor().encrypt(1),
                    ComparisonFixture.WORDS8.encryptor().encrypt(2))).hasMessageContaining("format");
        }
        try (IzComparator comparator = S.comparator(BoostComOptions.all(2))) {
            assertThatThrownBy(() -> comparator.compare(S.encryptor().encrypt(1, 2, 3), S.encryptor().encrypt(3, 4, 5)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("compaction of 3 words needs the key for a shift by");
        }
        assertThatThrownBy(() -> new BoostComOptions(true, false, false, false, 1)).hasMessageContaining("threads >= 2");
    }
}
