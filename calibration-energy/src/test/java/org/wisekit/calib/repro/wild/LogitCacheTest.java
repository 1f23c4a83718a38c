package org.wisekit.calib.repro.wild;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.calib.Logits;
import org.wisekit.calib.shift.Corruption;

class LogitCacheTest {

    @TempDir
    Path dir;

    private static SeedLogits sample(float offset) {
        Map<Corruption, List<Logits>> corrupted = new EnumMap<>(Corruption.class);
        for (Corruption c : Corruption.values()) {
            List<Logits> severities = new ArrayList<>();
            for (int s = 1; s <= Corruption.MAX_SEVERITY; s++) {
                severities.add(new Logits(2, new double[] {offset + c.ordinal(), s}, new int[] {1}));
            }
            corrupted.put(c, severities);
        }
        return new SeedLogits(new Logits(2, new double[] {offset, 0.25f, 1, 2}, new int[] {0, 1}),
                new Logits(2, new double[] {3, 4}, new int[] {1}),
                Logits.outOfDistribution(2, new double[] {5, 6}),
                Logits.outOfDistribution(2, new double[] {7, 8}), corrupted);
    }

    @Test
    void roundTripsAndRecomputesOnAnotherKeyOrABrokenFile() throws IOException {
        Path file = dir.resolve("cache").resolve("seed-1.bin");
        AtomicInteger computed = new AtomicInteger();
        SeedLogits first = LogitCache.loadOrCompute(file, "key A", () -> {
            computed.incrementAndGet();
            return sample(0.5f);
        });
        SeedLogits again = LogitCache.loadOrCompute(file, "key A", () -> {
            computed.incrementAndGet();
            return sample(9f);
        });
        assertThat(computed).hasValue(1);
        assertThat(again.validation().values()).isEqualTo(first.validation().values());
        assertThat(again.oodTest().labels()).containsExactly(Logits.NO_CLASS);
        assertThat(again.corrupted(Corruption.ROTATE, 5).values()).containsExactly(9.5, 5);

        SeedLogits otherKey = LogitCache.loadOrCompute(file, "key B", () -> {
            computed.incrementAndGet();
            return sample(2f);
        });
        assertThat(computed).hasValue(2);
        assertThat(otherKey.validation().values()[0]).isEqualTo(2.0);

        Files.write(file, new byte[] {1, 2, 3});
        LogitCache.loadOrCompute(file, "key B", () -> {
            computed.incrementAndGet();
            return sample(3f);
        });
        assertThat(computed).hasValue(3);
    }
}
