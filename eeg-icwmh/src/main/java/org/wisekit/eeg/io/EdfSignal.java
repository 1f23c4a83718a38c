package org.wisekit.eeg.io;

/**
 * The header of one data signal of an EDF file (the {@code EDF Annotations} signal of EDF+ is not a data signal
 * and has no {@code EdfSignal}). A digital sample {@code d} (a little-endian int16 in the file) stands for the
 * physical value
 * <pre>
 * phys = (d - digitalMin) * (physicalMax - physicalMin) / (digitalMax - digitalMin) + physicalMin
 * </pre>
 * evaluated in that order in double precision. Text fields are printable US-ASCII without trailing blanks; the
 * numbers must be writable exactly in their 8-character fields. The per-signal 32-byte reserved field is not kept
 * (written blank). Immutable.
 *
 * @param label             the signal's label, at most 16 characters (not {@code EDF Annotations})
 * @param transducer        the transducer type, at most 80 characters
 * @param physicalDimension the physical unit (e.g. {@code uV}), at most 8 characters
 * @param physicalMin       the physical value of {@code digitalMin}
 * @param physicalMax       the physical value of {@code digitalMax}; differs from {@code physicalMin} (it may be
 *                          smaller: inverted polarity)
 * @param digitalMin        the smallest digital value, in {@code [-32768, 32767]}
 * @param digitalMax        the largest digital value, greater than {@code digitalMin}, at most 32767
 * @param prefilter         the prefiltering text (e.g. {@code HP:0.1Hz LP:75Hz}), at most 80 characters
 * @param samplesPerRecord  the number of samples of this signal in each data record, at least 1
 */
public record EdfSignal(String label, String transducer, String physicalDimension, double physicalMin,
        double physicalMax, int digitalMin, int digitalMax, String prefilter, int samplesPerRecord) {

    /** The label that marks the EDF+ annotation signal. */
    public static final String ANNOTATIONS_LABEL = "EDF Annotations";

    /** Validates the fields (see the class comment). */
    public EdfSignal {
        label = EdfFields.checkText("label", label, 16);
        if (label.equals(ANNOTATIONS_LABEL)) {
            throw new IllegalArgumentException("label '" + ANNOTATIONS_LABEL + "' is reserved for the EDF+ annotation"
                    + " signal, which EdfRecording holds as annotations");
        }
        transducer = EdfFields.checkText("transducer", transducer, 80);
        physicalDimension = EdfFields.checkText("physicalDimension", physicalDimension, 8);
        prefilter = EdfFields.checkText("prefilter", prefilter, 80);
        physicalMin = EdfFields.checkNumber("physicalMin", physicalMin, 8);
        physicalMax = EdfFields.checkNumber("physicalMax", physicalMax, 8);
        if (!(physicalMin != physicalMax)) {
            throw new IllegalArgumentException("physicalMin and physicalMax must differ, both are " + physicalMin
                    + " (signal '" + label + "')");
        }
        if (digitalMin < Short.MIN_VALUE || digitalMax > Short.MAX_VALUE) {
            throw new IllegalArgumentException("digitalMin and digitalMax must lie in [-32768, 32767] (16-bit EDF), got "
                    + digitalMin + " and " + digitalMax + " (signal '" + label + "')");
        }
        if (digitalMin >= digitalMax) {
            throw new IllegalArgumentException("digitalMin must be below digitalMax, got digitalMin = " + digitalMin
                    + ", digitalMax = " + digitalMax + " (signal '" + label + "')");
        }
        if (samplesPerRecord < 1 || samplesPerRecord > 99_999_999) {
            throw new IllegalArgumentException("samplesPerRecord must be in [1, 99999999], got " + samplesPerRecord
                    + " (signal '" + label + "')");
        }
    }

    /**
     * A signal with blank transducer and prefilter fields.
     *
     * @param label             the label
     * @param physicalDimension the unit
     * @param physicalMin       physical value of {@code digitalMin}
     * @param physicalMax       physical value of {@code digitalMax}
     * @param digitalMin        smallest digital value
     * @param digitalMax        largest digital value
     * @param samplesPerRecord  samples per data record
     * @return the signal header
     */
    public static EdfSignal of(String label, String physicalDimension, double physicalMin, double physicalMax,
            int digitalMin, int digitalMax, int samplesPerRecord) {
        return new EdfSignal(label, "", physicalDimension, physicalMin, physicalMax, digitalMin, digitalMax, "",
                samplesPerRecord);
    }

    /**
     * The physical value of a digital sample (the formula in the class comment; no clipping).
     *
     * @param digital the digital sample
     * @return its physical value
     */
    public double toPhysical(int digital) {
        return (digital - digitalMin) * (physicalMax - physicalMin) / (digitalMax - digitalMin) + physicalMin;
    }

    /**
     * The digital sample nearest to a physical value: the inverse of {@link #toPhysical}, rounded half up and
     * clipped to {@code [digitalMin, digitalMax]}.
     *
     * @param physical the physical value (finite)
     * @return the digital sample
     */
    public short toDigital(double physical) {
        if (!Double.isFinite(physical)) {
            throw new IllegalArgumentException("physical value must be finite, got " + physical + " (signal '" + label + "')");
        }
        double d = (physical - physicalMin) * (digitalMax - digitalMin) / (physicalMax - physicalMin) + digitalMin;
        long r = Math.round(d);
        return (short) Math.max(digitalMin, Math.min(digitalMax, r));
    }
}
