package org.wisekit.calib.repro.wild;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.wisekit.calib.Logits;
import org.wisekit.calib.shift.Corruption;
import org.wisekit.datasets.io.AtomicFiles;

/**
 * Caches a {@link SeedLogits} as float32 (the network computes in float32, so nothing is lost) in one
 * binary file, written atomically. The file starts with a key that states everything the logits depend
 * on; a file with another key, or one that cannot be read, is recomputed and overwritten.
 */
public final class LogitCache {

    private static final int MAGIC = 0x574B4C47;   // "WKLG"
    private static final int VERSION = 1;

    private LogitCache() {
    }

    /** The cached logits under {@code key}, or {@code compute}'s, which are then stored in {@code file}. */
    public static SeedLogits loadOrCompute(Path file, String key, Supplier<SeedLogits> compute) {
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                SeedLogits cached = read(new DataInputStream(new java.io.BufferedInputStream(in)), key);
                if (cached != null) {
                    return cached;
                }
            } catch (IOException | RuntimeException e) {
                // unreadable or stale: fall through and recompute
            }
        }
        SeedLogits logits = compute.get();
        AtomicFiles.write(file, bytes(key, logits));
        return logits;
    }

    private static byte[] bytes(String key, SeedLogits logits) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(key);
            for (Logits set : ordered(logits)) {
                out.writeInt(set.classes());
                out.writeInt(set.size());
                for (int label : set.labels()) {
                    out.writeInt(label);
                }
                for (double v : set.values()) {
                    out.writeFloat((float) v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static SeedLogits read(DataInputStream in, String key) throws IOException {
        if (in.readInt() != MAGIC || in.readInt() != VERSION || !in.readUTF().equals(key)) {
            return null;
        }
        Logits validation = readSet(in);
        Logits test = readSet(in);
        Logits oodTuning = readSet(in);
        Logits oodTest = readSet(in);
        Map<Corruption, List<Logits>> corrupted = new EnumMap<>(Corruption.class);
        for (Corruption c : Corruption.values()) {
            List<Logits> severities = new ArrayList<>();
            for (int s = 1; s <= Corruption.MAX_SEVERITY; s++) {
                severities.add(readSet(in));
            }
            corrupted.put(c, severities);
        }
        return new SeedLogits(validation, test, oodTuning, oodTest, corrupted);
    }

    private static Logits readSet(DataInputStream in) throws IOException {
        int classes = in.readInt();
        int rows = in.readInt();
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = in.readInt();
        }
        double[] values = new double[rows * classes];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        return new Logits(classes, values, labels);
    }

    private static List<Logits> ordered(SeedLogits logits) {
        List<Logits> sets = new ArrayList<>(List.of(logits.validation(), logits.test(), logits.oodTuning(), logits.oodTest()));
        for (Corruption c : Corruption.values()) {
            for (int s = 1; s <= Corruption.MAX_SEVERITY; s++) {
                sets.add(logits.corrupted(c, s));
            }
        }
        return sets;
    }
}
