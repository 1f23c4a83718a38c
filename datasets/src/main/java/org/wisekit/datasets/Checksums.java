package org.wisekit.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 of files, and the aggregate checksum MANIFEST.md defines for folders of images or audio. */
final class Checksums {

    private Checksums() {
    }

    /** Lowercase hex sha256 of the file's bytes. */
    static String sha256(Path file) {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * sha256 of the text made of every file's lowercase hex sha256, sorted ascending, each followed by a
     * newline: what {@code find DIR -type f -exec sha256sum {} + | cut -c1-64 | LC_ALL=C sort | sha256sum} prints.
     */
    static String aggregateSha256(List<Path> files) {
        StringBuilder lines = new StringBuilder(files.size() * 65);
        files.stream().map(Checksums::sha256).sorted().forEach(hex -> lines.append(hex).append('\n'));
        return HexFormat.of().formatHex(newDigest().digest(lines.toString().getBytes(StandardCharsets.US_ASCII)));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
