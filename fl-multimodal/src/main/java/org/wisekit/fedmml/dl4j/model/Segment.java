package org.wisekit.fedmml.dl4j.model;

/**
 * The part of one encoder a graph computes: layers {@code [from, to)}, starting from the raw input (through
 * the embedding) or from tokens produced by an earlier, frozen prefix.
 */
public record Segment(String modality, boolean fromRaw, int from, int to) {

    public Segment {
        if (!ModelLayout.IMAGE.equals(modality) && !ModelLayout.AUDIO.equals(modality)) {
            throw new IllegalArgumentException("modality must be img or aud, got " + modality);
        }
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("layer range must satisfy 0 <= from <= to, got [" + from + ", " + to + ")");
        }
        if (!fromRaw && from == 0) {
            throw new IllegalArgumentException("a segment starting at layer 0 must start from the raw input");
        }
    }
}
