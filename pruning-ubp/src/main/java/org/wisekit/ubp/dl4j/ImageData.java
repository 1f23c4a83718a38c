package org.wisekit.ubp.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.datasets.LabeledImages;

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
     * The first {@code limit} images of {@code images} (all when {@code limit} is larger), e.g. Fashion-MNIST
     * from {@code wisekit-datasets} (which must then be on the class path).
     */
    public static ImageData of(LabeledImages images, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        int n = Math.min(limit, images.size());
        int pixels = images.images().size() / images.size();
        float[] all = images.images().data();
        float[] flat = new float[n * pixels];
        System.arraycopy(all, 0, flat, 0, flat.length);
        int classes = images.classNames().size();
        float[] hot = new float[n * classes];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = images.labels()[i];
            hot[i * classes + labels[i]] = 1f;
        }
        return new ImageData(Nd4j.create(flat, new long[] {n, pixels}, 'c'),
                Nd4j.create(hot, new long[] {n, classes}, 'c'), labels);
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
