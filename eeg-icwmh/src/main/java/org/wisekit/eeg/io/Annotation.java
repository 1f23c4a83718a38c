package org.wisekit.eeg.io;

/**
 * One EDF+ annotation (an event): the texts of a TAL ({@code +onset[0x15 duration]0x14 text 0x14 ... 0x00}), one
 * {@code Annotation} per text. Time-keeping TALs (the empty first annotation of each data record) are not
 * annotations. Immutable.
 *
 * @param onsetSeconds    seconds from the file's start date and time (may be negative); {@code -0.0} becomes 0
 * @param durationSeconds seconds, at least 0, or {@code NaN} when the TAL gives no duration
 * @param text            the annotation text (UTF-8 in the file); no NUL, 0x14 or 0x15 characters, not empty
 */
public record Annotation(double onsetSeconds, double durationSeconds, String text) {

    /** Validates the fields (see the class comment). */
    public Annotation {
        if (!Double.isFinite(onsetSeconds)) {
            throw new IllegalArgumentException("onsetSeconds must be finite, got " + onsetSeconds);
        }
        onsetSeconds = onsetSeconds + 0.0;
        if (!Double.isNaN(durationSeconds) && !(durationSeconds >= 0 && durationSeconds < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("durationSeconds must be finite and >= 0, or NaN for none, got "
                    + durationSeconds);
        }
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("text must not be empty (text = " + (text == null ? "null" : "''") + ")");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 || c == 0x14 || c == 0x15) {
                throw new IllegalArgumentException("text must not contain NUL, 0x14 or 0x15 (TAL delimiters), got '"
                        + text.replaceAll("[\\x00\\x14\\x15]", "?") + "'");
            }
        }
    }

    /**
     * An annotation without a duration.
     *
     * @param onsetSeconds seconds from the start
     * @param text         the text
     * @return the annotation
     */
    public static Annotation of(double onsetSeconds, String text) {
        return new Annotation(onsetSeconds, Double.NaN, text);
    }

    /**
     * Whether the TAL gave a duration.
     *
     * @return true unless {@code durationSeconds} is NaN
     */
    public boolean hasDuration() {
        return !Double.isNaN(durationSeconds);
    }
}
