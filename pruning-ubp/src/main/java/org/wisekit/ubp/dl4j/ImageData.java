package org.wisekit.ubp.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Labelled images as ND4J arrays for DL4J: {@code features} [n, pixels] (flattened, in [0, 1]),
 * {@code oneHot} [n, classes], and the labels as ints for scoring.
 */
public record ImageData(INDArray features, INDArray oneHot, int[] labels) {

    public ImageData {
        if (features == null || oneHot == null || labels == null || features.rank() != 2
                || features.size(0) != labels.length || oneHot.size(0) != labels.length) {
            throw new IllegalArgumentException("features [n, pixels], oneHot [n, classes] and n labels are required");
        }
    }

    /**
     * Images as ND4J arrays: {@code images} holds {@code labels.length} flattened images one after another
     * (values in [0, 1]), {@code labels} their classes in {@code 0..classes-1}.
     */
    public static ImageData of(float[] images, int[] labels, int classes) {
        int n = labels.length;
        if (n < 1 || images.length % n != 0) {
            throw new IllegalArgumentException("images.length (" + images.length
                    + ") must be a positive multiple of labels.length (" + n + ")");
        }
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, got " + classes);
        }
        float[] hot = new float[n * classes];
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + " is not in 0.." + (classes - 1));
            }
            hot[i * classes + labels[i]] = 1f;
        }
        return new ImageData(Nd4j.create(images.clone(), new long[] {n, images.length / n}, 'c'),
                Nd4j.create(hot, new long[] {n, classes}, 'c'), labels.clone());
    }

    /** The number of images. */
    public int size() {
        return labels.length;
    }

    /** Rows {@code rows} as a new array [rows.length, pixels]. */
    public INDArray featureRows(int[] rows) {
        return features.getRows(rows);
    }

    /** One-hot rows {@code rows} as a new array. */
    public INDArray labelRows(int[] rows) {
        return oneHot.getRows(rows);
    }
}
