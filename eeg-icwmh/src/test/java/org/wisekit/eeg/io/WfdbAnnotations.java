package org.wisekit.eeg.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-only decoder of PhysioNet's binary WFDB annotation files (the {@code .edf.event} sidecars), used as an
 * independent check of the EDF+ annotations: 16-bit little-endian words, the top 6 bits a code and the low 10 bits a
 * time increment in samples; code 59 (SKIP) is followed by a 32-bit increment (high word first), 63 (AUX) by a text
 * of the low-10-bit length padded to even, 60..62 (NUM, SUB, CHAN) carry no time, and a 0 word ends the file.
 */
final class WfdbAnnotations {

    /** One annotation: its time in samples, its code and its AUX text (or null). */
    record Event(long sample, int code, String aux) {
    }

    private WfdbAnnotations() {
    }

    static List<Event> decode(byte[] b) {
        List<Event> out = new ArrayList<>();
        long t = 0;
        int i = 0;
        while (i + 1 < b.length) {
            int w = (b[i] & 0xff) | ((b[i + 1] & 0xff) << 8);
            i += 2;
            int code = w >>> 10;
            int value = w & 0x3ff;
            if (code == 0 && value == 0) {
                break;
            }
            if (code == 59) {
                int hi = (b[i] & 0xff) | ((b[i + 1] & 0xff) << 8);
                int lo = (b[i + 2] & 0xff) | ((b[i + 3] & 0xff) << 8);
                i += 4;
                t += (hi << 16) | lo;
            } else if (code == 63) {
                String aux = new String(b, i, value, StandardCharsets.US_ASCII);
                i += value + (value & 1);
                if (!out.isEmpty()) {
                    Event last = out.remove(out.size() - 1);
                    out.add(new Event(last.sample(), last.code(), aux));
                }
            } else if (code < 60) {
                t += value;
                out.add(new Event(t, code, null));
            }
        }
        return out;
    }
}
