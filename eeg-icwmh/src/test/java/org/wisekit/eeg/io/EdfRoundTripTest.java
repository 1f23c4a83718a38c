package org.wisekit.eeg.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EdfRoundTripTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(EdfFormat.class)
    void writeThenReadIsBitExact(EdfFormat format) throws Exception {
        EdfRecording rec = EdfTestData.small(format);
        Path file = tmp.resolve("small.edf");
        Edf.write(rec, file);
        EdfRecording back = Edf.read(file);

        assertThat(back).isEqualTo(rec);
        assertThat(back.readNotes()).isEmpty();
        assertThat(back.format()).isEqualTo(format);
        assertThat(back.patient()).isEqualTo("MCH-0234567 F 02-MAY-1951 Haagse_Harry");
        assertThat(back.recording()).isEqualTo("Startdate 02-MAR-2002 PSG-1234/2002 NN Telemetry03");
        assertThat(back.start()).isEqualTo(LocalDateTime.of(2002, 3, 2, 14, 5, 9));
        assertThat(back.recordDurationSeconds()).isEqualTo(0.5);
        assertThat(back.numberOfRecords()).isEqualTo(5);
        assertThat(back.signals()).isEqualTo(rec.signals());
        for (int s = 0; s < rec.signalCount(); s++) {
            assertThat(back.digital(s)).isEqualTo(rec.digital(s));
            assertThat(back.physical(s)).isEqualTo(rec.physical(s));
        }
        assertThat(back.annotations()).isEqualTo(rec.annotations());
        for (int r = 0; r < rec.numberOfRecords(); r++) {
            assertThat(back.recordOnsetSeconds(r)).isEqualTo(rec.recordOnsetSeconds(r));
        }
        // and the second write gives the same bytes
        assertThat(Edf.toBytes(back)).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void layoutMatchesTheSpecificationByteForByte() {
        EdfRecording rec = EdfTestData.small(EdfFormat.EDF_PLUS_C);
        byte[] bytes = Edf.toBytes(rec);
        RawEdf raw = new RawEdf(bytes);
        assertThat(raw.ns).isEqualTo(4);
        assertThat(raw.headerBytes).isEqualTo(256 * 5);
        assertThat(raw.field(0, 8)).isEqualTo("0");
        assertThat(raw.field(168, 8)).isEqualTo("02.03.02");
        assertThat(raw.field(176, 8)).isEqualTo("14.05.09");
        assertThat(raw.field(192, 44)).isEqualTo("EDF+C");
        assertThat(raw.field(236, 8)).isEqualTo("5");
        assertThat(raw.field(244, 8)).isEqualTo("0.5");
        assertThat(raw.signalField(0, 0)).isEqualTo("EEG Fp1");
        assertThat(raw.signalField(0, 3)).isEqualTo("-3276.8");
        assertThat(raw.signalField(2, 3)).isEqualTo("0.5");
        assertThat(raw.signalField(2, 4)).isEqualTo("-0.25");
        assertThat(raw.signalField(3, 0)).isEqualTo("EDF Annotations");
        assertThat(bytes.length).isEqualTo(raw.headerBytes + 5 * raw.recordBytes);
        for (int s = 0; s < 3; s++) {
            int spr = rec.signal(s).samplesPerRecord();
            for (int r = 0; r < 5; r++) {
                for (int k = 0; k < spr; k++) {
                    assertThat(raw.digital(r, s, k)).isEqualTo((int) rec.digital(s)[r * spr + k]);
                    assertThat(raw.physical(r, s, k)).isEqualTo(rec.physical(s, r * spr + k));
                }
            }
        }
        // record 2 starts at 1.0 s: its time-keeping TAL, then the two annotations at 1.0 s
        String block = new String(raw.block(2, 3), StandardCharsets.UTF_8);
        assertThat(block).startsWith("+1\u0014\u0014\u0000+1\u00150.5\u0014Apnée (ünïcödé)\u0014\u0000"
                + "+1\u00150\u0014second at the same onset\u0014\u0000");
        assertThat(new String(raw.block(0, 3), StandardCharsets.US_ASCII))
                .startsWith("+0\u0014\u0014\u0000-0.5\u00150.1\u0014before the first record\u0014\u0000");
    }

    @Test
    void randomRecordingsRoundTripInEveryFormat() {
        for (long seed = 0; seed < 60; seed++) {
            EdfFormat format = EdfFormat.values()[(int) (seed % 3)];
            EdfRecording rec = EdfTestData.random(seed, format);
            byte[] bytes = Edf.toBytes(rec);
            EdfRecording back = Edf.read(bytes, "random-" + seed);
            assertThat(back).as("seed %d", seed).isEqualTo(rec);
            RawEdf raw = new RawEdf(bytes);
            int last = rec.numberOfRecords() - 1;
            int spr = rec.signal(0).samplesPerRecord();
            assertThat(back.physical(0, last * spr + spr - 1)).isEqualTo(raw.physical(last, 0, spr - 1));
        }
    }

    @Test
    void physicalValueFollowsTheEdfFormula() {
        EdfSignal s = EdfSignal.of("x", "uV", -100, 100, -2048, 2047, 1);
        // (0 + 2048) * 200 / 4095 - 100 by hand: 409600 / 4095 - 100 = 0.024420024420...
        assertThat(s.toPhysical(0)).isEqualTo((0 + 2048) * 200.0 / 4095 - 100);
        assertThat(s.toPhysical(0)).isCloseTo(0.0244200244, offset(1e-10));
        assertThat(s.toPhysical(-2048)).isEqualTo(-100.0);
        assertThat(s.toPhysical(2047)).isEqualTo(100.0);
        for (int d = -2048; d <= 2047; d += 7) {
            assertThat((int) s.toDigital(s.toPhysical(d))).isEqualTo(d);
        }
        assertThat((int) s.toDigital(1e9)).isEqualTo(2047);
        assertThat((int) s.toDigital(-1e9)).isEqualTo(-2048);
    }

    @Test
    void annotationOnlyEdfPlusRoundTrips() {
        EdfRecording rec = EdfRecording.builder().numberOfRecords(3).recordDuration(10)
                .annotation(Annotation.of(12.5, "only events")).build();
        EdfRecording back = Edf.read(Edf.toBytes(rec), "annotations-only");
        assertThat(back).isEqualTo(rec);
        assertThat(back.signalCount()).isZero();
        assertThat(back.annotations()).containsExactly(Annotation.of(12.5, "only events"));
    }

    @Test
    void writeReplacesAtomicallyAndLeavesNoTemporaryFile() throws Exception {
        Path file = tmp.resolve("sub/dir/out.edf");
        Edf.write(EdfTestData.small(EdfFormat.EDF), file);
        Edf.write(EdfTestData.small(EdfFormat.EDF_PLUS_C), file);
        assertThat(Edf.read(file).format()).isEqualTo(EdfFormat.EDF_PLUS_C);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("out.edf");
        }
    }

    @Test
    void headerNumbersAreWrittenExactlyOrRefused() {
        EdfSignal s = EdfSignal.of("x", "uV", 0.1234567, 1.5e-300, -10, 10, 1);
        EdfRecording rec = EdfRecording.builder().format(EdfFormat.EDF).addSignal(s, new short[] {1, 2}).build();
        byte[] bytes = Edf.toBytes(rec);
        RawEdf raw = new RawEdf(bytes);
        assertThat(raw.signalField(0, 3)).isEqualTo(".1234567");
        assertThat(raw.signalField(0, 4)).isEqualTo("1.5E-300");
        assertThat(Edf.read(bytes, "numbers")).isEqualTo(rec);

        assertThatThrownBy(() -> EdfSignal.of("x", "uV", -0.1234567, 1, -10, 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("physicalMin")
                .hasMessageContaining("-0.1234567");
        assertThatThrownBy(() -> EdfRecording.builder().recordDuration(1.0 / 3).numberOfRecords(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recordDuration");
        assertThatThrownBy(() -> EdfSignal.of("x", "uV", 0, 1, 5, 5, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("digitalMin");
        assertThatThrownBy(() -> EdfSignal.of("EDF Annotations", "", 0, 1, 0, 5, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> EdfRecording.builder().format(EdfFormat.EDF).addSignal(s, new short[] {1})
                .annotation(Annotation.of(0, "x")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain EDF cannot hold annotations");
        assertThatThrownBy(() -> new Annotation(0, 1, "a\u0014b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text");
        assertThat(List.of(Annotation.of(-0.0, "z").onsetSeconds())).containsExactly(0.0);
    }
}
