package org.wisekit.asr.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.asr.audio.Features;
import org.wisekit.asr.data.ConnectedDigits.Corpus;
import org.wisekit.asr.data.ConnectedDigits.Utterance;
import org.wisekit.datasets.Datasets;
import org.wisekit.datasets.FsddRecording;
import org.wisekit.datasets.Wav;
import org.wisekit.datasets.WavAudio;
import org.wisekit.datasets.testing.RealData;

class ConnectedDigitsTest {

    @TempDir
    Path temp;

    @Test
    void utterancesAreSameSpeakerClipsOfTheirSplitJoinedByShortNoiseGaps() {
        List<FsddRecording> clips = syntheticClips();
        Corpus corpus = ConnectedDigits.build(clips, 300, 100, 5);

        assertThat(corpus.train()).hasSize(300);
        assertThat(corpus.test()).hasSize(100);
        checkStructure(corpus, clips);
    }

    @Test
    void oneSeedGivesOneCorpusWhateverItsSizeOrTheClipOrder() {
        List<FsddRecording> clips = syntheticClips();
        Corpus corpus = ConnectedDigits.build(clips, 80, 30, 9);
        List<FsddRecording> shuffled = new ArrayList<>(clips);
        Collections.shuffle(shuffled, new Random(3));

        assertSame(ConnectedDigits.build(clips, 80, 30, 9), corpus);
        assertSame(ConnectedDigits.build(shuffled, 80, 30, 9), corpus);
        Corpus prefix = ConnectedDigits.build(clips, 20, 10, 9);
        assertSame(prefix, new Corpus(corpus.train().subList(0, 20), corpus.test().subList(0, 10)));
        Corpus other = ConnectedDigits.build(clips, 80, 30, 10);
        assertThat(Arrays.equals(other.train().get(0).samples(), corpus.train().get(0).samples())).isFalse();
    }

    @Test
    void featuresDoNotDependOnTheThreadCount() {
        List<Utterance> utterances = ConnectedDigits.build(syntheticClips(), 40, 0, 2).train();
        List<Features> serial = ConnectedDigits.features(utterances, 1);
        List<Features> parallel = ConnectedDigits.features(utterances, 3);

        assertThat(serial).hasSize(40);
        for (int i = 0; i < 40; i++) {
            assertThat(serial.get(i).frames()).isEqualTo(Features.frames(utterances.get(i).samples().length));
            assertThat(parallel.get(i).values()).containsExactly(serial.get(i).values());
        }
    }

    @Test
    void ctcLabelsAreTheDigitsPlusOneSoThatZeroStaysTheBlank() {
        List<Utterance> utterances = ConnectedDigits.build(syntheticClips(), 12, 0, 4).train();
        List<int[]> labels = ConnectedDigits.ctcLabels(utterances);
        assertThat(labels).hasSize(12);
        for (int u = 0; u < 12; u++) {
            int[] digits = utterances.get(u).digits();
            assertThat(labels.get(u)).hasSize(digits.length);
            for (int i = 0; i < digits.length; i++) {
                assertThat(labels.get(u)[i]).isEqualTo(digits[i] + 1).isBetween(1, 10);
            }
        }
    }

    @Test
    void writeWavRoundTripsThroughTheWavReader() throws IOException {
        float[] samples = {0f, 0.5f, -0.25f, 1.5f, -2f, 1f / 32768, 0.999f};
        Path file = temp.resolve("sub/utterance.wav");
        ConnectedDigits.writeWav(file, new float[1000], 8000);
        ConnectedDigits.writeWav(file, samples, 16_000);
        WavAudio audio = Wav.read(file);

        assertThat(audio.sampleRate()).isEqualTo(16_000);
        assertThat(audio.samples()).containsExactly(0f, 0.5f, -0.25f, 32767 / 32768f, -1f, 1f / 32768,
                Math.round(0.999 * 32768) / 32768f);
        assertThat(Files.size(file)).isEqualTo(44 + 2 * samples.length);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);   // no temporary file left beside it
        }
        assertThatThrownBy(() -> ConnectedDigits.writeWav(file, new float[] {0, Float.NaN}, 8000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("samples[1] is NaN");
        assertThatThrownBy(() -> ConnectedDigits.writeWav(file, new float[1], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sampleRate must be positive, got 0");
    }

    @Test
    void badInputIsRejectedWithTheValue() {
        List<FsddRecording> clips = syntheticClips();
        List<FsddRecording> trainOnly = clips.stream().filter(c -> c.index() >= 5).toList();
        List<FsddRecording> wrongRate = List.of(new FsddRecording(1, "ann", 0, new WavAudio(16_000, new float[500])));

        assertThatThrownBy(() -> ConnectedDigits.build(clips, -1, 10, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trainCount must be >= 0, got -1");
        assertThatThrownBy(() -> ConnectedDigits.build(clips, 1, -2, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("testCount must be >= 0, got -2");
        assertThatThrownBy(() -> ConnectedDigits.build(trainOnly, 10, 10, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no test (takes 0-4) clips");
        assertThat(ConnectedDigits.build(trainOnly, 10, 0, 1).test()).isEmpty();
        assertThatThrownBy(() -> ConnectedDigits.build(wrongRate, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1_ann_0 is sampled at 16000 Hz");
        assertThatThrownBy(() -> ConnectedDigits.features(List.of(), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads must be >= 1, got 0");
    }

    @Test
    void realFsddUtterancesAreBuiltFromTheirOwnSplit() {
        List<FsddRecording> clips = RealData.load(Datasets::fsdd);
        Corpus corpus = ConnectedDigits.build(clips, 60, 30, 1);

        checkStructure(corpus, clips);
        assertThat(new TreeSet<>(corpus.train().stream().map(Utterance::speaker).toList())).hasSize(6);
        for (Utterance u : corpus.test()) {
            assertThat(u.seconds()).isBetween(2 * 0.1 + 0.05, 5 * 2.5 + 4 * 0.15);
        }
        assertSame(ConnectedDigits.build(clips, 60, 30, 1), corpus);
    }

    /**
     * Rebuilds every utterance from the clips alone: at each position the earliest gap after which a clip of the
     * utterance's speaker with the next label's digit matches the samples exactly; then checks the split, the gap
     * lengths and the gap noise, and that the clips cover the utterance to its end.
     */
    private static void checkStructure(Corpus corpus, List<FsddRecording> clips) {
        int[] counts = new int[ConnectedDigits.MAX_DIGITS + 1];
        double noise = 0;
        long noiseSamples = 0;
        for (boolean test : new boolean[] {false, true}) {
            for (Utterance u : test ? corpus.test() : corpus.train()) {
                float[] x = u.samples();
                assertThat(u.digits().length).isBetween(2, 5);
                counts[u.digits().length]++;
                int at = 0;
                for (int k = 0; k < u.digits().length; k++) {
                    int digit = u.digits()[k];
                    int gapLimit = k == 0 ? 0 : 3000;
                    List<FsddRecording> candidates = clips.stream()
                            .filter(c -> c.digit() == digit && c.speaker().equals(u.speaker())).toList();
                    FsddRecording found = null;
                    int gap = 0;
                    for (; gap <= gapLimit && found == null; gap++) {
                        for (FsddRecording c : candidates) {
                            if (matches(x, at + gap, c.audio().samples())) {
                                found = c;
                                break;
                            }
                        }
                    }
                    gap--;
                    assertThat(found).as("clip %d of an utterance by %s", k, u.speaker()).isNotNull();
                    assertThat(found.index() < ConnectedDigits.TEST_TAKES).as("clip split").isEqualTo(test);
                    if (k > 0) {
                        assertThat(gap).isBetween(ConnectedDigits.MIN_GAP, ConnectedDigits.MAX_GAP);
                        for (int j = at; j < at + gap; j++) {
                            noise += (double) x[j] * x[j];
                        }
                        noiseSamples += gap;
                    }
                    at += gap + found.audio().samples().length;
                }
                assertThat(at).as("clips and gaps cover the utterance").isEqualTo(x.length);
            }
        }
        for (int n = 2; n <= 5; n++) {
            assertThat(counts[n]).as("utterances of %d digits", n).isPositive();
        }
        assertThat(Math.sqrt(noise / noiseSamples)).isCloseTo(ConnectedDigits.NOISE_STD, within(0.0002));
    }

    private static boolean matches(float[] x, int at, float[] clip) {
        if (at + clip.length > x.length) {
            return false;
        }
        for (int i = 0; i < clip.length; i++) {
            if (x[at + i] != clip[i]) {
                return false;
            }
        }
        return true;
    }

    private static void assertSame(Corpus a, Corpus b) {
        assertSameUtterances(a.train(), b.train());
        assertSameUtterances(a.test(), b.test());
    }

    private static void assertSameUtterances(List<Utterance> a, List<Utterance> b) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).samples()).containsExactly(b.get(i).samples());
            assertThat(a.get(i).digits()).containsExactly(b.get(i).digits());
            assertThat(a.get(i).speaker()).isEqualTo(b.get(i).speaker());
        }
    }

    /** Three speakers x 10 digits x 8 takes (0-4 test, 5-7 train) of distinct seeded noise, 300-790 samples each. */
    private static List<FsddRecording> syntheticClips() {
        List<FsddRecording> clips = new ArrayList<>();
        int id = 0;
        for (String speaker : new String[] {"ann", "bob", "cyd"}) {
            for (int digit = 0; digit < 10; digit++) {
                for (int take = 0; take < 8; take++) {
                    SplittableRandom rng = new SplittableRandom(id);
                    float[] x = new float[300 + (id * 37) % 491];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = (rng.nextInt(20_000) - 10_000) / 32768f;
                    }
                    clips.add(new FsddRecording(digit, speaker, take, new WavAudio(8000, x)));
                    id++;
                }
            }
        }
        return clips;
    }
}
