package org.wisekit.eeg.io;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Text helpers for the fixed-width ASCII fields of an EDF header and for TAL numbers. */
final class EdfFields {

    /** A decimal number as EDF header fields hold it (no NaN, Infinity, hex or type suffixes). */
    static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private EdfFields() {
    }

    /**
     * The shortest decimal text for {@code v} that parses back to exactly {@code v}, or null when it needs more
     * than {@code width} characters.
     */
    static String format(double v, int width) {
        if (!Double.isFinite(v)) {
            return null;
        }
        String best;
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            best = Long.toString((long) v);
        } else {
            String plain = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
            String sci = Double.toString(v);
            best = sci.length() < plain.length() ? sci : plain;
            if (best.length() > width && best.startsWith("0.")) {
                best = best.substring(1); // ".5": still a decimal number, one character shorter
            } else if (best.length() > width && best.startsWith("-0.")) {
                best = "-" + best.substring(2);
            }
        }
        return best.length() <= width ? best : null;
    }

    /** {@code v} as TAL text: a sign, then plain digits with an optional fraction (no exponent). */
    static String talNumber(double v, boolean signed) {
        String plain = BigDecimal.valueOf(Math.abs(v)).stripTrailingZeros().toPlainString();
        if (!signed) {
            return plain;
        }
        return (v < 0 ? "-" : "+") + plain;
    }

    /** Whether every character of {@code s} is printable US-ASCII (32..126), as EDF header text must be. */
    static boolean isPrintableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 32 || c > 126) {
                return false;
            }
        }
        return true;
    }

    /** Checks a header text value: printable ASCII, at most {@code width} characters; returns it without trailing blanks. */
    static String checkText(String name, String value, int width) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        String s = value.stripTrailing();
        if (!isPrintableAscii(s)) {
            throw new IllegalArgumentException(name + " must be printable US-ASCII (EDF header text), got '" + value + "'");
        }
        if (s.length() > width) {
            throw new IllegalArgumentException(name + " has " + s.length() + " characters, the EDF field holds "
                    + width + ": '" + s + "'");
        }
        return s;
    }

    /** Checks that {@code v} can be written in a {@code width}-character field without rounding. */
    static double checkNumber(String name, double v, int width) {
        if (format(v, width) == null) {
            throw new IllegalArgumentException(name + " = " + v + " cannot be written exactly in the " + width
                    + "-character EDF field; round it to at most " + width + " characters");
        }
        return v + 0.0; // -0.0 becomes 0.0, as it would after writing and reading
    }
}
