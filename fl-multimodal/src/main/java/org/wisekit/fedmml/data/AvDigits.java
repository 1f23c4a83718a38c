package org.wisekit.fedmml.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.wisekit.datasets.FsddRecording;
import org.wisekit.datasets.LabeledImages;
import org.wisekit.datasets.audio.LogMel;

/**
 * The audio-visual digits task (an AV-MNIST-style pairing mirroring the paper's audio + aerial-image ADVANCE
 * set): every Free Spoken Digit Dataset clip is paired, with a seeded draw, with an MNIST image of the same
 * digit. FSDD's official split (takes 0-4 test, 5-49 train) splits the clips; the images of each digit are split
 * disjointly, the first 80 % for training pairs and the rest for test pairs.
 *
 * <p>Image: 28 x 28 in 4 x 4 patches of 7 x 7 pixels (16 tokens of 49 values). Audio: 96 log-mel frames
 * ({@link LogMel} at 8 kHz, 40 bins, about 1 s; the clip centre-cropped or zero-padded) stacked 8 at a time
 * (12 tokens of 320 values), standardised per bin with the training clips' mean and standard deviation.
 */
public final class AvDigits {

    public static final int PATCH = 7;
    public static final int FRAMES = 96;
    public static final int STACK = 8;

    private AvDigits() {
    }

    /** Train and test pairs. */
    public record Split(AvSamples train, AvSamples test) {
    }

    public static Split pair(List<FsddRecording> clips, LabeledImages images, long seed) {
        if (images.images().rank() != 3 || images.images().dim(1) != 28 || images.images().dim(2) != 28) {
            throw new IllegalArgumentException("images must be [n, 28, 28], got " + java.util.Arrays.toString(images.images().shape()));
        }
        List<List<Integer>> trainByDigit = new ArrayList<>();
        List<List<Integer>> testByDigit = new ArrayList<>();
        for (List<Integer> all : byDigit(images.labels())) {
            int cut = all.size() * 4 / 5;
            trainByDigit.add(all.subList(0, cut));
            testByDigit.add(all.subList(cut, all.size()));
        }
        LogMel mel = new LogMel(8000);
        Random rng = new Random(seed);
        List<FsddRecording> train = clips.stream().filter(c -> c.index() >= 5).toList();
        List<FsddRecording> test = clips.stream().filter(c -> c.index() < 5).toList();
        float[][] trainMel = melAll(train, mel);
        float[][] testMel = melAll(test, mel);
        double[][] stats = binStats(trainMel);
        float[] pixels = images.images().data();
        return new Split(build(train, trainMel, stats, trainByDigit, pixels, rng),
                build(test, testMel, stats, testByDigit, pixels, rng));
    }

    private static AvSamples build(List<FsddRecording> clips, float[][] mels, double[][] stats,
                                   List<List<Integer>> imagesByDigit, float[] pixels, Random rng) {
        int n = clips.size();
        float[][] img = new float[n][];
        float[][] aud = new float[n][];
        int[] lab = new int[n];
        for (int i = 0; i < n; i++) {
            int digit = clips.get(i).digit();
            List<Integer> pool = imagesByDigit.get(digit);
            if (pool.isEmpty()) {
                throw new IllegalArgumentException("no image of digit " + digit + " to pair with");
            }
            img[i] = patches(pixels, pool.get(rng.nextInt(pool.size())));
            aud[i] = standardise(mels[i], stats);
            lab[i] = digit;
        }
        return new AvSamples(img, aud, lab);
    }

    /** Image {@code k} as 16 row-major patches of 7 x 7 pixels. */
    static float[] patches(float[] pixels, int k) {
        int grid = 28 / PATCH;
        float[] out = new float[grid * grid * PATCH * PATCH];
        int o = 0;
        for (int pr = 0; pr < grid; pr++) {
            for (int pc = 0; pc < grid; pc++) {
                for (int r = 0; r < PATCH; r++) {
                    for (int c = 0; c < PATCH; c++) {
                        out[o++] = pixels[k * 784 + (pr * PATCH + r) * 28 + pc * PATCH + c];
                    }
                }
            }
        }
        return out;
    }

    private static float[][] melAll(List<FsddRecording> clips, LogMel mel) {
        float[][] out = new float[clips.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = mel.computeFixed(clips.get(i).audio().samples(), FRAMES);
        }
        return out;
    }

    private static double[][] binStats(float[][] mels) {
        double[] mean = new double[LogMel.BINS];
        double[] sq = new double[LogMel.BINS];
        long count = 0;
        for (float[] m : mels) {
            for (int f = 0; f < FRAMES; f++) {
                for (int b = 0; b < LogMel.BINS; b++) {
                    double v = m[f * LogMel.BINS + b];
                    mean[b] += v;
                    sq[b] += v * v;
                }
            }
            count += FRAMES;
        }
        double[] std = new double[LogMel.BINS];
        for (int b = 0; b < LogMel.BINS; b++) {
            mean[b] /= count;
            std[b] = Math.sqrt(Math.max(sq[b] / count - mean[b] * mean[b], 1e-12));
        }
        return new double[][] {mean, std};
    }

    /** Standardised frames; the layout [frames][bins] read as [frames / STACK][STACK * bins] is the stacking. */
    private static float[] standardise(float[] mel, double[][] stats) {
        float[] out = new float[mel.length];
        for (int i = 0; i < mel.length; i++) {
            int b = i % LogMel.BINS;
            out[i] = (float) ((mel[i] - stats[0][b]) / stats[1][b]);
        }
        return out;
    }

    private static List<List<Integer>> byDigit(int[] labels) {
        List<List<Integer>> out = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            out.get(labels[i]).add(i);
        }
        return out;
    }
}
