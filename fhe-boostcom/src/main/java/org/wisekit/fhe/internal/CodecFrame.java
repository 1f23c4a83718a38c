package org.wisekit.fhe.internal;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import org.wisekit.fhe.bgv.BgvFormatException;

/**
 * The frame every serialized object of this module shares (not API: {@code BgvCodec} and {@code CompareCodec}
 * are). Big-endian:
 *
 * <pre>
 * "WKBG"  version:u8  kind:u8  parameterFingerprint:i64  keyId:i64  payloadLength:i32  payload  crc32:i32
 * </pre>
 *
 * Opening checks, in order: length, magic, version, kind, the parameter fingerprint (when the caller has
 * parameters to compare with), the announced length and the CRC-32 (accidental corruption, not tampering). Each
 * failure is a {@link BgvFormatException} saying which. Stateless.
 */
public final class CodecFrame {

    private static final byte[] MAGIC = {'W', 'K', 'B', 'G'};
    /** The highest version any kind is written with (seeded evaluation keys). */
    public static final int LATEST_VERSION = 3;
    public static final int HEADER_BYTES = 4 + 1 + 1 + 8 + 8 + 4;
    public static final int CHECKSUM_BYTES = 4;

    /** What a blob holds; the ordinal is the kind byte, so new kinds only ever go at the end. */
    public enum Kind {
        SECRET_KEY("a secret key"), PUBLIC_KEY("a public key"), EVALUATION_KEYS("evaluation keys"),
        CIPHERTEXT("a ciphertext"), PARAMETERS("parameters"), WORD_FORMAT("a word format"),
        ENCRYPTED_WORDS("encrypted words"), ENCRYPTED_ARRAY("an encrypted array"),
        COMPARISON_KEYS("comparison keys (parameters, word format, public and evaluation keys)"),
        COMPARISON_RESULT("a comparison result");

        public final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    /**
     * The kind a blob announces, after checking only its length, magic and kind byte (to dispatch on it; read
     * it with the kind's reader for the full checks).
     */
    public static Kind peekKind(byte[] bytes) {
        if (bytes.length < HEADER_BYTES + CHECKSUM_BYTES) {
            throw new BgvFormatException("truncated: " + bytes.length + " bytes is shorter than the "
                    + (HEADER_BYTES + CHECKSUM_BYTES) + "-byte frame");
        }
        if (!Arrays.equals(Arrays.copyOf(bytes, 4), MAGIC)) {
            throw new BgvFormatException("not serialized wisekit BGV data: the first bytes are not \"WKBG\"");
        }
        int kindOrdinal = bytes[5];
        if (kindOrdinal < 0 || kindOrdinal >= Kind.values().length) {
            throw new BgvFormatException("corrupted: unknown object kind " + kindOrdinal);
        }
        return Kind.values()[kindOrdinal];
    }

    /** An opened frame: its version, fingerprint, key id and payload (positioned at its start). */
    public record Opened(int version, long fingerprint, long keyId, ByteBuffer payload) {
    }

    private CodecFrame() {
    }

    /** The frame around {@code payload}. */
    public static byte[] seal(Kind kind, int version, long fingerprint, long keyId, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + payload.length + CHECKSUM_BYTES);
        out.put(MAGIC).put((byte) version).put((byte) kind.ordinal()).putLong(fingerprint).putLong(keyId)
                .putInt(payload.length).put(payload);
        CRC32 crc = new CRC32();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    /**
     * Opens a frame of kind {@code expected}. With {@code expectedFingerprint} non-null the data must have been
     * made for parameters with that fingerprint ({@code parameters} describes them for the message).
     */
    public static Opened open(byte[] bytes, Kind expected, Long expectedFingerprint, Supplier<String> parameters) {
        if (bytes.length < HEADER_BYTES + CHECKSUM_BYTES) {
            throw new BgvFormatException("truncated: " + bytes.length + " bytes is shorter than the "
                    + (HEADER_BYTES + CHECKSUM_BYTES) + "-byte frame");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[4];
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new BgvFormatException("not serialized wisekit BGV data: the first bytes are not \"WKBG\"");
        }
        int version = in.get();
        if (version < 1 || version > LATEST_VERSION) {
            throw new BgvFormatException("unsupported format version " + version + "; this reader knows 1 to "
                    + LATEST_VERSION);
        }
        int kindOrdinal = in.get();
        if (kindOrdinal < 0 || kindOrdinal >= Kind.values().length) {
            throw new BgvFormatException("corrupted: unknown object kind " + kindOrdinal);
        }
        Kind kind = Kind.values()[kindOrdinal];
        if (kind != expected) {
            throw new BgvFormatException("expected " + expected.description + ", found " + kind.description);
        }
        long fingerprint = in.getLong();
        if (expectedFingerprint != null && fingerprint != expectedFingerprint) {
            throw new BgvFormatException(kind.description + " made for other parameters (fingerprint "
                    + Long.toHexString(fingerprint) + "), not for " + parameters.get() + " (fingerprint "
                    + Long.toHexString(expectedFingerprint) + ")");
        }
        long keyId = in.getLong();
        int length = in.getInt();
        long expectedTotal = (long) HEADER_BYTES + length + CHECKSUM_BYTES;
        if (length < 0 || expectedTotal != bytes.length) {
            throw new BgvFormatException((length < 0 || expectedTotal > bytes.length ? "truncated" : "corrupted")
                    + ": the header announces " + expectedTotal + " bytes, the data has " + bytes.length);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, HEADER_BYTES + length);
        int stored = ByteBuffer.wrap(bytes, HEADER_BYTES + length, CHECKSUM_BYTES).getInt();
        if ((int) crc.getValue() != stored) {
            throw new BgvFormatException("corrupted: CRC-32 mismatch over " + (HEADER_BYTES + length) + " bytes");
        }
        return new Opened(version, fingerprint, keyId, ByteBuffer.wrap(bytes, HEADER_BYTES, length).slice());
    }

    /** Runs the parser and checks that it consumed the payload exactly. */
    public static <T> T parse(ByteBuffer in, Supplier<T> parser) {
        T value;
        try {
            value = parser.get();
        } catch (BufferUnderflowException e) {
            throw new BgvFormatException("corrupted: the payload ends early");
        }
        if (in.hasRemaining()) {
            throw new BgvFormatException("corrupted: " + in.remaining() + " unexpected bytes after the payload");
        }
        return value;
    }

    /** A length-prefixed nested blob (length:i32, bytes). */
    public static byte[] getBlob(ByteBuffer in, String what) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new BgvFormatException("corrupted: " + what + " announces " + length + " bytes, "
                    + in.remaining() + " remain");
        }
        byte[] blob = new byte[length];
        in.get(blob);
        return blob;
    }
}
