package org.wisekit.fhe.bgv;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.wisekit.fhe.ring.DoubleCrt;
import org.wisekit.fhe.ring.Primes;
import org.wisekit.fhe.ring.RnsRing;

/**
 * Binary serialization of keys and ciphertexts. Layout, big-endian:
 *
 * <pre>
 * "WKBG"  version:u8  kind:u8  parameterFingerprint:i64  keyId:i64  payloadLength:i32  payload  crc32:i32
 * </pre>
 *
 * Payloads: ciphertext = level:i32 size:i32 log2Variance:f64 scalarFactor:i32, then the parts' evaluation rows
 * (size x (level+1) x phi residues); secret key = phi ternary bytes; public key = rows of b then a (Q_L); evaluation keys =
 * hasRelinearization:u8 [key], count:i32, then (galoisElement:i64 key)*, where a key is, per digit, the rows
 * of b_j then a_j over all primes.
 *
 * <p><b>Versions.</b> Version 2 added the ciphertext's scalar factor (in [1, p)); ciphertexts are written as
 * version 2, keys, whose layout did not change, as version 1. The reader takes both versions of every kind and
 * reads a version-1 ciphertext, which has no factor field, as factor 1 (what every ciphertext had before).
 *
 * <p>Reading checks, in order: length, magic, version, kind, that the data was made for the given parameters
 * (fingerprint), the announced length, the CRC-32 (accidental corruption, not tampering), then every field and
 * every residue's range. Any failure is a {@link BgvFormatException} saying which; nothing is ever half-read.
 * Stateless.
 */
public final class BgvCodec {

    private static final byte[] MAGIC = {'W', 'K', 'B', 'G'};
    /** The version keys are written with (their layout is the same in both versions). */
    private static final int KEY_VERSION = 1;
    /** The version ciphertexts are written with: the payload carries the scalar factor. */
    private static final int CIPHERTEXT_VERSION = 2;
    private static final int LATEST_VERSION = 2;
    private static final int HEADER_BYTES = 4 + 1 + 1 + 8 + 8 + 4;
    private static final int CHECKSUM_BYTES = 4;

    /** What a blob holds. */
    private enum Kind {
        SECRET_KEY("a secret key"), PUBLIC_KEY("a public key"), EVALUATION_KEYS("evaluation keys"),
        CIPHERTEXT("a ciphertext");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    private BgvCodec() {
    }

    public static byte[] write(Ciphertext ciphertext) {
        CiphertextData data = ciphertext.data();
        int phi = data.parameters.ringDimension();
        ByteBuffer payload = ByteBuffer.allocate(4 + 4 + 8 + 4 + data.size() * (data.level + 1) * phi * 8);
        payload.putInt(data.level).putInt(data.size()).putDouble(data.log2Variance).putInt((int) data.factor);
        for (DoubleCrt part : data.parts) {
            putRows(payload, part);
        }
        return seal(Kind.CIPHERTEXT, data.parameters, data.keyId, payload);
    }

    public static byte[] write(SecretKey key) {
        long[] s = key.coefficients();
        ByteBuffer payload = ByteBuffer.allocate(s.length);
        for (long c : s) {
            payload.put((byte) c);
        }
        return seal(Kind.SECRET_KEY, key.parameters(), key.keyId(), payload);
    }

    public static byte[] write(PublicKey key) {
        int rows = key.b().primeCount() + key.a().primeCount();
        ByteBuffer payload = ByteBuffer.allocate(rows * key.parameters().ringDimension() * 8);
        putRows(payload, key.b());
        putRows(payload, key.a());
        return seal(Kind.PUBLIC_KEY, key.parameters(), key.keyId(), payload);
    }

    public static byte[] write(EvaluationKeys keys) {
        BgvParameters parameters = keys.parameters();
        int keyBytes = keySize(parameters);
        int count = keys.galoisElements().size();
        int size = 1 + (keys.relinearization().isPresent() ? keyBytes : 0) + 4 + count * (8 + keyBytes);
        ByteBuffer payload = ByteBuffer.allocate(size);
        payload.put((byte) (keys.relinearization().isPresent() ? 1 : 0));
        keys.relinearization().ifPresent(key -> putKey(payload, key));
        payload.putInt(count);
        for (long element : keys.galoisElements()) {
            payload.putLong(element);
            putKey(payload, keys.automorphism(element).orElseThrow());
        }
        return seal(Kind.EVALUATION_KEYS, parameters, keys.keyId(), payload);
    }

    public static Ciphertext readCiphertext(byte[] bytes, BgvParameters parameters) {
        Opened opened = open(bytes, Kind.CIPHERTEXT, parameters);
        ByteBuffer in = opened.payload;
        return parse(in, () -> {
            int level = in.getInt();
            int size = in.getInt();
            double log2Variance = in.getDouble();
            long factor = opened.version >= 2 ? in.getInt() : 1;
            if (level < 0 || level > parameters.maxLevel()) {
                throw new BgvFormatException("corrupted ciphertext: level " + level + " outside [0, "
                        + parameters.maxLevel() + "]");
            }
            if (size != 2 && size != 3) {
                throw new BgvFormatException("corrupted ciphertext: size " + size + ", expected 2 or 3");
            }
            if (Double.isNaN(log2Variance)) {
                throw new BgvFormatException("corrupted ciphertext: noise estimate is NaN");
            }
            if (factor < 1 || factor >= parameters.plaintextModulus()) {
                throw new BgvFormatException("corrupted ciphertext: scalar factor " + factor + " outside [1, "
                        + (parameters.plaintextModulus() - 1) + "]");
            }
            DoubleCrt[] parts = new DoubleCrt[size];
            for (int i = 0; i < size; i++) {
                parts[i] = getRows(in, parameters, parameters.primesAt(level), "ciphertext part " + i);
            }
            return new Ciphertext(new CiphertextData(parameters, opened.keyId, level, parts, factor, log2Variance));
        });
    }

    public static SecretKey readSecretKey(byte[] bytes, BgvParameters parameters) {
        Opened opened = open(bytes, Kind.SECRET_KEY, parameters);
        ByteBuffer in = opened.payload;
        return parse(in, () -> {
            long[] s = new long[parameters.ringDimension()];
            for (int i = 0; i < s.length; i++) {
                s[i] = in.get();
                if (s[i] < -1 || s[i] > 1) {
                    throw new BgvFormatException("corrupted secret key: coefficient " + i + " is " + s[i]
                            + ", not in {-1, 0, 1}");
                }
            }
            return new SecretKey(parameters, opened.keyId, s);
        });
    }

    public static PublicKey readPublicKey(byte[] bytes, BgvParameters parameters) {
        Opened opened = open(bytes, Kind.PUBLIC_KEY, parameters);
        ByteBuffer in = opened.payload;
        return parse(in, () -> {
            int[] primes = parameters.primesAt(parameters.maxLevel());
            DoubleCrt b = getRows(in, parameters, primes, "public key b");
            DoubleCrt a = getRows(in, parameters, primes, "public key a");
            return new PublicKey(parameters, opened.keyId, b, a);
        });
    }

    public static EvaluationKeys readEvaluationKeys(byte[] bytes, BgvParameters parameters) {
        Opened opened = open(bytes, Kind.EVALUATION_KEYS, parameters);
        ByteBuffer in = opened.payload;
        return parse(in, () -> {
            int hasRelinearization = in.get();
            if (hasRelinearization != 0 && hasRelinearization != 1) {
                throw new BgvFormatException("corrupted evaluation keys: relinearization flag " + hasRelinearization);
            }
            KeySwitchKey relinearization = hasRelinearization == 1
                    ? getKey(in, parameters, opened.keyId, KeySwitchKey.Kind.RELINEARIZATION, 1) : null;
            int count = in.getInt();
            if (count < 0 || count > parameters.m()) {
                throw new BgvFormatException("corrupted evaluation keys: " + count + " automorphism keys");
            }
            Map<Long, KeySwitchKey> automorphisms = new HashMap<>();
            for (int i = 0; i < count; i++) {
                long element = in.getLong();
                if (element < 1 || element >= parameters.m() || Primes.gcd(element, parameters.m()) != 1
                        || automorphisms.containsKey(element)) {
                    throw new BgvFormatException("corrupted evaluation keys: Galois element " + element);
                }
                automorphisms.put(element, getKey(in, parameters, opened.keyId, KeySwitchKey.Kind.AUTOMORPHISM, element));
            }
            return new EvaluationKeys(parameters, opened.keyId, relinearization, automorphisms);
        });
    }

    // ---- framing ---------------------------------------------------------------------------------------------

    private record Opened(int version, long keyId, ByteBuffer payload) {
    }

    private static byte[] seal(Kind kind, BgvParameters parameters, long keyId, ByteBuffer payload) {
        byte[] body = payload.array();
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + body.length + CHECKSUM_BYTES);
        int version = kind == Kind.CIPHERTEXT ? CIPHERTEXT_VERSION : KEY_VERSION;
        out.put(MAGIC).put((byte) version).put((byte) kind.ordinal()).putLong(parameters.fingerprint())
                .putLong(keyId).putInt(body.length).put(body);
        CRC32 crc = new CRC32();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    private static Opened open(byte[] bytes, Kind expected, BgvParameters parameters) {
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
        if (fingerprint != parameters.fingerprint()) {
            throw new BgvFormatException(kind.description + " made for other parameters (fingerprint "
                    + Long.toHexString(fingerprint) + "), not for " + parameters.describe() + " (fingerprint "
                    + Long.toHexString(parameters.fingerprint()) + ")");
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
        return new Opened(version, keyId, ByteBuffer.wrap(bytes, HEADER_BYTES, length).slice());
    }

    private interface Parser<T> {
        T parse();
    }

    /** Runs the parser and checks that it consumed the payload exactly. */
    private static <T> T parse(ByteBuffer in, Parser<T> parser) {
        T value;
        try {
            value = parser.parse();
        } catch (BufferUnderflowException e) {
            throw new BgvFormatException("corrupted: the payload ends early");
        }
        if (in.hasRemaining()) {
            throw new BgvFormatException("corrupted: " + in.remaining() + " unexpected bytes after the payload");
        }
        return value;
    }

    // ---- fields ----------------------------------------------------------------------------------------------

    private static void putRows(ByteBuffer out, DoubleCrt poly) {
        for (int i = 0; i < poly.primeCount(); i++) {
            for (long v : poly.row(i)) {
                out.putLong(v);
            }
        }
    }

    private static DoubleCrt getRows(ByteBuffer in, BgvParameters parameters, int[] primes, String what) {
        RnsRing ring = parameters.ring();
        long[][] rows = new long[primes.length][ring.dimension()];
        for (int i = 0; i < primes.length; i++) {
            long q = ring.modulus(primes[i]).value();
            for (int c = 0; c < rows[i].length; c++) {
                long v = in.getLong();
                if (v < 0 || v >= q) {
                    throw new BgvFormatException("corrupted " + what + ": residue " + v + " at prime " + primes[i]
                            + ", index " + c + " is not in [0, " + q + ")");
                }
                rows[i][c] = v;
            }
        }
        return DoubleCrt.wrap(ring, primes, rows);
    }

    private static int keySize(BgvParameters parameters) {
        return 4 + parameters.digitGroups().length * 2 * parameters.ring().primeCount() * parameters.ringDimension() * 8;
    }

    private static void putKey(ByteBuffer out, KeySwitchKey key) {
        out.putInt(key.digitCount());
        for (int j = 0; j < key.digitCount(); j++) {
            putRows(out, key.b(j));
            putRows(out, key.a(j));
        }
    }

    private static KeySwitchKey getKey(ByteBuffer in, BgvParameters parameters, long keyId, KeySwitchKey.Kind kind,
                                       long element) {
        int digits = in.getInt();
        if (digits != parameters.digitGroups().length) {
            throw new BgvFormatException("corrupted key-switching key: " + digits + " digits, the parameters have "
                    + parameters.digitGroups().length);
        }
        int[] all = parameters.extendedPrimesAt(parameters.maxLevel());
        DoubleCrt[] b = new DoubleCrt[digits];
        DoubleCrt[] a = new DoubleCrt[digits];
        for (int j = 0; j < digits; j++) {
            b[j] = getRows(in, parameters, all, "key-switching key digit " + j);
            a[j] = getRows(in, parameters, all, "key-switching key digit " + j);
        }
        return new KeySwitchKey(parameters, keyId, kind, element, b, a);
    }
}
