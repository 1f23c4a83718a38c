package org.wisekit.eeg.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Reads and writes EDF and EDF+ files (European Data Format, Kemp et al. 1992; EDF+, Kemp and Olivan 2003):
 * a 256-byte header, 256 bytes per signal, then data records of little-endian 16-bit samples. The EDF+
 * {@code EDF Annotations} signal is decoded into {@link Annotation}s (time-keeping TALs give the record onsets)
 * and is not returned as a data signal. BDF (24-bit) files are not supported.
 *
 * <p>Reading is strict: a file that breaks the format fails with an {@link EegFormatException} naming the file
 * and what is wrong where (truncated or extra data, a header length that does not match the number of signals,
 * non-numeric fields, digital minimum not below maximum, an EDF+ reserved field without an annotation signal or
 * the reverse, a malformed TAL). Two {@link Option}s relax it for known kinds of damage; each use is recorded in
 * {@link EdfRecording#readNotes()}.
 *
 * <p>Thread-safe (no state).
 */
public final class Edf {

    /** Ways to read damaged files; without them reading is strict. */
    public enum Option {
        /**
         * Undo a text-mode LF to CRLF conversion (a binary file handled as text, e.g. by a version-control
         * checkout): only when the file does not read as it is and its data records hold CR LF byte pairs, every
         * CR LF pair after the header is replaced by LF and the file is read again; if that fails as well, the
         * first error is thrown with the second attached. An intact file is never changed. For EDF+ the
         * time-keeping TAL of every record checks the repair; for plain EDF only the data size does.
         */
        REPAIR_CRLF,
        /**
         * Keep the complete data records of a file that ends inside a record (or is shorter than its header
         * declares), dropping the incomplete tail and its annotations, instead of failing.
         */
        DROP_INCOMPLETE_RECORDS
    }

    private Edf() {
    }

    /**
     * Reads an EDF or EDF+ file strictly.
     *
     * @param file the file
     * @return the recording
     * @throws EegFormatException   when the file breaks the format
     * @throws UncheckedIOException when it cannot be read
     */
    public static EdfRecording read(Path file) {
        return read(file, new Option[0]);
    }

    /**
     * Reads an EDF or EDF+ file with the given options.
     *
     * @param file    the file
     * @param options relaxations for damaged files
     * @return the recording
     * @throws EegFormatException   when the file breaks the format
     * @throws UncheckedIOException when it cannot be read
     */
    public static EdfRecording read(Path file, Option... options) {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read EDF file " + file + ": " + e, e);
        }
        return read(bytes, file.toString(), options);
    }

    /**
     * Reads an EDF or EDF+ file from a stream (read to its end, not closed).
     *
     * @param in      the stream
     * @param name    the name used in error messages
     * @param options relaxations for damaged files
     * @return the recording
     */
    public static EdfRecording read(InputStream in, String name, Option... options) {
        Objects.requireNonNull(in, "in");
        try {
            return read(in.readAllBytes(), name, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read EDF stream " + name + ": " + e, e);
        }
    }

    /**
     * Reads an EDF or EDF+ file held in memory.
     *
     * @param bytes   the file's bytes (not modified)
     * @param name    the name used in error messages
     * @param options relaxations for damaged files
     * @return the recording
     */
    public static EdfRecording read(byte[] bytes, String name, Option... options) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(name, "name");
        Set<Option> opts = EnumSet.noneOf(Option.class);
        for (Option o : options) {
            opts.add(Objects.requireNonNull(o, "option"));
        }
        try {
            return EdfReader.parse(bytes, name, opts, null);
        } catch (EegFormatException first) {
            if (!opts.contains(Option.REPAIR_CRLF)) {
                throw first;
            }
            int dataStart = EdfReader.headerLengthOrMinusOne(bytes);
            if (dataStart < 0) {
                throw first;
            }
            int pairs = EdfReader.countCrLf(bytes, dataStart);
            if (pairs == 0) {
                throw first;
            }
            byte[] repaired = EdfReader.undoCrLf(bytes, dataStart);
            String note = "REPAIR_CRLF: replaced " + pairs + " CR LF byte pairs after the header by LF (the file had been"
                    + " converted to CRLF line endings); first error without repair: " + first.getMessage();
            try {
                return EdfReader.parse(repaired, name, opts, note);
            } catch (EegFormatException second) {
                EegFormatException e = new EegFormatException(name, stripSource(first, name)
                        + "; undoing a CRLF conversion (" + pairs + " CR LF pairs) did not help: " + stripSource(second, name));
                e.addSuppressed(first);
                e.addSuppressed(second);
                throw e;
            }
        }
    }

    private static String stripSource(EegFormatException e, String name) {
        String m = e.getMessage();
        return m.startsWith(name + ": ") ? m.substring(name.length() + 2) : m;
    }

    /**
     * The bytes of the EDF or EDF+ file for a recording (see {@link #write}).
     *
     * @param recording the recording
     * @return the file's bytes
     */
    public static byte[] toBytes(EdfRecording recording) {
        return EdfWriter.toBytes(Objects.requireNonNull(recording, "recording"));
    }

    /**
     * Writes a recording as EDF ({@link EdfFormat#EDF}) or EDF+ (with an {@code EDF Annotations} signal holding a
     * time-keeping TAL per record and each annotation in the record where it starts), atomically: a reader sees
     * the old file or the new one, never a part. {@link #read(Path)} gives back an equal recording.
     *
     * @param recording the recording
     * @param file      the target (parent folders are created)
     * @throws UncheckedIOException when the file cannot be written
     */
    public static void write(EdfRecording recording, Path file) {
        Objects.requireNonNull(file, "file");
        AtomicWrite.write(file, toBytes(recording));
    }
}
