package org.wisekit.eeg.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The EDF/EDF+ parser behind {@link Edf#read}. */
final class EdfReader {

    /** Widths of the per-signal header fields, in file order. */
    private static final int[] WIDTHS = {16, 80, 8, 8, 8, 8, 8, 80, 8, 32};
    private static final String[] FIELD_NAMES = {"label", "transducer type", "physical dimension", "physical minimum",
        "physical maximum", "digital minimum", "digital maximum", "prefiltering", "number of samples per record",
        "reserved"};
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DATE = Pattern.compile("(\\d\\d)\\.(\\d\\d)\\.(\\d\\d)");
    private static final Pattern TAL_ONSET = Pattern.compile("[+-](\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern TAL_DURATION = Pattern.compile("\\d+(\\.\\d*)?|\\.\\d+");

    private final byte[] b;
    private final String name;

    private EdfReader(byte[] b, String name) {
        this.b = b;
        this.name = name;
    }

    /** The header-length field when it is readable and plausible, else -1 (used before a repair). */
    static int headerLengthOrMinusOne(byte[] b) {
        if (b.length < 256) {
            return -1;
        }
        String f = new String(b, 184, 8, StandardCharsets.ISO_8859_1).trim();
        if (!INTEGER.matcher(f).matches() || f.length() > 7) {
            return -1;
        }
        int h = Integer.parseInt(f);
        return h >= 256 && h <= b.length ? h : -1;
    }

    /** The number of CR LF byte pairs at or after {@code from}. */
    static int countCrLf(byte[] b, int from) {
        int n = 0;
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                n++;
            }
        }
        return n;
    }

    /** A copy of {@code b} with every CR LF pair at or after {@code from} replaced by LF. */
    static byte[] undoCrLf(byte[] b, int from) {
        byte[] out = new byte[b.length - countCrLf(b, from)];
        System.arraycopy(b, 0, out, 0, from);
        int o = from;
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\r' && i + 1 < b.length && b[i + 1] == '\n') {
                continue;
            }
            out[o++] = b[i];
        }
        return out;
    }

    static EdfRecording parse(byte[] bytes, String name, Set<Edf.Option> options, String note) {
        return new EdfReader(bytes, name).parse(options, note);
    }

    private EegFormatException error(String detail) {
        return new EegFormatException(name, detail);
    }

    private EdfRecording parse(Set<Edf.Option> options, String note) {
        List<String> notes = new ArrayList<>();
        if (note != null) {
            notes.add(note);
        }
        if (b.length < 256) {
            throw error("truncated header: the file has " + b.length + " bytes, the fixed EDF header alone has 256");
        }
        if ((b[0] & 0xff) == 0xff) {
            throw error("version byte 0xFF marks a BDF (24-bit) file, which is not supported; only EDF/EDF+ (16-bit)");
        }
        String version = text(0, 8, "version").strip();
        if (!version.equals("0")) {
            throw error("header field 'version' (bytes 0-7) is '" + version + "', EDF needs '0'");
        }
        String patient = text(8, 80, "local patient identification");
        String recordingId = text(88, 80, "local recording identification");
        LocalDateTime start = startDateTime();
        int headerBytes = (int) integer(184, 8, "number of bytes in header record", 0, 99_999_999);
        String reserved = text(192, 44, "reserved");
        long declaredRecords = integer(236, 8, "number of data records", -1, EdfRecording.MAX_RECORDS);
        double duration = number(244, 8, "duration of a data record");
        int ns = (int) integer(252, 4, "number of signals", 1, 9999);
        long expectedHeader = 256L * (ns + 1);
        if (headerBytes != expectedHeader) {
            throw error("header length field (bytes 184-191) says " + headerBytes + " bytes, but with " + ns
                    + " signals the header has 256 * (" + ns + " + 1) = " + expectedHeader + " bytes");
        }
        if (b.length < headerBytes) {
            throw error("truncated header: " + ns + " signals need a " + headerBytes + "-byte header, the file has "
                    + b.length + " bytes");
        }
        EdfFormat format = format(reserved);
        if (!(duration > 0)) {
            throw error("duration of a data record (bytes 244-251) must be > 0 seconds, got " + duration);
        }

        boolean[] isAnnotation = new boolean[ns];
        int[] spr = new int[ns];
        List<EdfSignal> signals = new ArrayList<>();
        int firstAnnotation = -1;
        for (int s = 0; s < ns; s++) {
            String label = signalText(ns, s, 0);
            spr[s] = (int) signalInteger(ns, s, 8, 1, 99_999_999);
            if (label.equals(EdfSignal.ANNOTATIONS_LABEL)) {
                isAnnotation[s] = true;
                if (firstAnnotation < 0) {
                    firstAnnotation = s;
                }
                continue;
            }
            String transducer = signalText(ns, s, 1);
            String dimension = signalText(ns, s, 2);
            double pmin = signalNumber(ns, s, 3);
            double pmax = signalNumber(ns, s, 4);
            long dmin = signalInteger(ns, s, 5, Short.MIN_VALUE, Short.MAX_VALUE);
            long dmax = signalInteger(ns, s, 6, Short.MIN_VALUE, Short.MAX_VALUE);
            String prefilter = signalText(ns, s, 7);
            signalText(ns, s, 9);
            if (dmin >= dmax) {
                throw error("signal " + s + " ('" + label + "'): digital minimum " + dmin + " is not below digital maximum "
                        + dmax);
            }
            if (pmin == pmax) {
                throw error("signal " + s + " ('" + label + "'): physical minimum equals physical maximum (" + pmin + ")");
            }
            try {
                signals.add(new EdfSignal(label, transducer, dimension, pmin, pmax, (int) dmin, (int) dmax, prefilter, spr[s]));
            } catch (IllegalArgumentException e) {
                throw error("signal " + s + " ('" + label + "'): " + e.getMessage());
            }
        }
        if (format.isPlus() && firstAnnotation < 0) {
            throw error("reserved field (bytes 192-235) says " + format.reservedField() + " but no signal is labelled '"
                    + EdfSignal.ANNOTATIONS_LABEL + "'");
        }
        if (!format.isPlus() && firstAnnotation >= 0) {
            throw error("signal " + firstAnnotation + " is labelled '" + EdfSignal.ANNOTATIONS_LABEL
                    + "' but the reserved field (bytes 192-235) does not start with EDF+C or EDF+D: '" + reserved + "'");
        }

        long recordBytes = 0;
        for (int s = 0; s < ns; s++) {
            recordBytes += 2L * spr[s];
        }
        long dataBytes = (long) b.length - headerBytes;
        int records;
        boolean drop = options.contains(Edf.Option.DROP_INCOMPLETE_RECORDS);
        if (declaredRecords < 0) {
            records = (int) Math.min(dataBytes / recordBytes, EdfRecording.MAX_RECORDS);
            long rest = dataBytes - records * recordBytes;
            if (rest != 0) {
                if (!drop) {
                    throw error("truncated data: number of records is -1 (unknown) and the " + dataBytes
                            + " data bytes are " + records + " records of " + recordBytes + " bytes plus " + rest
                            + " bytes of an incomplete record");
                }
                notes.add("DROP_INCOMPLETE_RECORDS: kept " + records + " complete records, dropped " + rest
                        + " bytes of an incomplete record");
            }
        } else {
            long expected = declaredRecords * recordBytes;
            if (dataBytes < expected) {
                long complete = dataBytes / recordBytes;
                if (!drop) {
                    throw error("truncated data: the header declares " + declaredRecords + " records of " + recordBytes
                            + " bytes (" + expected + " bytes after the " + headerBytes + "-byte header) but " + dataBytes
                            + " bytes follow; record " + (complete + 1) + " of " + declaredRecords + " is incomplete");
                }
                records = (int) complete;
                notes.add("DROP_INCOMPLETE_RECORDS: kept " + complete + " of " + declaredRecords
                        + " declared records (the file ends " + (dataBytes - complete * recordBytes)
                        + " bytes into record " + (complete + 1) + ")");
            } else if (dataBytes > expected) {
                long extra = dataBytes - expected;
                String hint = "";
                if (countCrLf(b, headerBytes) == extra) {
                    hint = "; the excess equals the number of CR LF byte pairs in the data (" + extra + "), so the file"
                            + " has probably been converted to CRLF line endings as text: Edf.Option.REPAIR_CRLF undoes that";
                }
                throw error("the header declares " + declaredRecords + " records of " + recordBytes + " bytes ("
                        + expected + " bytes after the " + headerBytes + "-byte header) but " + dataBytes + " bytes follow: "
                        + extra + " bytes too many" + hint);
            } else {
                records = (int) declaredRecords;
            }
        }

        int dataSignals = signals.size();
        short[][] digital = new short[dataSignals][];
        int[] dataSpr = new int[dataSignals];
        for (int s = 0, d = 0; s < ns; s++) {
            if (!isAnnotation[s]) {
                long n = (long) records * spr[s];
                if (n > Integer.MAX_VALUE - 8) {
                    throw error("signal " + s + " has " + n + " samples, more than a Java array holds");
                }
                digital[d] = new short[(int) n];
                dataSpr[d++] = spr[s];
            }
        }
        double[] onsets = format.isPlus() ? new double[records] : null;
        List<Annotation> annotations = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long pos = headerBytes;
        for (int r = 0; r < records; r++) {
            for (int s = 0, d = 0; s < ns; s++) {
                int p = (int) pos;
                if (isAnnotation[s]) {
                    parseTals(p, 2 * spr[s], r, s, s == firstAnnotation, onsets, annotations);
                } else {
                    buf.position(p);
                    buf.asShortBuffer().get(digital[d], r * dataSpr[d], spr[s]);
                    d++;
                }
                pos += 2L * spr[s];
            }
        }
        if (format == EdfFormat.EDF_PLUS_C) {
            for (int r = 1; r < records; r++) {
                double expected = onsets[0] + r * duration;
                if (Math.abs(onsets[r] - expected) > EdfRecording.continuityTolerance(expected)) {
                    throw error("EDF+C (continuous) but the time-keeping TAL of record " + r + " says it starts at "
                            + onsets[r] + " s, not at " + onsets[0] + " + " + r + " * " + duration + " = " + expected + " s");
                }
            }
        }

        EdfRecording.Builder builder = EdfRecording.builder().patient(patient).recording(recordingId).start(start)
                .recordDuration(duration).format(format).numberOfRecords(records).annotations(annotations)
                .recordOnsets(onsets);
        for (int d = 0; d < dataSignals; d++) {
            builder.addSignalShared(signals.get(d), digital[d]);
        }
        try {
            return EdfRecording.fromReader(builder, notes);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** Decodes the TALs in {@code b[off, off + len)}: the annotation signal {@code s} of record {@code r}. */
    private void parseTals(int off, int len, int r, int s, boolean timeKeeping, double[] onsets, List<Annotation> out) {
        int end = off + len;
        int p = off;
        boolean first = true;
        String where = "record " + r + ", annotation signal " + s;
        while (p < end) {
            if (b[p] == 0) {
                p++;
                continue;
            }
            int talStart = p;
            if (b[p] != '+' && b[p] != '-') {
                throw error(where + ": TAL at byte " + talStart + " starts with 0x" + hex(b[p]) + ", not '+' or '-'"
                        + (first && timeKeeping ? " (every record's annotation signal must begin with a time-keeping TAL)" : ""));
            }
            int q = p + 1;
            while (q < end && isNumberChar(b[q])) {
                q++;
            }
            String onsetText = new String(b, p, q - p, StandardCharsets.US_ASCII);
            if (!TAL_ONSET.matcher(onsetText).matches()) {
                throw error(where + ": TAL at byte " + talStart + " has onset '" + onsetText + "', not a signed decimal");
            }
            double onset = Double.parseDouble(onsetText);
            double duration = Double.NaN;
            if (q < end && b[q] == 0x15) {
                int d0 = ++q;
                while (q < end && isNumberChar(b[q])) {
                    q++;
                }
                String durText = new String(b, d0, q - d0, StandardCharsets.US_ASCII);
                if (!TAL_DURATION.matcher(durText).matches()) {
                    throw error(where + ": TAL at byte " + talStart + " has duration '" + durText + "', not an unsigned decimal");
                }
                duration = Double.parseDouble(durText);
            }
            if (q >= end || b[q] != 0x14) {
                throw error(where + ": TAL at byte " + talStart + ": onset '" + onsetText + "' is followed by "
                        + (q >= end ? "the end of the annotation signal" : "0x" + hex(b[q])) + ", not 0x14");
            }
            q++;
            List<String> texts = new ArrayList<>();
            while (true) {
                if (q >= end) {
                    throw error(where + ": TAL at byte " + talStart + " is not terminated by 0x00 before the end of the"
                            + " record's annotation signal");
                }
                if (b[q] == 0) {
                    q++;
                    break;
                }
                int t0 = q;
                while (q < end && b[q] != 0x14 && b[q] != 0) {
                    q++;
                }
                if (q >= end || b[q] == 0) {
                    throw error(where + ": annotation text at byte " + t0 + " (TAL at byte " + talStart
                            + ") is not closed by 0x14");
                }
                texts.add(utf8(t0, q, where));
                q++;
            }
            if (first && timeKeeping) {
                if (texts.isEmpty() || !texts.get(0).isEmpty()) {
                    throw error(where + ": the first TAL (byte " + talStart + ") is not a time-keeping TAL"
                            + " ('+onset' 0x14 0x14 with an empty first annotation)");
                }
                onsets[r] = onset;
                texts = texts.subList(1, texts.size());
            }
            first = false;
            for (String text : texts) {
                if (text.isEmpty()) {
                    continue;
                }
                try {
                    out.add(new Annotation(onset, duration, text));
                } catch (IllegalArgumentException e) {
                    throw error(where + ": TAL at byte " + talStart + ": " + e.getMessage());
                }
            }
            p = q;
        }
        if (first && timeKeeping) {
            throw error(where + ": no time-keeping TAL (the annotation signal of every EDF+ record must begin with one)");
        }
    }

    private static boolean isNumberChar(byte c) {
        return (c >= '0' && c <= '9') || c == '.';
    }

    private String utf8(int from, int to, String where) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw error(where + ": annotation text at byte " + from + " is not valid UTF-8");
        }
    }

    private static String hex(byte v) {
        return String.format("%02X", v & 0xff);
    }

    private EdfFormat format(String reserved) {
        if (reserved.startsWith("EDF+C")) {
            return EdfFormat.EDF_PLUS_C;
        }
        if (reserved.startsWith("EDF+D")) {
            return EdfFormat.EDF_PLUS_D;
        }
        if (reserved.startsWith("EDF+")) {
            throw error("reserved field (bytes 192-235) starts with '" + reserved.substring(0, Math.min(5, reserved.length()))
                    + "', EDF+ needs EDF+C or EDF+D");
        }
        return EdfFormat.EDF;
    }

    private LocalDateTime startDateTime() {
        String date = text(168, 8, "startdate");
        String time = text(176, 8, "starttime");
        Matcher dm = DATE.matcher(date);
        if (!dm.matches()) {
            throw error("header field 'startdate' (bytes 168-175) is '" + date + "', not dd.mm.yy");
        }
        Matcher tm = DATE.matcher(time);
        if (!tm.matches()) {
            throw error("header field 'starttime' (bytes 176-183) is '" + time + "', not hh.mm.ss");
        }
        int yy = Integer.parseInt(dm.group(3));
        int year = yy >= 85 ? 1900 + yy : 2000 + yy;
        try {
            return LocalDateTime.of(LocalDate.of(year, Integer.parseInt(dm.group(2)), Integer.parseInt(dm.group(1))),
                    LocalTime.of(Integer.parseInt(tm.group(1)), Integer.parseInt(tm.group(2)), Integer.parseInt(tm.group(3))));
        } catch (DateTimeException e) {
            throw error("start date/time '" + date + " " + time + "' is not a valid date and time: " + e.getMessage());
        }
    }

    /** A printable-ASCII header field without trailing blanks. */
    private String text(int off, int width, String field) {
        for (int i = off; i < off + width; i++) {
            int c = b[i] & 0xff;
            if (c < 32 || c > 126) {
                throw error("header field '" + field + "' (bytes " + off + "-" + (off + width - 1) + ") holds byte 0x"
                        + hex(b[i]) + " at byte " + i + "; EDF header text must be printable US-ASCII");
            }
        }
        return new String(b, off, width, StandardCharsets.US_ASCII).stripTrailing();
    }

    private long integer(int off, int width, String field, long min, long max) {
        String t = text(off, width, field).strip();
        if (!INTEGER.matcher(t).matches() || t.length() > 18) {
            throw error("header field '" + field + "' (bytes " + off + "-" + (off + width - 1) + ") is '" + t
                    + "', not an integer");
        }
        long v = Long.parseLong(t);
        if (v < min || v > max) {
            throw error("header field '" + field + "' (bytes " + off + "-" + (off + width - 1) + ") is " + v
                    + ", outside [" + min + ", " + max + "]");
        }
        return v;
    }

    private double number(int off, int width, String field) {
        String t = text(off, width, field).strip();
        if (!EdfFields.DECIMAL.matcher(t).matches()) {
            throw error("header field '" + field + "' (bytes " + off + "-" + (off + width - 1) + ") is '" + t
                    + "', not a number");
        }
        return Double.parseDouble(t);
    }

    private int signalFieldOffset(int ns, int s, int field) {
        int off = 256;
        for (int f = 0; f < field; f++) {
            off += ns * WIDTHS[f];
        }
        return off + s * WIDTHS[field];
    }

    private String signalText(int ns, int s, int field) {
        return text(signalFieldOffset(ns, s, field), WIDTHS[field], FIELD_NAMES[field] + "' of signal '" + s);
    }

    private long signalInteger(int ns, int s, int field, long min, long max) {
        return integer(signalFieldOffset(ns, s, field), WIDTHS[field], FIELD_NAMES[field] + "' of signal '" + s, min, max);
    }

    private double signalNumber(int ns, int s, int field) {
        return number(signalFieldOffset(ns, s, field), WIDTHS[field], FIELD_NAMES[field] + "' of signal '" + s);
    }
}
