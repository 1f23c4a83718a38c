package org.wisekit.eeg.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EdfMalformedTest {

    private static final String NAME = "bad.edf";

    private static byte[] good(EdfFormat format) {
        return Edf.toBytes(EdfTestData.small(format));
    }

    private static void put(byte[] b, int off, int width, String text) {
        Arrays.fill(b, off, off + width, (byte) ' ');
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, b, off, t.length);
    }

    /** Offset of per-signal field {@code f} of signal {@code s} in a header with {@code ns} signals. */
    private static int fieldOffset(int ns, int s, int f) {
        int[] widths = {16, 80, 8, 8, 8, 8, 8, 80, 8, 32};
        int off = 256;
        for (int i = 0; i < f; i++) {
            off += ns * widths[i];
        }
        return off + s * widths[f];
    }

    @Test
    void truncatedDataNamesFileAndRecord() {
        byte[] b = good(EdfFormat.EDF_PLUS_C);
        RawEdf raw = new RawEdf(b);
        byte[] cut = Arrays.copyOf(b, (int) (raw.headerBytes + 3 * raw.recordBytes + 7));
        assertThatThrownBy(() -> Edf.read(cut, NAME)).isInstanceOf(EegFormatException.class)
                .hasMessageStartingWith(NAME + ": truncated data").hasMessageContaining("record 4 of 5 is incomplete");
        EdfRecording kept = Edf.read(cut, NAME, Edf.Option.DROP_INCOMPLETE_RECORDS);
        assertThat(kept.numberOfRecords()).isEqualTo(3);
        assertThat(kept.readNotes()).singleElement().asString().contains("kept 3 of 5");
        EdfRecording full = Edf.read(b, NAME);
        assertThat(kept.digital(0)).isEqualTo(Arrays.copyOf(full.digital(0), 30));
        assertThat(kept.annotations()).allMatch(a -> a.onsetSeconds() < 1.5);
        assertThat(kept.annotations()).hasSize(5); // the one at 2.4999 s sat in record 4

        assertThatThrownBy(() -> Edf.read(Arrays.copyOf(b, 200), NAME)).isInstanceOf(EegFormatException.class)
                .hasMessageContaining("truncated header");
        assertThatThrownBy(() -> Edf.read(Arrays.copyOf(b, 700), NAME)).isInstanceOf(EegFormatException.class)
                .hasMessageContaining("truncated header").hasMessageContaining("4 signals need a 1280-byte header");
    }

    @Test
    void headerLengthThatDoesNotMatchTheSignalCount() {
        byte[] b = good(EdfFormat.EDF);
        put(b, 184, 8, "768");
        assertThatThrownBy(() -> Edf.read(b, NAME)).isInstanceOf(EegFormatException.class)
                .hasMessage(NAME + ": header length field (bytes 184-191) says 768 bytes, but with 3 signals the header"
                        + " has 256 * (3 + 1) = 1024 bytes");
    }

    @Test
    void nonNumericAndInconsistentHeaderFields() {
        byte[] b1 = good(EdfFormat.EDF);
        put(b1, fieldOffset(3, 1, 3), 8, "-1,5");
        assertThatThrownBy(() -> Edf.read(b1, NAME)).isInstanceOf(EegFormatException.class)
                .hasMessageContaining(NAME + ": header field 'physical minimum' of signal '1'").hasMessageContaining("'-1,5', not a number");

        byte[] b2 = good(EdfFormat.EDF);
        put(b2, 236, 8, "five");
        assertThatThrownBy(() -> Edf.read(b2, NAME)).hasMessageContaining("'number of data records' (bytes 236-243) is 'five', not an integer");

        byte[] b3 = good(EdfFormat.EDF);
        put(b3, fieldOffset(3, 0, 5), 8, "40000");
        put(b3, fieldOffset(3, 0, 6), 8, "50000");
        assertThatThrownBy(() -> Edf.read(b3, NAME)).hasMessageContaining("digital minimum' of signal '0'")
                .hasMessageContaining("outside [-32768, 32767]");

        byte[] b4 = good(EdfFormat.EDF);
        put(b4, fieldOffset(3, 1, 5), 8, "2047");
        assertThatThrownBy(() -> Edf.read(b4, NAME)).isInstanceOf(EegFormatException.class)
                .hasMessage(NAME + ": signal 1 ('EEG C3'): digital minimum 2047 is not below digital maximum 2047");

        byte[] b5 = good(EdfFormat.EDF);
        put(b5, 168, 8, "31.02.02");
        assertThatThrownBy(() -> Edf.read(b5, NAME)).hasMessageContaining("not a valid date");

        byte[] b6 = good(EdfFormat.EDF);
        b6[0] = (byte) 0xff;
        assertThatThrownBy(() -> Edf.read(b6, NAME)).hasMessageContaining("BDF");

        byte[] b7 = good(EdfFormat.EDF);
        b7[20] = (byte) 0xe9;
        assertThatThrownBy(() -> Edf.read(b7, NAME)).hasMessageContaining("'local patient identification'")
                .hasMessageContaining("0xE9 at byte 20");
    }

    @Test
    void reservedFieldMustAgreeWithTheAnnotationSignal() {
        byte[] plus = good(EdfFormat.EDF_PLUS_C);
        put(plus, 192, 44, "");
        assertThatThrownBy(() -> Edf.read(plus, NAME)).isInstanceOf(EegFormatException.class)
                .hasMessageContaining("signal 3 is labelled 'EDF Annotations' but the reserved field");

        byte[] plain = good(EdfFormat.EDF);
        put(plain, 192, 44, "EDF+C");
        assertThatThrownBy(() -> Edf.read(plain, NAME)).hasMessageContaining("reserved field (bytes 192-235) says EDF+C"
                + " but no signal is labelled 'EDF Annotations'");

        byte[] odd = good(EdfFormat.EDF_PLUS_C);
        put(odd, 192, 44, "EDF+X");
        assertThatThrownBy(() -> Edf.read(odd, NAME)).hasMessageContaining("EDF+ needs EDF+C or EDF+D");
    }

    /** The byte offset of the annotation block of record {@code r}. */
    private static int block(byte[] b, int r) {
        RawEdf raw = new RawEdf(b);
        long off = raw.headerBytes + r * raw.recordBytes;
        for (int s = 0; s < raw.ns - 1; s++) {
            off += 2L * raw.spr[s];
        }
        return (int) off;
    }

    @Test
    void malformedTalsNameRecordAndByte() {
        byte[] b1 = good(EdfFormat.EDF_PLUS_C);
        int off = block(b1, 2);
        b1[off] = 'x';
        assertThatThrownBy(() -> Edf.read(b1, NAME)).isInstanceOf(EegFormatException.class)
                .hasMessage(NAME + ": record 2, annotation signal 3: TAL at byte " + off + " starts with 0x78, not '+' or"
                        + " '-' (every record's annotation signal must begin with a time-keeping TAL)");

        byte[] b2 = good(EdfFormat.EDF_PLUS_C);
        int off2 = block(b2, 2);
        // "+1\x14\x14\x00+1\x150.5\x14Apn..." : break the 0x14 after the second onset's duration
        int sep = indexOf(b2, off2 + 5, (byte) 0x14);
        b2[sep] = '#';
        assertThatThrownBy(() -> Edf.read(b2, NAME)).hasMessageContaining("record 2, annotation signal 3: TAL at byte "
                + (off2 + 5)).hasMessageContaining("is followed by 0x23, not 0x14");

        byte[] b3 = good(EdfFormat.EDF_PLUS_C);
        int off3 = block(b3, 0);
        RawEdf raw3 = new RawEdf(b3);
        Arrays.fill(b3, off3, off3 + 2 * raw3.spr[3], (byte) 0);
        byte[] tal = "+0\u0014A\u0014\u0000".getBytes(StandardCharsets.US_ASCII); // well formed, but not time-keeping
        System.arraycopy(tal, 0, b3, off3, tal.length);
        assertThatThrownBy(() -> Edf.read(b3, NAME)).hasMessageContaining("record 0, annotation signal 3: the first TAL"
                + " (byte " + off3 + ") is not a time-keeping TAL");

        byte[] b4 = good(EdfFormat.EDF_PLUS_C);
        int off4 = block(b4, 4);
        RawEdf raw = new RawEdf(b4);
        Arrays.fill(b4, off4, off4 + 2 * raw.spr[3], (byte) 'A');
        b4[off4] = '+';
        b4[off4 + 1] = '2';
        b4[off4 + 2] = 0x14;
        assertThatThrownBy(() -> Edf.read(b4, NAME)).hasMessageContaining("record 4, annotation signal 3")
                .hasMessageContaining("is not closed by 0x14");

        byte[] b5 = good(EdfFormat.EDF_PLUS_C);
        int off5 = block(b5, 1);
        b5[off5 + 1] = '7'; // record 1 claims to start at 7 s in a continuous file
        assertThatThrownBy(() -> Edf.read(b5, NAME)).hasMessageContaining("EDF+C (continuous) but the time-keeping TAL of"
                + " record 1 says it starts at 7.5 s");
    }

    private static int indexOf(byte[] b, int from, byte v) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static byte[] toCrLf(byte[] b, int from) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(b, 0, from);
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                o.write('\r');
            }
            o.write(b[i]);
        }
        return o.toByteArray();
    }

    @Test
    void crlfConvertedFileFailsWithAHintAndIsRepairedOnRequest() {
        EdfRecording rec = EdfTestData.small(EdfFormat.EDF_PLUS_C);
        byte[] b = Edf.toBytes(rec);
        RawEdf raw = new RawEdf(b);
        byte[] converted = toCrLf(b, raw.headerBytes);
        int extra = converted.length - b.length;
        assertThat(extra).isPositive();
        assertThatThrownBy(() -> Edf.read(converted, NAME)).isInstanceOf(EegFormatException.class)
                .hasMessageContaining(extra + " bytes too many").hasMessageContaining("Edf.Option.REPAIR_CRLF");
        EdfRecording repaired = Edf.read(converted, NAME, Edf.Option.REPAIR_CRLF);
        assertThat(repaired).isEqualTo(rec);
        assertThat(repaired.readNotes()).singleElement().asString().contains("replaced " + extra + " CR LF byte pairs");
    }

    @Test
    void repairLeavesAnIntactFileWithCrLfBytesUnchanged() {
        // samples 0x0A0D are the bytes 0D 0A (CR LF) on disk: an intact file, not a converted one
        EdfSignal s = EdfSignal.of("x", "uV", -100, 100, -32768, 32767, 4);
        short crlf = (short) 0x0A0D;
        EdfRecording rec = EdfRecording.builder().addSignal(s, new short[] {crlf, 1, crlf, crlf, 5, crlf, 7, 8})
                .annotation(Annotation.of(0.5, "x")).build();
        byte[] b = Edf.toBytes(rec);
        assertThat(EdfReader.countCrLf(b, new RawEdf(b).headerBytes)).isEqualTo(4);
        EdfRecording read = Edf.read(b, NAME, Edf.Option.REPAIR_CRLF);
        assertThat(read).isEqualTo(rec);
        assertThat(read.readNotes()).isEmpty();
    }

    @Test
    void repairThatDoesNotHelpReportsBothErrors() {
        byte[] b = good(EdfFormat.EDF);
        RawEdf raw = new RawEdf(b);
        byte[] longer = Arrays.copyOf(b, b.length + 3);
        longer[b.length] = '\r';
        longer[b.length + 1] = '\n';
        assertThatThrownBy(() -> Edf.read(longer, NAME, Edf.Option.REPAIR_CRLF)).isInstanceOf(EegFormatException.class)
                .hasMessageContaining("3 bytes too many").hasMessageContaining("undoing a CRLF conversion (1 CR LF pairs)"
                        + " did not help").hasMessageContaining("2 bytes too many");
        assertThat(raw.ns).isEqualTo(3);
    }
}
