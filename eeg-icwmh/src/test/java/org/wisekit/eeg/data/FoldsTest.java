package org.wisekit.eeg.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.wisekit.datasets.Dataset;
import org.wisekit.datasets.testing.RealData;

class FoldsTest {

    private static Set<Integer> set(int[] a) {
        Set<Integer> s = new HashSet<>();
        for (int x : a) {
            s.add(x);
        }
        return s;
    }

    /** Independent checks: disjoint, and train plus test is everything (for folds that use every index). */
    private static void assertPartition(Fold f, int n) {
        Set<Integer> train = set(f.train());
        Set<Integer> test = set(f.test());
        assertThat(train).doesNotContainAnyElementsOf(test);
        Set<Integer> all = new HashSet<>(train);
        all.addAll(test);
        assertThat(all).hasSize(n).allMatch(i -> i >= 0 && i < n);
    }

    @Test
    void stratifiedKFoldTestsEveryIndexOncePerRepeatAndBalancesClasses() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 103;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(10) < 6 ? 0 : rng.nextInt(1, 3);
        }
        int k = 5;
        int repeats = 3;
        List<Fold> folds = Folds.repeatedStratifiedKFold(labels, k, repeats, 42);
        assertThat(folds).hasSize(k * repeats);
        for (int r = 0; r < repeats; r++) {
            List<Fold> repeat = folds.subList(r * k, (r + 1) * k);
            assertThat(Folds.testCounts(repeat, n)).containsOnly(1);
            int[][] perClass = new int[k][3];
            for (int f = 0; f < k; f++) {
                assertPartition(repeat.get(f), n);
                for (int i : repeat.get(f).test()) {
                    perClass[f][labels[i]]++;
                }
            }
            for (int c = 0; c < 3; c++) {
                int min = Integer.MAX_VALUE;
                int max = 0;
                for (int f = 0; f < k; f++) {
                    min = Math.min(min, perClass[f][c]);
                    max = Math.max(max, perClass[f][c]);
                }
                assertThat(max - min).as("class %d spread over folds", c).isLessThanOrEqualTo(1);
            }
            int[] sizes = repeat.stream().mapToInt(f -> f.test().length).toArray();
            assertThat(IntStream.of(sizes).max().getAsInt() - IntStream.of(sizes).min().getAsInt()).isLessThanOrEqualTo(1);
        }
        assertThat(folds.get(0)).isNotEqualTo(folds.get(k)); // repeats differ
        assertThat(Folds.repeatedStratifiedKFold(labels, k, repeats, 42)).isEqualTo(folds);
        assertThat(Folds.stratifiedKFold(labels, k, 43)).isNotEqualTo(folds.subList(0, k));
        assertThatThrownBy(() -> Folds.stratifiedKFold(labels, 104, 1)).hasMessage("k = 104 must be in [2, 103] (the number of labels)");
        assertThatThrownBy(() -> Folds.repeatedStratifiedKFold(labels, 5, 0, 1)).hasMessage("repeats must be >= 1, got 0");
    }

    @Test
    void contiguousBlocksNeverSplitAWindowNorShareASample() {
        int n = 117;
        int length = 128;
        int[] starts = IntStream.range(0, n).map(i -> i * length).toArray();
        List<Fold> folds = Folds.contiguousBlocks(n, 5);
        assertThat(folds).hasSize(5);
        assertThat(Folds.testCounts(folds, n)).containsOnly(1);
        assertThat(folds.stream().mapToInt(f -> f.test().length).toArray()).containsExactly(23, 23, 24, 23, 24);
        int previousEnd = 0;
        for (Fold f : folds) {
            assertPartition(f, n);
            int[] test = f.test();
            assertThat(test[0]).isEqualTo(previousEnd); // blocks follow each other in time
            assertThat(test[test.length - 1] - test[0] + 1).isEqualTo(test.length); // contiguous
            previousEnd = test[test.length - 1] + 1;
            assertThat(Folds.sharedSamples(f, starts, length)).isZero();
        }

        // overlapping windows (hop 64) would share samples at the block edges: the checker sees it, a gap removes it
        int[] halfHop = IntStream.range(0, n).map(i -> i * 64).toArray();
        assertThat(Folds.sharedSamples(folds.get(2), halfHop, length)).isEqualTo(128);
        for (Fold f : Folds.contiguousBlocks(n, 5, 1)) {
            assertThat(Folds.sharedSamples(f, halfHop, length)).isZero();
            assertThat(set(f.train())).doesNotContainAnyElementsOf(set(f.test()));
        }
        assertThat(Folds.contiguousBlocks(n, 5, 1).get(2).train()).hasSize(n - 24 - 2);
        assertThatThrownBy(() -> Folds.contiguousBlocks(3, 4)).hasMessage("k = 4 must be in [2, n = 3]");
        assertThatThrownBy(() -> Folds.contiguousBlocks(4, 2, 2)).hasMessageContaining("gap = 2 leaves no training window");
    }

    @Test
    void leaveOneGroupOutNeverMixesGroups() {
        int[] runs = {4, 4, 8, 12, 8, 4, 12, 12, 8};
        List<Fold> folds = Folds.leaveOneGroupOut(runs);
        assertThat(folds).hasSize(3);
        int[] expectedRun = {4, 8, 12};
        for (int f = 0; f < 3; f++) {
            Fold fold = folds.get(f);
            assertPartition(fold, runs.length);
            for (int i : fold.test()) {
                assertThat(runs[i]).isEqualTo(expectedRun[f]);
            }
            for (int i : fold.train()) {
                assertThat(runs[i]).isNotEqualTo(expectedRun[f]);
            }
            assertThat(Folds.sharedGroups(fold, runs)).isZero();
        }
        Folds.requireNoGroupLeak(folds, runs);
        Fold leaking = new Fold(new int[] {0, 2}, new int[] {1});
        assertThat(Folds.sharedGroups(leaking, runs)).isEqualTo(1);
        assertThatThrownBy(() -> Folds.requireNoGroupLeak(List.of(folds.get(0), leaking), runs))
                .isInstanceOf(IllegalStateException.class).hasMessage("fold 1 has 1 group(s) in both train and test");
        assertThatThrownBy(() -> Folds.leaveOneGroupOut(new int[] {3, 3})).hasMessageContaining("at least two distinct");
    }

    @Test
    void foldRejectsSharedDuplicateAndNegativeIndices() {
        assertThatThrownBy(() -> new Fold(new int[] {0, 2, 5}, new int[] {3, 2})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index 2 is in both train and test");
        assertThatThrownBy(() -> new Fold(new int[] {1, 1}, new int[] {3})).hasMessage("train holds index 1 twice");
        assertThatThrownBy(() -> new Fold(new int[] {1}, new int[] {-3})).hasMessage("test holds the negative index -3");
        assertThatThrownBy(() -> new Fold(new int[] {1}, new int[0])).hasMessage("test must not be empty");
        int[] train = {5, 1};
        Fold f = new Fold(train, new int[] {0});
        train[0] = 0;
        assertThat(f.train()).containsExactly(1, 5); // sorted copy, not the caller's array
    }

    @Test
    void leaveOneRunOutOnPhysioNetImagery() {
        Path r04 = RealData.load(d -> d.verifiedPath(Dataset.EEG, "eeg/physionet-eegmmidb-S001/S001R04.edf"));
        RealData.load(d -> d.verifiedPath(Dataset.EEG, "eeg/physionet-eegmmidb-S001/S001R08.edf"));
        RealData.load(d -> d.verifiedPath(Dataset.EEG, "eeg/physionet-eegmmidb-S001/S001R12.edf"));
        TrialSet trials = PhysioNetMmi.imagery(r04.getParent(), "S001");
        List<Fold> folds = Folds.leaveOneGroupOut(trials.runs());
        assertThat(folds).hasSize(3);
        Folds.requireNoGroupLeak(folds, trials.runs());
        for (Fold f : folds) {
            assertThat(f.test()).hasSize(15);
            assertThat(f.train()).hasSize(30);
            assertThat(IntStream.of(f.test()).map(i -> trials.runs()[i]).distinct().count()).isEqualTo(1);
        }
    }
}
