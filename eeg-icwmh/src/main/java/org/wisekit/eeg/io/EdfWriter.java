package org.wisekit.eeg.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** The EDF/EDF+ writer behind {@link Edf#write}. */
final class EdfWriter {

    private EdfWriter() {
    }

    static byte[] toBytes(EdfRecording rec) {
        boolean plus = rec.format().isPlus();
        int nd = rec.signalCount();
        int ns = nd + (plus ? 1 : 0);
        int n = rec.numberOfRecords();
        byte[][] blocks = plus ? annotationBlocks(rec) : new byte[0][];
        int annSpr = 0;
        if (plus) {
            int max = 0;
            for (byte[] block : blocks) {
                max = Math.max(max, block.length);
            }
            annSpr = Math.max(1, (max + 1) / 2);
            if (annSpr > 99_999_999) {
                throw new IllegalArgumentException("the annotations of one record need " + max
                        + " bytes, more than the EDF header can declare");
            }
        }
        int headerBytes = 256 * (ns + 1);
        long recordBytes = 2L * annSpr;
        for (EdfSignal s : rec.signals()) {
            recordBytes += 2L * s.samplesPerRecord();
        }
        long total = headerBytes + n * recordBytes;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the EDF file would have " + total + " bytes, more than one byte array holds");
        }
        byte[] out = new byte[(int) total];
        Arrays.fill(out, 0, headerBytes, (byte) ' ');
        put(out, 0, 8, "0");
        put(out, 8, 80, rec.patient());
        put(out, 88, 80, rec.recording());
        var st = rec.start();
        put(out, 168, 8, String.format("%02d.%02d.%02d", st.getDayOfMonth(), st.getMonthValue(), st.getYear() % 100));
        put(out, 176, 8, String.format("%02d.%02d.%02d", st.getHour(), st.getMinute(), st.getSecond()));
        put(out, 184, 8, Integer.toString(headerBytes));
        put(out, 192, 44, rec.format().reservedField());
        put(out, 236, 8, Integer.toString(n));
        put(out, 244, 8, EdfFields.format(rec.recordDurationSeconds(), 8));
        put(out, 252, 4, Integer.toString(ns));
        List<EdfSignal> sig = rec.signals();
        int off = 256;
        for (int s = 0; s < ns; s++) {
            put(out, off + s * 16, 16, s < nd ? sig.get(s).label() : EdfSignal.ANNOTATIONS_LABEL);
        }
        off += 16 * ns;
        for (int s = 0; s < ns; s++) {
            put(out, off + s * 80, 80, s < nd ? sig.get(s).transducer() : "");
        }
        off += 80 * ns;
        for (int s = 0; s < ns; s++) {
            put(out, off + s * 8, 8, s < nd ? sig.get(s).physicalDimension() : "");
        }
        off += 8 * ns;
        for (int s = 0; s < ns; s++) {
            put(out, off + s * 8, 8, s < nd ? EdfFields.format(sig.get(s).physicalMin(), 8) : "-1");
        }
        off += 8 * ns;
        for (int s = 0; s < ns; s++) {
            put(out, off + s * 8, 8, s < nd ? EdfFields.format(sig.get(s).physicalMax(), 8) : "1");
        }
        off += 8 * ns;
        for (int s = 0; s < ns; s++) {
            put(out, off + s * 8, 8, Integer.toString(s < nd ? sig.get(s).digitalMin() : Short.MIN_VALUE));
        }
        off += 8 * ns;
        for (int s = 0; s < ns; s++) {
            put(out, off + s * 8, 8, Integer.toString(s < nd ? sig.get(s).digitalMax() : Short.MAX_VALUE));
        }
        off += 8 * ns;
        for (int s = 0; s < ns; s++) {
            put(out, off + s * 80, 80, s < nd ? sig.get(s).prefilter() : "");
        }
        off += 80 * ns;
        for (int s = 0; s < ns; s++) {
            put(out, off + s * 8, 8, Integer.toString(s < nd ? sig.get(s).samplesPerRecord() : annSpr));
        }
        // the 32-byte reserved fields stay blank

        ByteBuffer buf = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        buf.position(headerBytes);
        for (int r = 0; r < n; r++) {
            for (int s = 0; s < nd; s++) {
                short[] d = rec.digitalInternal(s);
                int spr = sig.get(s).samplesPerRecord();
                for (int k = r * spr, end = k + spr; k < end; k++) {
                    buf.putShort(d[k]);
                }
            }
            if (plus) {
                int p = buf.position();
                buf.put(blocks[r]);
                buf.position(p + 2 * annSpr); // the rest of the block stays 0
            }
        }
        return out;
    }

    /** Per record: the time-keeping TAL, then the TALs of the annotations that start in that record. */
    private static byte[][] annotationBlocks(EdfRecording rec) {
        int n = rec.numberOfRecords();
        double[] onsets = rec.recordOnsetsInternal();
        ByteArrayOutputStream[] blocks = new ByteArrayOutputStream[n];
        for (int r = 0; r < n; r++) {
            blocks[r] = new ByteArrayOutputStream();
            writeAscii(blocks[r], EdfFields.talNumber(onsets[r], true));
            blocks[r].write(0x14);
            blocks[r].write(0x14);
            blocks[r].write(0);
        }
        for (Annotation a : rec.annotations()) {
            ByteArrayOutputStream o = blocks[recordOf(onsets, a.onsetSeconds())];
            writeAscii(o, EdfFields.talNumber(a.onsetSeconds(), true));
            if (a.hasDuration()) {
                o.write(0x15);
                writeAscii(o, EdfFields.talNumber(a.durationSeconds(), false));
            }
            o.write(0x14);
            byte[] text = a.text().getBytes(StandardCharsets.UTF_8);
            o.write(text, 0, text.length);
            o.write(0x14);
            o.write(0);
        }
        byte[][] out = new byte[n][];
        for (int r = 0; r < n; r++) {
            out[r] = blocks[r].toByteArray();
        }
        return out;
    }

    /** The last record starting at or before {@code t} (record 0 for earlier times). */
    private static int recordOf(double[] onsets, double t) {
        int lo = 0;
        int hi = onsets.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (onsets[mid] <= t) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static void writeAscii(ByteArrayOutputStream o, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        o.write(bytes, 0, bytes.length);
    }

    private static void put(byte[] out, int off, int width, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > width) {
            throw new IllegalStateException("'" + value + "' does not fit the " + width + "-byte field at " + off);
        }
        System.arraycopy(bytes, 0, out, off, bytes.length);
    }
}
