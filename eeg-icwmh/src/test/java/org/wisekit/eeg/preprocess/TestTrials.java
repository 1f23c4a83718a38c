package org.wisekit.eeg.preprocess;

import java.util.Random;

/** Seeded synthetic trials and images for the preprocessing tests. */
final class TestTrials {

    private TestTrials() {
    }

    /** A {@code channels x samples} trial: per-channel sinusoids plus noise with log-normal channel gains. */
    static double[][] trial(int channels, int samples, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[channels][samples];
        for (int c = 0; c < channels; c++) {
            double gain = Math.exp(r.nextGaussian());
            double f = 0.01 + 0.1 * r.nextDouble();
            double phase = 2 * Math.PI * r.nextDouble();
            double offset = 0.3 * r.nextGaussian();
            for (int t = 0; t < samples; t++) {
                x[c][t] = gain * (Math.sin(2 * Math.PI * f * t + phase) + 0.5 * r.nextGaussian() + offset);
            }
        }
        return x;
    }

    /** Copy of a trial with channel {@code c} multiplied by {@code gains[c]}. */
    static double[][] scaled(double[][] x, double[] gains) {
        double[][] y = new double[x.length][];
        for (int c = 0; c < x.length; c++) {
            y[c] = new double[x[c].length];
            for (int t = 0; t < x[c].length; t++) {
                y[c][t] = x[c][t] * gains[c];
            }
        }
        return y;
    }

    /** A random integer image in [0, 255]. */
    static float[][] randomImage(int h, int w, Random r) {
        float[][] img = new float[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img[y][x] = r.nextInt(256);
            }
        }
        return img;
    }

    /** A random smooth-ish integer image in [0, 255] (sum of a few blobs), with some structure for edges. */
    static float[][] blobImage(int h, int w, Random r) {
        float[][] img = new float[h][w];
        int blobs = 1 + r.nextInt(4);
        double[][] p = new double[blobs][4];
        for (double[] b : p) {
            b[0] = r.nextDouble() * h;
            b[1] = r.nextDouble() * w;
            b[2] = 1 + r.nextDouble() * Math.max(h, w) / 2.0;
            b[3] = 60 + 120 * r.nextDouble();
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 0;
                for (double[] b : p) {
                    double d2 = ((y - b[0]) * (y - b[0]) + (x - b[1]) * (x - b[1])) / (b[2] * b[2]);
                    v += d2 < 1 ? b[3] : 0;
                }
                img[y][x] = (float) Math.min(255, Math.rint(v + r.nextInt(5)));
            }
        }
        return img;
    }
}
