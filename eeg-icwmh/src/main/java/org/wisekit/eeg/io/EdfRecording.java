package org.wisekit.eeg.io;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An EDF or EDF+ recording in memory: the header, the data signals (raw 16-bit digital samples and their physical
 * values, see {@link EdfSignal}) and, for EDF+, the annotations. {@link Edf#read} makes one from a file,
 * {@link #builder()} from samples; {@link Edf#write} writes it so that reading it back gives an equal recording
 * (bit-exact digital samples, header fields and annotations).
 *
 * <p>Signal {@code s} has {@code numberOfRecords() * signal(s).samplesPerRecord()} samples at
 * {@code samplesPerRecord / recordDurationSeconds} Hz. Annotations are kept sorted by onset (stable). For EDF+
 * the start of every data record (its time-keeping TAL) is kept in {@link #recordOnsetSeconds(int)}; for plain
 * EDF and EDF+C it is {@code recordOnsetSeconds(0) + r * recordDurationSeconds()}.
 *
 * <p>Immutable and thread-safe: accessors that return arrays return copies; {@link #copyPhysical} and
 * {@link #physical(int, int)} read without copying the whole signal.
 */
public final class EdfRecording {

    /** The largest number of data records the 8-character header field can hold. */
    static final int MAX_RECORDS = 99_999_999;

    private final String patient;
    private final String recording;
    private final LocalDateTime start;
    private final double recordDuration;
    private final int numberOfRecords;
    private final EdfFormat format;
    private final List<EdfSignal> signals;
    private final short[][] digital;
    private final double[][] physical;
    private final List<Annotation> annotations;
    private final double[] recordOnsets;
    private final List<String> readNotes;

    private EdfRecording(Builder b, List<String> readNotes) {
        this.format = Objects.requireNonNull(b.format, "format");
        this.patient = EdfFields.checkText("patient", b.patient, 80);
        this.recording = EdfFields.checkText("recording", b.recording, 80);
        this.start = checkStart(b.start);
        if (!(b.recordDuration > 0)) {
            throw new IllegalArgumentException("recordDuration must be > 0 seconds, got " + b.recordDuration);
        }
        this.recordDuration = EdfFields.checkNumber("recordDuration", b.recordDuration, 8);
        this.signals = List.copyOf(b.signals);
        this.digital = b.digital.toArray(new short[0][]);
        if (signals.isEmpty() && !format.isPlus()) {
            throw new IllegalArgumentException("a plain EDF recording needs at least one signal");
        }
        if (signals.size() + (format.isPlus() ? 1 : 0) > 9999) {
            throw new IllegalArgumentException("at most 9999 signals fit the EDF header, got " + signals.size());
        }
        int n = b.numberOfRecords;
        for (int s = 0; s < signals.size(); s++) {
            int spr = signals.get(s).samplesPerRecord();
            if (digital[s].length % spr != 0) {
                throw new IllegalArgumentException("signal " + s + " ('" + signals.get(s).label() + "') has "
                        + digital[s].length + " samples, not a multiple of its samplesPerRecord " + spr);
            }
            int records = digital[s].length / spr;
            if (n < 0) {
                n = records;
            } else if (records != n) {
                throw new IllegalArgumentException("signal " + s + " ('" + signals.get(s).label() + "') has "
                        + records + " records of data (" + digital[s].length + " samples), expected " + n);
            }
        }
        if (n < 0) {
            throw new IllegalArgumentException("numberOfRecords must be given for a recording without data signals");
        }
        if (n > MAX_RECORDS) {
            throw new IllegalArgumentException("numberOfRecords must be at most " + MAX_RECORDS + ", got " + n);
        }
        this.numberOfRecords = n;
        List<Annotation> sorted = new ArrayList<>(b.annotations);
        for (Annotation a : sorted) {
            Objects.requireNonNull(a, "annotation");
        }
        sorted.sort(Comparator.comparingDouble(Annotation::onsetSeconds));
        this.annotations = List.copyOf(sorted);
        if (!annotations.isEmpty() && !format.isPlus()) {
            throw new IllegalArgumentException("plain EDF cannot hold annotations (" + annotations.size()
                    + " given); use EdfFormat.EDF_PLUS_C or EDF_PLUS_D");
        }
        if (!annotations.isEmpty() && n == 0) {
            throw new IllegalArgumentException("annotations need at least one data record to be stored in, numberOfRecords = 0");
        }
        this.recordOnsets = checkOnsets(b.recordOnsets, n);
        this.physical = new double[digital.length][];
        for (int s = 0; s < digital.length; s++) {
            physical[s] = toPhysical(signals.get(s), digital[s]);
        }
        this.readNotes = List.copyOf(readNotes);
    }

    private static LocalDateTime checkStart(LocalDateTime start) {
        Objects.requireNonNull(start, "start");
        if (start.getYear() < 1985 || start.getYear() > 2084) {
            throw new IllegalArgumentException("start year must be in [1985, 2084] (two-digit EDF year), got " + start);
        }
        if (start.getNano() != 0) {
            throw new IllegalArgumentException("start must be whole seconds (EDF hh.mm.ss), got " + start);
        }
        return start;
    }

    private double[] checkOnsets(double[] given, int n) {
        if (given == null) {
            double[] onsets = new double[n];
            for (int r = 0; r < n; r++) {
                onsets[r] = r * recordDuration;
            }
            return onsets;
        }
        if (given.length != n) {
            throw new IllegalArgumentException("recordOnsets has " + given.length + " entries, expected numberOfRecords = " + n);
        }
        double[] onsets = given.clone();
        for (int r = 0; r < n; r++) {
            if (!Double.isFinite(onsets[r])) {
                throw new IllegalArgumentException("recordOnsets[" + r + "] must be finite, got " + onsets[r]);
            }
            onsets[r] += 0.0;
        }
        switch (format) {
            case EDF -> {
                for (int r = 0; r < n; r++) {
                    if (onsets[r] != r * recordDuration) {
                        throw new IllegalArgumentException("plain EDF records start at r * recordDuration; recordOnsets["
                                + r + "] = " + onsets[r] + ", expected " + r * recordDuration);
                    }
                }
            }
            case EDF_PLUS_C -> {
                for (int r = 1; r < n; r++) {
                    double expected = onsets[0] + r * recordDuration;
                    if (Math.abs(onsets[r] - expected) > continuityTolerance(expected)) {
                        throw new IllegalArgumentException("EDF+C records are contiguous: recordOnsets[" + r + "] = "
                                + onsets[r] + ", expected " + expected + " (use EDF_PLUS_D for gaps)");
                    }
                }
            }
            case EDF_PLUS_D -> {
                for (int r = 1; r < n; r++) {
                    if (onsets[r] < onsets[r - 1] + recordDuration - continuityTolerance(onsets[r])) {
                        throw new IllegalArgumentException("EDF+D records must not overlap: recordOnsets[" + r + "] = "
                                + onsets[r] + " < recordOnsets[" + (r - 1) + "] + recordDuration = "
                                + (onsets[r - 1] + recordDuration));
                    }
                }
            }
            default -> throw new AssertionError(format);
        }
        return onsets;
    }

    /** Slack allowed between a record's TAL onset and its nominal start (decimal TAL text vs binary doubles). */
    static double continuityTolerance(double t) {
        return 1e-6 + 1e-12 * Math.abs(t);
    }

    private static double[] toPhysical(EdfSignal sig, short[] dig) {
        double[] out = new double[dig.length];
        double pmin = sig.physicalMin();
        double prange = sig.physicalMax() - sig.physicalMin();
        int dmin = sig.digitalMin();
        int drange = sig.digitalMax() - sig.digitalMin();
        for (int i = 0; i < dig.length; i++) {
            out[i] = (dig[i] - dmin) * prange / drange + pmin;
        }
        return out;
    }

    /**
     * A builder for a recording made from samples.
     *
     * @return a builder with blank patient and recording fields, start 2000-01-01 00:00:00, record duration 1 s,
     *         format {@link EdfFormat#EDF_PLUS_C} and no signals
     */
    public static Builder builder() {
        return new Builder();
    }

    static EdfRecording fromReader(Builder b, List<String> readNotes) {
        return new EdfRecording(b, readNotes);
    }

    /**
     * The local patient identification (80-character field; EDF+ subfields, e.g. {@code X X X X}).
     *
     * @return the text, without trailing blanks
     */
    public String patient() {
        return patient;
    }

    /**
     * The local recording identification (80-character field; EDF+: {@code Startdate dd-MMM-yyyy ...}).
     *
     * @return the text, without trailing blanks
     */
    public String recording() {
        return recording;
    }

    /**
     * The start date and time of the recording (EDF {@code dd.mm.yy} and {@code hh.mm.ss}; years 1985 to 2084).
     *
     * @return the start
     */
    public LocalDateTime start() {
        return start;
    }

    /**
     * The duration of one data record.
     *
     * @return seconds
     */
    public double recordDurationSeconds() {
        return recordDuration;
    }

    /**
     * The number of data records.
     *
     * @return the count
     */
    public int numberOfRecords() {
        return numberOfRecords;
    }

    /**
     * The total duration, {@code numberOfRecords() * recordDurationSeconds()} (gaps of EDF+D not counted).
     *
     * @return seconds
     */
    public double durationSeconds() {
        return numberOfRecords * recordDuration;
    }

    /**
     * EDF, EDF+C or EDF+D.
     *
     * @return the format
     */
    public EdfFormat format() {
        return format;
    }

    /**
     * The number of data signals (the EDF+ annotation signal is not one).
     *
     * @return the count
     */
    public int signalCount() {
        return signals.size();
    }

    /**
     * The data signals' headers, in file order.
     *
     * @return an unmodifiable list
     */
    public List<EdfSignal> signals() {
        return signals;
    }

    /**
     * The header of data signal {@code s}.
     *
     * @param s the signal index
     * @return its header
     */
    public EdfSignal signal(int s) {
        checkSignal(s);
        return signals.get(s);
    }

    /**
     * The index of the first data signal whose label equals {@code label} (trailing blanks ignored).
     *
     * @param label the label
     * @return its index
     * @throws IllegalArgumentException when no signal has that label (the message lists the labels)
     */
    public int signalIndex(String label) {
        String want = Objects.requireNonNull(label, "label").stripTrailing();
        for (int s = 0; s < signals.size(); s++) {
            if (signals.get(s).label().equals(want)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no signal labelled '" + label + "'; labels: "
                + signals.stream().map(EdfSignal::label).toList());
    }

    /**
     * The sampling rate of data signal {@code s}, {@code samplesPerRecord / recordDurationSeconds}.
     *
     * @param s the signal index
     * @return Hz
     */
    public double sampleRate(int s) {
        return signal(s).samplesPerRecord() / recordDuration;
    }

    /**
     * The number of samples of data signal {@code s}.
     *
     * @param s the signal index
     * @return {@code numberOfRecords() * samplesPerRecord}
     */
    public int sampleCount(int s) {
        checkSignal(s);
        return digital[s].length;
    }

    /**
     * The raw digital samples of data signal {@code s}, as stored in the file.
     *
     * @param s the signal index
     * @return a copy
     */
    public short[] digital(int s) {
        checkSignal(s);
        return digital[s].clone();
    }

    /**
     * The physical values of data signal {@code s} (see {@link EdfSignal}).
     *
     * @param s the signal index
     * @return a copy
     */
    public double[] physical(int s) {
        checkSignal(s);
        return physical[s].clone();
    }

    /**
     * One physical value.
     *
     * @param s      the signal index
     * @param sample the sample index
     * @return the physical value
     */
    public double physical(int s, int sample) {
        checkSignal(s);
        if (sample < 0 || sample >= physical[s].length) {
            throw new IllegalArgumentException("sample must be in [0, " + physical[s].length + "), got " + sample);
        }
        return physical[s][sample];
    }

    /**
     * Copies {@code length} physical values of signal {@code s}, from sample {@code from}, into {@code dst}.
     *
     * @param s         the signal index
     * @param from      the first sample
     * @param dst       the destination
     * @param dstOffset where in {@code dst} to start
     * @param length    how many values
     */
    public void copyPhysical(int s, int from, double[] dst, int dstOffset, int length) {
        checkSignal(s);
        Objects.checkFromIndexSize(from, length, physical[s].length);
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        System.arraycopy(physical[s], from, dst, dstOffset, length);
    }

    /**
     * The annotations, sorted by onset (EDF+ only; empty for plain EDF).
     *
     * @return an unmodifiable list
     */
    public List<Annotation> annotations() {
        return annotations;
    }

    /**
     * The start of data record {@code r}, in seconds from {@link #start()}.
     *
     * @param r the record index
     * @return seconds
     */
    public double recordOnsetSeconds(int r) {
        if (r < 0 || r >= numberOfRecords) {
            throw new IllegalArgumentException("record must be in [0, " + numberOfRecords + "), got " + r);
        }
        return recordOnsets[r];
    }

    /**
     * What the reader did to make the file readable ({@link Edf.Option}): empty for a file read as it is. Not
     * written to files and not part of {@link #equals}.
     *
     * @return an unmodifiable list of one-line notes
     */
    public List<String> readNotes() {
        return readNotes;
    }

    double[] recordOnsetsInternal() {
        return recordOnsets;
    }

    short[] digitalInternal(int s) {
        return digital[s];
    }

    private void checkSignal(int s) {
        if (s < 0 || s >= signals.size()) {
            throw new IllegalArgumentException("signal index must be in [0, " + signals.size() + "), got " + s);
        }
    }

    /** Equal when every header field, digital sample, annotation and record onset is equal. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EdfRecording r)) {
            return false;
        }
        return patient.equals(r.patient) && recording.equals(r.recording) && start.equals(r.start)
                && Double.compare(recordDuration, r.recordDuration) == 0 && numberOfRecords == r.numberOfRecords
                && format == r.format && signals.equals(r.signals) && Arrays.deepEquals(digital, r.digital)
                && annotations.equals(r.annotations) && Arrays.equals(recordOnsets, r.recordOnsets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(patient, recording, start, recordDuration, numberOfRecords, format, signals,
                Arrays.deepHashCode(digital), annotations, Arrays.hashCode(recordOnsets));
    }

    @Override
    public String toString() {
        return format + " recording: " + signals.size() + " signals, " + numberOfRecords + " records of "
                + recordDuration + " s, " + annotations.size() + " annotations, start " + start;
    }

    /** Collects the parts of a recording; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {

        private String patient = "";
        private String recording = "";
        private LocalDateTime start = LocalDateTime.of(2000, 1, 1, 0, 0, 0);
        private double recordDuration = 1.0;
        private int numberOfRecords = -1;
        private EdfFormat format = EdfFormat.EDF_PLUS_C;
        private final List<EdfSignal> signals = new ArrayList<>();
        private final List<short[]> digital = new ArrayList<>();
        private final List<Annotation> annotations = new ArrayList<>();
        private double[] recordOnsets;

        private Builder() {
        }

        /**
         * Sets the patient field.
         *
         * @param patient at most 80 printable ASCII characters
         * @return this builder
         */
        public Builder patient(String patient) {
            this.patient = patient;
            return this;
        }

        /**
         * Sets the recording field.
         *
         * @param recording at most 80 printable ASCII characters
         * @return this builder
         */
        public Builder recording(String recording) {
            this.recording = recording;
            return this;
        }

        /**
         * Sets the start date and time.
         *
         * @param start whole seconds, year 1985 to 2084
         * @return this builder
         */
        public Builder start(LocalDateTime start) {
            this.start = start;
            return this;
        }

        /**
         * Sets the duration of a data record.
         *
         * @param seconds positive, writable in 8 characters
         * @return this builder
         */
        public Builder recordDuration(double seconds) {
            this.recordDuration = seconds;
            return this;
        }

        /**
         * Sets the number of data records; needed only when there are no data signals (otherwise it follows from
         * the sample counts, which must agree with it).
         *
         * @param n the number of records
         * @return this builder
         */
        public Builder numberOfRecords(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("numberOfRecords must be >= 0, got " + n);
            }
            this.numberOfRecords = n;
            return this;
        }

        /**
         * Sets the format.
         *
         * @param format EDF, EDF+C or EDF+D
         * @return this builder
         */
        public Builder format(EdfFormat format) {
            this.format = format;
            return this;
        }

        /**
         * Adds a data signal with its digital samples (copied); their count must be a multiple of
         * {@code signal.samplesPerRecord()}, the same number of records for every signal.
         *
         * @param signal  the header
         * @param samples the digital samples
         * @return this builder
         */
        public Builder addSignal(EdfSignal signal, short[] samples) {
            return addSignalShared(Objects.requireNonNull(signal, "signal"), Objects.requireNonNull(samples, "samples").clone());
        }

        /**
         * Adds a data signal from physical values, each quantised with {@link EdfSignal#toDigital}.
         *
         * @param signal   the header
         * @param physical the physical values
         * @return this builder
         */
        public Builder addPhysicalSignal(EdfSignal signal, double[] physical) {
            Objects.requireNonNull(signal, "signal");
            short[] d = new short[physical.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = signal.toDigital(physical[i]);
            }
            return addSignalShared(signal, d);
        }

        Builder addSignalShared(EdfSignal signal, short[] samples) {
            signals.add(signal);
            digital.add(samples);
            return this;
        }

        /**
         * Adds annotations (EDF+ only).
         *
         * @param list the annotations
         * @return this builder
         */
        public Builder annotations(List<Annotation> list) {
            annotations.addAll(list);
            return this;
        }

        /**
         * Adds one annotation (EDF+ only).
         *
         * @param annotation the annotation
         * @return this builder
         */
        public Builder annotation(Annotation annotation) {
            annotations.add(Objects.requireNonNull(annotation, "annotation"));
            return this;
        }

        /**
         * Sets the start of every data record in seconds from the start (EDF+; default
         * {@code r * recordDuration}). EDF+C needs contiguous records, EDF+D non-overlapping ones.
         *
         * @param onsets one per record (copied)
         * @return this builder
         */
        public Builder recordOnsets(double[] onsets) {
            this.recordOnsets = onsets == null ? null : onsets.clone();
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the recording
         */
        public EdfRecording build() {
            return new EdfRecording(this, List.of());
        }
    }
}
