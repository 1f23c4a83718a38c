package org.wisekit.eeg.io;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Generated recordings for the EDF tests. */
final class EdfTestData {

    private EdfTestData() {
    }

    /** Three signals of different rates and scalings, 5 records of 0.5 s, EDF+C with annotations. */
    static EdfRecording small(EdfFormat format) {
        EdfSignal a = new EdfSignal("EEG Fp1", "AgAgCl electrode", "uV", -3276.8, 3276.7, -32768, 32767,
                "HP:0.1Hz LP:75Hz", 10);
        EdfSignal b = EdfSignal.of("EEG C3", "mV", -1, 1, -2048, 2047, 4);
        EdfSignal c = EdfSignal.of("Resp", "", 0.5, -0.25, 0, 1000, 1);
        int records = 5;
        short[] da = new short[records * 10];
        short[] db = new short[records * 4];
        short[] dc = new short[records];
        for (int i = 0; i < da.length; i++) {
            da[i] = (short) (i * 1311 - 32768);
        }
        for (int i = 0; i < db.length; i++) {
            db[i] = (short) (i % 2 == 0 ? -2048 + i : 2047 - i);
        }
        for (int i = 0; i < dc.length; i++) {
            dc[i] = (short) (i * 250);
        }
        EdfRecording.Builder builder = EdfRecording.builder().patient("MCH-0234567 F 02-MAY-1951 Haagse_Harry")
                .recording("Startdate 02-MAR-2002 PSG-1234/2002 NN Telemetry03").start(LocalDateTime.of(2002, 3, 2, 14, 5, 9))
                .recordDuration(0.5).format(format).addSignal(a, da).addSignal(b, db).addSignal(c, dc);
        if (format.isPlus()) {
            builder.annotation(new Annotation(0.0, 4.2, "T0"))
                    .annotation(new Annotation(0.25, Double.NaN, "Lights off"))
                    .annotation(new Annotation(1.0, 0.5, "Apnée (ünïcödé)"))
                    .annotation(new Annotation(1.0, 0.0, "second at the same onset"))
                    .annotation(new Annotation(-0.5, 0.1, "before the first record"))
                    .annotation(new Annotation(2.4999, 10, "last record, long event"));
        }
        if (format == EdfFormat.EDF_PLUS_D) {
            builder.recordOnsets(new double[] {0, 0.5, 3.25, 3.75, 100});
        }
        return builder.build();
    }

    /** A random recording: 1 to 4 signals, random rates, scalings, samples and annotations. */
    static EdfRecording random(long seed, EdfFormat format) {
        SplittableRandom rng = new SplittableRandom(seed);
        int records = rng.nextInt(1, 6);
        double duration = new double[] {1, 0.5, 2, 0.25, 10}[rng.nextInt(5)];
        EdfRecording.Builder b = EdfRecording.builder().format(format).recordDuration(duration)
                .patient("X X X X").recording("random " + seed)
                .start(LocalDateTime.of(1985 + rng.nextInt(100), 1 + rng.nextInt(12), 1 + rng.nextInt(28),
                        rng.nextInt(24), rng.nextInt(60), rng.nextInt(60)));
        int signals = rng.nextInt(1, 5);
        for (int s = 0; s < signals; s++) {
            int spr = rng.nextInt(1, 40);
            int dmin = rng.nextInt(-32768, 0);
            int dmax = rng.nextInt(dmin + 1, 32768);
            int pminCents = rng.nextInt(-100000, 100000);
            double pmin = pminCents / 100.0;
            double pmax = (pminCents + rng.nextInt(1, 1000000)) / 100.0;
            short[] d = new short[records * spr];
            for (int i = 0; i < d.length; i++) {
                d[i] = (short) rng.nextInt(-32768, 32768);
            }
            b.addSignal(EdfSignal.of("sig" + s, "uV", pmin, pmax, dmin, dmax, spr), d);
        }
        if (format.isPlus()) {
            List<Annotation> list = new ArrayList<>();
            int count = rng.nextInt(0, 12);
            for (int i = 0; i < count; i++) {
                double onset = rng.nextInt(0, (int) (records * duration * 1000)) / 1000.0;
                double dur = rng.nextBoolean() ? Double.NaN : rng.nextInt(0, 5000) / 100.0;
                list.add(new Annotation(onset, dur, "event-" + rng.nextInt(1000)));
            }
            b.annotations(list);
        }
        return b.build();
    }
}
