package org.wisekit.eeg.io;

import java.nio.charset.StandardCharsets;

/**
 * A deliberately naive, independent view of EDF bytes for tests: reads header fields at their fixed offsets and
 * decodes single samples straight from the bytes, without the library's parser.
 */
final class RawEdf {

    final byte[] b;
    final int ns;
    final int headerBytes;
    final int[] spr;
    final long recordBytes;

    RawEdf(byte[] bytes) {
        this.b = bytes;
        this.ns = Integer.parseInt(field(252, 4));
        this.headerBytes = Integer.parseInt(field(184, 8));
        this.spr = new int[ns];
        long rb = 0;
        for (int s = 0; s < ns; s++) {
            spr[s] = Integer.parseInt(signalField(s, 8));
            rb += 2L * spr[s];
        }
        this.recordBytes = rb;
    }

    String field(int off, int width) {
        return new String(b, off, width, StandardCharsets.US_ASCII).trim();
    }

    /** Per-signal field {@code f} (0 label .. 9 reserved) of signal {@code s}. */
    String signalField(int s, int f) {
        int[] widths = {16, 80, 8, 8, 8, 8, 8, 80, 8, 32};
        int off = 256;
        for (int i = 0; i < f; i++) {
            off += ns * widths[i];
        }
        return field(off + s * widths[f], widths[f]);
    }

    /** The raw int16 of signal {@code s}, sample {@code k} of record {@code r}. */
    int digital(int r, int s, int k) {
        long off = headerBytes + r * recordBytes;
        for (int i = 0; i < s; i++) {
            off += 2L * spr[i];
        }
        off += 2L * k;
        return (short) ((b[(int) off] & 0xff) | (b[(int) off + 1] << 8));
    }

    /** The physical value by the EDF formula, from header text and raw bytes only. */
    double physical(int r, int s, int k) {
        double pmin = Double.parseDouble(signalField(s, 3));
        double pmax = Double.parseDouble(signalField(s, 4));
        int dmin = Integer.parseInt(signalField(s, 5));
        int dmax = Integer.parseInt(signalField(s, 6));
        return (digital(r, s, k) - dmin) * (pmax - pmin) / (dmax - dmin) + pmin;
    }

    /** The bytes of the annotation signal {@code s} in record {@code r}. */
    byte[] block(int r, int s) {
        long off = headerBytes + r * recordBytes;
        for (int i = 0; i < s; i++) {
            off += 2L * spr[i];
        }
        byte[] out = new byte[2 * spr[s]];
        System.arraycopy(b, (int) off, out, 0, out.length);
        return out;
    }
}
