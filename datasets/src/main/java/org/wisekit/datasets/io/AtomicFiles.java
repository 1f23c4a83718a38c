package org.wisekit.datasets.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes files so that a reader sees the old content or the new one, never a half-written file. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes {@code bytes} to a temporary file beside {@code target}, then renames it over {@code target}. */
    public static void write(Path target, byte[] bytes) {
        write(target, bytes, true);
    }

    /**
     * As {@link #write(Path, byte[])}, but the file stays readable by its owner only (0600 on POSIX; a secret
     * key). The bytes are written after the restrictive permissions are in place, never before.
     */
    public static void writeOwnerOnly(Path target, byte[] bytes) {
        write(target, bytes, false);
    }

    private static void write(Path target, byte[] bytes, boolean readableByAll) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try {
                if (!readableByAll) {
                    setPermissions(tmp, "rw-------");
                }
                Files.write(tmp, bytes);
                if (readableByAll) {
                    setPermissions(tmp, "rw-r--r--");
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Temp files are created owner-only (0600) on POSIX; a report or result is meant to be read by anyone
     * (0644), a secret by its owner only (0600, set again in case the platform's temp files differ).
     */
    private static void setPermissions(Path file, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the platform's default permissions
        }
    }

    /** Writes {@code text} as UTF-8, as {@link #write(Path, byte[])}. */
    public static void writeString(Path target, String text) {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }
}
