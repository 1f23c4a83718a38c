package org.wisekit.fedmml.dl4j;

/**
 * The three training schemes. Stage s (1-based, of S) holds {@code s * L_img / S} image and
 * {@code s * L_aud / S} audio layers for LW and Prog; FedMML always holds the full depth.
 */
public enum Scheme {
    /** End-to-end FedMML: full-depth encoders and heads, all trained every round ([reconstructed] baseline). */
    E2E("FedMML"),
    /** LW-FedMML: each stage appends layers and trains only them and the heads; earlier layers are frozen. */
    LW("LW-FedMML"),
    /** Prog-FedMML: each stage appends layers; all present layers and the heads train. */
    PROG("Prog-FedMML");

    private final String label;

    Scheme(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Parses {@code e2e}, {@code lw} or {@code prog}. */
    public static Scheme parse(String text) {
        for (Scheme s : values()) {
            if (s.name().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("scheme must be e2e, lw or prog, got " + text);
    }
}
