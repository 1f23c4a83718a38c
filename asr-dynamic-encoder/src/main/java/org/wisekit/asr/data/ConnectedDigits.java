package org.wisekit.asr.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.wisekit.asr.audio.Features;
import org.wisekit.datasets.Datasets;
import org.wisekit.datasets.FsddRecording;
import org.wisekit.datasets.io.AtomicFiles;
import org.wisekit.tensor.Normals;

/**
 * Connected-digit utterances built from the Free Spoken Digit Dataset (FSDD: 8 kHz clips of one spoken digit,
 * 6 speakers x 10 digits x 50 takes). FSDD's official split is kept: takes 0-4 are the test clips, takes 5-49 the
 * training clips, and each split's utterances use only its own clips.
 *
 * <p>Utterance {@code i} of a split is drawn from a generator seeded by {@code (seed, split, i)}: a speaker
 * uniformly among the split's speakers; a digit count uniformly in {@code [2, 5]}; that many clips drawn uniformly
 * with replacement from the speaker's clips in the split (so digits can repeat); between consecutive clips a gap of
 * {@code [400, 1200]} samples (50-150 ms) of Gaussian noise with standard deviation {@value #NOISE_STD}. The labels
 * are the clips' digits in order. Utterances do not depend on the number asked for (a smaller corpus is a prefix of
 * a larger one with the same seed) nor on the order of the clips given.
 */
public final class ConnectedDigits {

    /** Sample rate of FSDD and of the utterances. */
    public static final int SAMPLE_RATE = 8000;
    /** Fewest clips per utterance. */
    public static final int MIN_DIGITS = 2;
    /** Most clips per utterance. */
    public static final int MAX_DIGITS = 5;
    /** Shortest gap between clips, in samples (50 ms). */
    public static final int MIN_GAP = 400;
    /** Longest gap between clips, in samples (150 ms). */
    public static final int MAX_GAP = 1200;
    /** Standard deviation of the gap noise (full scale is 1). */
    public static final double NOISE_STD = 0.002;
    /** Takes below this number are FSDD's test clips. */
    public static final int TEST_TAKES = 5;
    /** Training utterances of the default corpus. */
    public static final int DEFAULT_TRAIN = 6000;
    /** Test utterances of the default corpus. */
    public static final int DEFAULT_TEST = 600;

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private ConnectedDigits() {
    }

    /**
     * One utterance.
     *
     * @param samples 8 kHz mono samples
     * @param digits  the spoken digits in order, each 0..9
     * @param speaker the FSDD speaker of every clip
     */
    public record Utterance(float[] samples, int[] digits, String speaker) {

        /** Validates the fields. */
        public Utterance {
            if (samples == null || digits == null || speaker == null) {
                throw new IllegalArgumentException("samples, digits and speaker must not be null");
            }
            for (int d : digits) {
                if (d < 0 || d > 9) {
                    throw new IllegalArgumentException("digits must be 0..9, got " + d);
                }
            }
        }

        /**
         * Duration.
         *
         * @return seconds at {@value ConnectedDigits#SAMPLE_RATE} Hz
         */
        public double seconds() {
            return samples.length / (double) SAMPLE_RATE;
        }
    }

    /**
     * Training and test utterances.
     *
     * @param train utterances from training clips (takes 5-49)
     * @param test  utterances from test clips (takes 0-4)
     */
    public record Corpus(List<Utterance> train, List<Utterance> test) {

        /** Copies the lists. */
        public Corpus {
            train = List.copyOf(train);
            test = List.copyOf(test);
        }
    }

    /**
     * The corpus from the FSDD recordings of {@code datasets} (checked against the manifest and recorded like every
     * dataset read through {@link Datasets}).
     *
     * @param datasets   where the data is
     * @param trainCount training utterances, at least 0 ({@value #DEFAULT_TRAIN} by default)
     * @param testCount  test utterances, at least 0 ({@value #DEFAULT_TEST} by default)
     * @param seed       the seed of every draw
     * @return the utterances
     */
    public static Corpus load(Datasets datasets, int trainCount, int testCount, long seed) {
        if (datasets == null) {
            throw new IllegalArgumentException("datasets must not be null");
        }
        return build(datasets.fsdd(), trainCount, testCount, seed);
    }

    /**
     * The corpus from FSDD recordings (e.g. {@link org.wisekit.datasets.Fsdd#read(Path)}).
     *
     * @param clips      the recordings, all at {@value #SAMPLE_RATE} Hz
     * @param trainCount training utterances, at least 0
     * @param testCount  test utterances, at least 0
     * @param seed       the seed of every draw
     * @return the utterances
     */
    public static Corpus build(List<FsddRecording> clips, int trainCount, int testCount, long seed) {
        if (clips == null) {
            throw new IllegalArgumentException("clips must not be null");
        }
        if (trainCount < 0) {
            throw new IllegalArgumentException("trainCount must be >= 0, got " + trainCount);
        }
        if (testCount < 0) {
            throw new IllegalArgumentException("testCount must be >= 0, got " + testCount);
        }
        for (FsddRecording clip : clips) {
            if (clip.audio().sampleRate() != SAMPLE_RATE) {
                throw new IllegalArgumentException("clip " + clip.digit() + "_" + clip.speaker() + "_" + clip.index()
                        + " is sampled at " + clip.audio().sampleRate() + " Hz, not " + SAMPLE_RATE);
            }
        }
        return new Corpus(split(clips, false, trainCount, seed), split(clips, true, testCount, seed));
    }

    /**
     * The CTC label sequences of the utterances: digit + 1 (label 0 is the CTC blank).
     *
     * @param utterances the utterances
     * @return one label sequence per utterance, in order
     */
    public static List<int[]> ctcLabels(List<Utterance> utterances) {
        List<int[]> out = new ArrayList<>(utterances.size());
        for (Utterance u : utterances) {
            int[] l = new int[u.digits().length];
            for (int i = 0; i < l.length; i++) {
                l[i] = u.digits()[i] + 1;
            }
            out.add(l);
        }
        return out;
    }

    /**
     * Features ({@link Features#compute(float[])}) of every utterance, computed on {@code threads} threads; the
     * result does not depend on the thread count.
     *
     * @param utterances the utterances
     * @param threads    worker threads, at least 1 (1: the calling thread)
     * @return the features, in the order of {@code utterances}
     */
    public static List<Features> features(List<Utterance> utterances, int threads) {
        if (utterances == null) {
            throw new IllegalArgumentException("utterances must not be null");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Features[] out = new Features[utterances.size()];
        if (threads == 1) {
            for (int i = 0; i < out.length; i++) {
                out[i] = Features.compute(utterances.get(i).samples());
            }
            return List.of(out);
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < out.length; i = next.getAndIncrement()) {
                        out[i] = Features.compute(utterances.get(i).samples());
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing features", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return List.of(out);
    }

    /**
     * Writes mono audio as a 16-bit PCM WAV file, atomically ({@link AtomicFiles}): each sample times 32768,
     * rounded and clipped to {@code [-32768, 32767]}, so {@link org.wisekit.datasets.Wav#read(Path)} gives back
     * {@code k / 32768} values exactly.
     *
     * @param file       the file to write (its folder is created)
     * @param samples    the samples, finite, nominally in {@code [-1, 1)}
     * @param sampleRate samples per second, positive
     */
    public static void writeWav(Path file, float[] samples, int sampleRate) {
        if (file == null || samples == null) {
            throw new IllegalArgumentException("file and samples must not be null");
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be positive, got " + sampleRate);
        }
        if (samples.length > (Integer.MAX_VALUE - 44) / 2) {
            throw new IllegalArgumentException("samples: " + samples.length + " do not fit a WAV file");
        }
        int data = 2 * samples.length;
        ByteBuffer bytes = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(2 * sampleRate)
                .putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data);
        for (int i = 0; i < samples.length; i++) {
            float x = samples[i];
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException("samples[" + i + "] is " + x + ", not finite");
            }
            bytes.putShort((short) Math.max(-32768, Math.min(32767, Math.round(x * 32768.0))));
        }
        AtomicFiles.write(file, bytes.array());
    }

    /** {@code count} utterances of one split, utterance i from its own generator. */
    private static List<Utterance> split(List<FsddRecording> clips, boolean test, int count, long seed) {
        Map<String, List<FsddRecording>> bySpeaker = new TreeMap<>();
        for (FsddRecording clip : clips) {
            if ((clip.index() < TEST_TAKES) == test) {
                bySpeaker.computeIfAbsent(clip.speaker(), s -> new ArrayList<>()).add(clip);
            }
        }
        if (count > 0 && bySpeaker.isEmpty()) {
            throw new IllegalArgumentException("no " + (test ? "test (takes 0-4)" : "training (takes 5-49)")
                    + " clips among the " + clips.size() + " given");
        }
        Comparator<FsddRecording> order = Comparator.comparingInt(FsddRecording::digit)
                .thenComparingInt(FsddRecording::index);
        List<String> speakers = new ArrayList<>(bySpeaker.keySet());
        List<List<FsddRecording>> pools = new ArrayList<>();
        for (String speaker : speakers) {
            List<FsddRecording> pool = bySpeaker.get(speaker);
            pool.sort(order);
            pools.add(pool);
        }
        List<Utterance> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SplittableRandom random = new SplittableRandom(mix(seed, test ? 1 : 0, i));
            int s = random.nextInt(speakers.size());
            out.add(utterance(pools.get(s), speakers.get(s), random));
        }
        return out;
    }

    private static Utterance utterance(List<FsddRecording> pool, String speaker, SplittableRandom random) {
        int n = MIN_DIGITS + random.nextInt(MAX_DIGITS - MIN_DIGITS + 1);
        float[][] parts = new float[2 * n - 1][];
        int[] digits = new int[n];
        int length = 0;
        for (int k = 0; k < n; k++) {
            FsddRecording clip = pool.get(random.nextInt(pool.size()));
            digits[k] = clip.digit();
            parts[2 * k] = clip.audio().samples();
            length += parts[2 * k].length;
            if (k < n - 1) {
                float[] gap = new float[MIN_GAP + random.nextInt(MAX_GAP - MIN_GAP + 1)];
                for (int j = 0; j < gap.length; j++) {
                    gap[j] = (float) (NOISE_STD * Normals.next(random));
                }
                parts[2 * k + 1] = gap;
                length += gap.length;
            }
        }
        float[] samples = new float[length];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, samples, at, part.length);
            at += part.length;
        }
        return new Utterance(samples, digits, speaker);
    }

    /** A well-mixed 64-bit seed for utterance {@code index} of split {@code split} (SplitMix64 finaliser, twice). */
    private static long mix(long seed, int split, int index) {
        return finalise(finalise(seed) + GOLDEN * (2L * index + split + 1));
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
