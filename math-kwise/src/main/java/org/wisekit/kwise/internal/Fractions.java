package org.wisekit.kwise.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.math3.fraction.BigFraction;

/** Parsing and printing of exact fractions. */
public final class Fractions {

    private static final Pattern RATIO = Pattern.compile("\\s*([+-]?\\d+)\\s*/\\s*(\\d+)\\s*");
    private static final Pattern DECIMAL = Pattern.compile("\\s*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)\\s*");

    private Fractions() {
    }

    /**
     * Reads "A/B", an integer or a decimal such as "0.25" exactly.
     *
     * @param name the parameter name used in the error message
     * @throws IllegalArgumentException naming {@code name} and the text when it is none of these forms
     */
    public static BigFraction parse(String name, String text) {
        if (text != null) {
            Matcher ratio = RATIO.matcher(text);
            if (ratio.matches()) {
                BigInteger den = new BigInteger(ratio.group(2));
                if (den.signum() == 0) {
                    throw new IllegalArgumentException(name + " has a zero denominator: '" + text.strip() + "'");
                }
                return new BigFraction(new BigInteger(ratio.group(1)), den);
            }
            if (DECIMAL.matcher(text).matches()) {
                BigDecimal d = new BigDecimal(text.strip());
                return d.scale() <= 0
                        ? new BigFraction(d.toBigIntegerExact())
                        : new BigFraction(d.unscaledValue(), BigInteger.TEN.pow(d.scale()));
            }
        }
        throw new IllegalArgumentException(name + " must be a fraction A/B or a decimal, got '" + text + "'");
    }

    /** "A/B", or "A" when the denominator is 1 (BigFraction's own toString puts spaces around the slash). */
    public static String format(BigFraction f) {
        return f.getDenominator().equals(BigInteger.ONE)
                ? f.getNumerator().toString()
                : f.getNumerator() + "/" + f.getDenominator();
    }

    /** A decimal with {@code digits} significant digits ("0.1666666667", "1.000000000E-20"). */
    public static String decimal(BigFraction f, int digits) {
        if (f.getNumerator().signum() == 0) {
            return "0";
        }
        return new BigDecimal(f.getNumerator())
                .divide(new BigDecimal(f.getDenominator()), new MathContext(digits)).toString();
    }

    /** The nearest double, also when numerator and denominator overflow a double on their own. */
    public static double toDouble(BigFraction f) {
        return new BigDecimal(f.getNumerator())
                .divide(new BigDecimal(f.getDenominator()), MathContext.DECIMAL64).doubleValue();
    }
}
