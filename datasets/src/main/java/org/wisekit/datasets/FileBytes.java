package org.wisekit.datasets;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Whole-file reads that undo gzip compression when the file starts with the gzip magic bytes. */
final class FileBytes {

    private FileBytes() {
    }

    /** The file's bytes, decompressed if it is gzip (detected by content, not by name). */
    static byte[] readMaybeGzipped(Path file) {
        byte[] raw = readAll(file);
        if (raw.length < 2 || (raw[0] & 0xff) != 0x1f || (raw[1] & 0xff) != 0x8b) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return in.readAllBytes();
        } catch (EOFException e) {
            throw new MalformedDataException(file, "truncated gzip stream", e);
        } catch (ZipException e) {
            throw new MalformedDataException(file, "corrupt gzip stream (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decompress " + file, e);
        }
    }

    static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
