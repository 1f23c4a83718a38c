package org.wisekit.fedmml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LogMelTest {

    @Test
    void melScaleRoundTripsAndMatchesKnownValues() {
        assertThat(LogMel.mel(1000)).isCloseTo(1000, within(0.5));   // the HTK scale is ~1000 mel at 1 kHz
        assertThat(LogMel.hz(LogMel.mel(1234.5))).isCloseTo(1234.5, within(1e-9));
    }

    @Test
    void aPureToneLightsTheFilterAroundItsFrequency() {
        LogMel mel = new LogMel(10, 8000);
        float[] tone = new float[mel.samplesNeeded()];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / 8000.0));
        }
        float[] f = mel.compute(tone);
        assertThat(f).hasSize(10 * LogMel.BINS);
        // filter b has its peak at edge b+1 of 42 edges equally spaced in mel up to mel(4000)
        int expected = (int) Math.round(LogMel.mel(1000) / LogMel.mel(4000) * (LogMel.BINS + 1)) - 1;
        for (int frame = 0; frame < 10; frame++) {
            int best = 0;
            for (int b = 1; b < LogMel.BINS; b++) {
                if (f[frame * LogMel.BINS + b] > f[frame * LogMel.BINS + best]) {
                    best = b;
                }
            }
            assertThat(best).isBetween(expected - 1, expected + 1);
        }
    }

    @Test
    void shortSignalsArePaddedWithSilence() {
        LogMel mel = new LogMel(4, 8000);
        float[] f = mel.compute(new float[10]);
        assertThat(f[3 * LogMel.BINS]).isCloseTo((float) Math.log(1e-6), within(1e-4f));
    }
}
