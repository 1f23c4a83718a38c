package org.wisekit.fedmml.dl4j.model;

/** The two learning tasks of the paper, on audio-image pairs. */
public enum Task {
    /** Cross-entropy on a prediction head over the concatenated projections (the ADVANCE setting). */
    FUSION,
    /** Symmetric InfoNCE between L2-normalised image and audio projections (the CLIP/COCO setting). */
    CONTRASTIVE;

    /** Parses {@code fusion} or {@code contrastive}. */
    public static Task parse(String text) {
        for (Task t : values()) {
            if (t.name().equalsIgnoreCase(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("task must be fusion or contrastive, got " + text);
    }
}
