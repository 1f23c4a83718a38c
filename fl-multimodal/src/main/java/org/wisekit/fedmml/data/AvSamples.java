package org.wisekit.fedmml.data;

/**
 * Paired audio-image examples ready for the model: per example the image as {@code tokens x patchDim} patch
 * values and the audio as {@code tokens x frameDim} stacked, standardised log-mel values, and the digit.
 */
public record AvSamples(float[][] image, float[][] audio, int[] labels) {

    public AvSamples {
        if (image.length != labels.length || audio.length != labels.length) {
            throw new IllegalArgumentException("image, audio and labels must have the same length, got " + image.length
                    + ", " + audio.length + ", " + labels.length);
        }
    }

    public int size() {
        return labels.length;
    }

    /** The examples at {@code indices}, arrays shared. */
    public AvSamples subset(int[] indices) {
        float[][] img = new float[indices.length][];
        float[][] aud = new float[indices.length][];
        int[] lab = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            img[i] = image[indices[i]];
            aud[i] = audio[indices[i]];
            lab[i] = labels[indices[i]];
        }
        return new AvSamples(img, aud, lab);
    }
}
