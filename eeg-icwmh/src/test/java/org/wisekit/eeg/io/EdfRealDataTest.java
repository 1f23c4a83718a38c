package org.wisekit.eeg.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.wisekit.datasets.Dataset;
import org.wisekit.datasets.testing.RealData;

/**
 * PhysioNet EEG Motor Movement/Imagery, subject S001, runs R01..R14 as mirrored in the shared data folder. These
 * copies went through a text-mode LF to CRLF conversion (every 0x0A byte after the header is preceded by an
 * inserted 0x0D; R01 and R02 were also cut back to their original length, losing the end of their last record),
 * so they read only with {@link Edf.Option#REPAIR_CRLF} (plus {@link Edf.Option#DROP_INCOMPLETE_RECORDS} for R01
 * and R02). The repair is checked against the files' own time-keeping TALs and against the independent
 * {@code .edf.event} sidecars.
 */
class EdfRealDataTest {

    private static final String DIR = "eeg/physionet-eegmmidb-S001/";

    /** T0/T1/T2 counts per run, as found in the files (and in the sidecars). */
    private static final Map<Integer, int[]> COUNTS = Map.ofEntries(
            Map.entry(1, new int[] {1, 0, 0}), Map.entry(2, new int[] {1, 0, 0}),
            Map.entry(3, new int[] {15, 8, 7}), Map.entry(4, new int[] {15, 8, 7}),
            Map.entry(5, new int[] {15, 8, 7}), Map.entry(6, new int[] {15, 7, 8}),
            Map.entry(7, new int[] {15, 8, 7}), Map.entry(8, new int[] {15, 8, 7}),
            Map.entry(9, new int[] {15, 8, 7}), Map.entry(10, new int[] {15, 7, 8}),
            Map.entry(11, new int[] {15, 7, 8}), Map.entry(12, new int[] {15, 7, 8}),
            Map.entry(13, new int[] {15, 7, 8}), Map.entry(14, new int[] {15, 7, 8}));

    private static Path file(int run) {
        String name = String.format("%sS001R%02d.edf", DIR, run);
        return RealData.load(d -> d.verifiedPath(Dataset.EEG, name));
    }

    private static Path sidecar(int run) {
        String name = String.format("%sS001R%02d.edf.event", DIR, run);
        return RealData.load(d -> d.verifiedPath(Dataset.EEG, name));
    }

    private static final Map<Integer, EdfRecording> CACHE = new ConcurrentHashMap<>();

    private static EdfRecording read(int run) {
        return CACHE.computeIfAbsent(run, r -> r <= 2
                ? Edf.read(file(r), Edf.Option.REPAIR_CRLF, Edf.Option.DROP_INCOMPLETE_RECORDS)
                : Edf.read(file(r), Edf.Option.REPAIR_CRLF));
    }

    /** The test's own undo of the LF to CRLF conversion, for the independent recomputation. */
    private static byte[] undoCrLf(byte[] b, int from) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(b, 0, from);
        for (int i = from; i < b.length; i++) {
            if (!(b[i] == '\r' && i + 1 < b.length && b[i + 1] == '\n')) {
                o.write(b[i]);
            }
        }
        return o.toByteArray();
    }

    @Test
    void everyRunParsesWith64ChannelsAt160HzAndTheExpectedEvents() {
        for (int run = 1; run <= 14; run++) {
            EdfRecording rec = read(run);
            String what = "run " + run;
            assertThat(rec.format()).as(what).isEqualTo(EdfFormat.EDF_PLUS_C);
            assertThat(rec.signalCount()).as(what).isEqualTo(64);
            assertThat(rec.recordDurationSeconds()).as(what).isEqualTo(1.0);
            assertThat(rec.start()).as(what).isEqualTo(LocalDateTime.of(2009, 8, 12, 16, 15, 0));
            assertThat(rec.recording()).as(what).isEqualTo("Startdate 12-AUG-2009 X X BCI2000");
            assertThat(rec.signal(0).label()).isEqualTo("Fc5.");
            assertThat(rec.signal(63).label()).isEqualTo("Iz..");
            for (int s = 0; s < 64; s++) {
                assertThat(rec.sampleRate(s)).as(what).isEqualTo(160.0);
                assertThat(rec.signal(s).physicalDimension()).isEqualTo("uV");
                assertThat(rec.signal(s).digitalMin()).isEqualTo(-8092);
                assertThat(rec.signal(s).physicalMax()).isEqualTo(8092.0);
            }
            int records = run <= 2 ? 60 : 125; // R01/R02 declare 61 records; the 61st is cut short in these copies
            assertThat(rec.numberOfRecords()).as(what).isEqualTo(records);
            assertThat(rec.sampleCount(0)).as(what).isEqualTo(records * 160);
            assertThat(rec.readNotes()).as(what).isNotEmpty().first().asString().startsWith("REPAIR_CRLF");

            Map<String, Integer> counts = new TreeMap<>();
            for (Annotation a : rec.annotations()) {
                counts.merge(a.text(), 1, Integer::sum);
                assertThat(a.durationSeconds()).isEqualTo(run <= 2 ? 60.2 : a.text().equals("T0") ? 4.2 : 4.1);
            }
            int[] expected = COUNTS.get(run);
            assertThat(counts.getOrDefault("T0", 0)).as(what + " T0").isEqualTo(expected[0]);
            assertThat(counts.getOrDefault("T1", 0)).as(what + " T1").isEqualTo(expected[1]);
            assertThat(counts.getOrDefault("T2", 0)).as(what + " T2").isEqualTo(expected[2]);
            assertThat(counts.keySet()).as(what).isSubsetOf("T0", "T1", "T2");
        }
    }

    @Test
    void theMirroredFilesAreRejectedWithoutRepairAndTheErrorSaysWhy() {
        Path r04 = file(4); // outside the lambdas: a skip must not be caught as the expected exception
        Path r01 = file(1);
        assertThatThrownBy(() -> Edf.read(r04)).isInstanceOf(EegFormatException.class)
                .hasMessageContaining("S001R04.edf: the header declares 125 records of 20640 bytes")
                .hasMessageContaining("10853 bytes too many").hasMessageContaining("REPAIR_CRLF");
        // R01 has its declared length, but its bytes are shifted: the first annotation block is not a TAL
        assertThatThrownBy(() -> Edf.read(r01)).isInstanceOf(EegFormatException.class)
                .hasMessageContaining("S001R01.edf: record 0, annotation signal 64");
        assertThatThrownBy(() -> Edf.read(r01, Edf.Option.REPAIR_CRLF)).isInstanceOf(EegFormatException.class)
                .hasMessageContaining("undoing a CRLF conversion (5525 CR LF pairs) did not help")
                .hasMessageContaining("truncated data").hasMessageContaining("record 61 of 61 is incomplete");
    }

    @Test
    void eventsMatchThePhysioNetSidecars() throws Exception {
        for (int run = 3; run <= 14; run++) {
            EdfRecording rec = read(run);
            List<String> fromEdf = new ArrayList<>();
            for (Annotation a : rec.annotations()) {
                fromEdf.add(Math.round(a.onsetSeconds() * 160) + " " + a.text() + " " + a.durationSeconds());
            }
            List<String> fromSidecar = new ArrayList<>();
            for (WfdbAnnotations.Event e : WfdbAnnotations.decode(Files.readAllBytes(sidecar(run)))) {
                if (e.aux() != null && e.aux().startsWith("T")) { // "T1 duration: 4.1"
                    String[] parts = e.aux().split(" ");
                    fromSidecar.add(e.sample() + " " + parts[0] + " " + Double.parseDouble(parts[2]));
                }
            }
            assertThat(fromEdf).as("run %d", run).hasSize(30).isEqualTo(fromSidecar);
        }
    }

    @Test
    void physicalValuesEqualARecomputationFromTheRawBytes() throws Exception {
        byte[] bytes = Files.readAllBytes(file(4));
        RawEdf raw = new RawEdf(undoCrLf(bytes, 256 * 66));
        assertThat(raw.ns).isEqualTo(65);
        assertThat(raw.recordBytes).isEqualTo(2 * (64 * 160 + 80));
        EdfRecording rec = read(4);
        int[][] picks = {{0, 0, 0}, {0, 63, 159}, {17, 8, 42}, {64, 31, 100}, {124, 12, 159}, {124, 63, 0}, {99, 40, 77}};
        for (int[] p : picks) {
            int r = p[0];
            int s = p[1];
            int k = p[2];
            assertThat((int) rec.digital(s)[r * 160 + k]).isEqualTo(raw.digital(r, s, k));
            assertThat(rec.physical(s, r * 160 + k)).as("record %d signal %d sample %d", r, s, k)
                    .isEqualTo(raw.physical(r, s, k));
        }
        // digital and physical scales coincide here (-8092..8092 on both): physical = digital exactly
        assertThat(rec.physical(10, 5000)).isEqualTo((double) rec.digital(10)[5000]);
    }

    @Test
    void realRunSurvivesWriteAndRead() {
        EdfRecording rec = read(8);
        EdfRecording back = Edf.read(Edf.toBytes(rec), "S001R08 rewritten");
        assertThat(back).isEqualTo(rec);
        assertThat(back.readNotes()).isEmpty();
    }

    @Test
    void truncatedRealFileGivesAClearErrorOrItsCompleteRecords() throws Exception {
        byte[] repaired = undoCrLf(Files.readAllBytes(file(12)), 256 * 66);
        byte[] cut = Arrays.copyOf(repaired, 256 * 66 + 100 * 20640 + 333);
        assertThatThrownBy(() -> Edf.read(cut, "S001R12-cut.edf")).isInstanceOf(EegFormatException.class)
                .hasMessageStartingWith("S001R12-cut.edf: truncated data")
                .hasMessageContaining("record 101 of 125 is incomplete");
        EdfRecording kept = Edf.read(cut, "S001R12-cut.edf", Edf.Option.DROP_INCOMPLETE_RECORDS);
        assertThat(kept.numberOfRecords()).isEqualTo(100);
        assertThat(kept.annotations()).allMatch(a -> a.onsetSeconds() < 100);
    }
}
