package org.wisekit.fhe.bgv;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wisekit.fhe.internal.CodecFrame;
import org.wisekit.fhe.internal.CodecFrame.Kind;
import org.wisekit.fhe.internal.CodecFrame.Opened;
import org.wisekit.fhe.ring.DoubleCrt;
import org.wisekit.fhe.ring.Primes;
import org.wisekit.fhe.ring.RnsRing;

/**
 * Binary serialization of parameters, keys and ciphertexts. Layout, big-endian:
 *
 * <pre>
 * "WKBG"  version:u8  kind:u8  parameterFingerprint:i64  keyId:i64  payloadLength:i32  payload  crc32:i32
 * </pre>
 *
 * Payloads: ciphertext = level:i32 size:i32 log2Variance:f64 scalarFactor:i32, then the parts' evaluation rows
 * (size x (level+1) x phi residues); secret key = phi ternary bytes; public key = rows of b then a (Q_L); evaluation
 * keys = hasRelinearization:u8 [key], count:i32, then (galoisElement:i64 key)*; parameters = m:i32 p:i64
 * qCount:i32 logQ:u8* pCount:i32 logP:u8* keySwitchDigits:i32 flags:u8 (version 2; bit 0: smallPrimes), then the primes q_0 .. q_L and the special primes
 * as i64 (so a reader rebuilds exactly these parameters, whatever prime search produced them; keyId 0).
 *
 * <p><b>Key-switching keys.</b> Version 3 (what evaluation keys are written with): digits:i32 form:u8, then for
 * form 1 (seeded) a 32-byte seed and per digit the rows of b_j over all primes, the a_j being regenerated from
 * the seed ({@link KeySwitchKey}, {@link SeedExpander}); for form 0 (full) per digit the rows of b_j then a_j.
 * Versions 1 and 2 have no form byte and are always full.
 *
 * <p><b>Versions.</b> Version 2 added the ciphertext's scalar factor (in [1, p)); version 3 the seeded
 * evaluation keys; for parameters, version 2 added the flags byte. Ciphertexts and parameters are written as
 * version 2, evaluation keys as version 3, the other kinds, whose layout did not change, as version 1. The reader
 * takes every version of every kind up to 3, reads a version-1 ciphertext, which has no factor field, as factor 1
 * (what every ciphertext had before), and version-1 parameters, which have no flags byte, as without
 * {@code smallPrimes} (the only option before).
 *
 * <p>Reading checks, in order: length, magic, version, kind, that the data was made for the given parameters
 * (fingerprint), the announced length, the CRC-32 (accidental corruption, not tampering), then every field and
 * every residue's range. Any failure is a {@link BgvFormatException} saying which; nothing is ever half-read.
 * {@code org.wisekit.fhe.compare.CompareCodec} uses the same frame for the comparison types. Stateless.
 */
public final class BgvCodec {

    /** The version keys are written with (their layout never changed). */
    private static final int KEY_VERSION = 1;
    /** The version parameters are written with: the payload carries a flags byte (bit 0: smallPrimes). */
    private static final int PARAMETERS_VERSION = 2;
    private static final int SMALL_PRIMES_FLAG = 1;
    /** The version ciphertexts are written with: the payload carries the scalar factor. */
    private static final int CIPHERTEXT_VERSION = 2;
    /** The version evaluation keys are written with: each key says whether a_j is stored or seeded. */
    private static final int EVALUATION_KEYS_VERSION = 3;
    private static final int FULL_KEY = 0;
    private static final int SEEDED_KEY = 1;

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

    /** Evaluation keys; seeded keys store their seed instead of a_j (half the bytes), see {@link KeySwitchKey}. */
    public static byte[] write(EvaluationKeys keys) {
        BgvParameters parameters = keys.parameters();
        int size = 1 + keys.relinearization().map(BgvCodec::keyBytes).orElse(0) + 4;
        for (long element : keys.galoisElements()) {
            size += 8 + keyBytes(keys.automorphism(element).orElseThrow());
        }
        ByteBuffer payload = ByteBuffer.allocate(size);
        payload.put((byte) (keys.relinearization().isPresent() ? 1 : 0));
        keys.relinearization().ifPresent(key -> putKey(payload, key));
        payload.putInt(keys.galoisElements().size());
        for (long element : keys.galoisElements()) {
            payload.putLong(element);
            putKey(payload, keys.automorphism(element).orElseThrow());
        }
        return seal(Kind.EVALUATION_KEYS, EVALUATION_KEYS_VERSION, parameters.fingerprint(), keys.keyId(), payload);
    }

    /**
     * The parameters: the literal and the explicit primes, so that {@link #readParameters} rebuilds identical
     * parameters (same primes, same fingerprint).
     */
    public static byte[] write(BgvParameters parameters) {
        ParametersLiteral literal = parameters.literal();
        List<Long> primes = parameters.primes();
        ByteBuffer payload = ByteBuffer.allocate(4 + 8 + 4 + literal.logQ().size() + 4 + literal.logP().size() + 4
                + 1 + 8 * primes.size());
        payload.putInt(literal.m()).putLong(literal.plaintextModulus()).putInt(literal.logQ().size());
        literal.logQ().forEach(bits -> payload.put((byte) (int) bits));
        payload.putInt(literal.logP().size());
        literal.logP().forEach(bits -> payload.put((byte) (int) bits));
        payload.putInt(literal.keySwitchDigits());
        payload.put((byte) (literal.smallPrimes() ? SMALL_PRIMES_FLAG : 0));
        primes.forEach(payload::putLong);
        return seal(Kind.PARAMETERS, PARAMETERS_VERSION, parameters.fingerprint(), 0, payload);
    }

    /**
     * Parameters written by {@link #write(BgvParameters)}, refused (before any transform table is built) unless
     * both security estimates give at least 128 bits, as {@link BgvParameters#create(ParametersLiteral)}.
     */
    public static BgvParameters readParameters(byte[] bytes) {
        return readParameters(bytes, 128);
    }

    /** The same with another security target (80 to 256 bits). */
    public static BgvParameters readParameters(byte[] bytes, int minimumSecurityBits) {
        if (minimumSecurityBits < SecurityEstimate.INSECURE_BELOW_BITS || minimumSecurityBits > 256) {
            throw new IllegalArgumentException("minimumSecurityBits must be in [" + SecurityEstimate.INSECURE_BELOW_BITS
                    + ", 256] (use readInsecureParameters for research and test sets), got " + minimumSecurityBits);
        }
        return readParameters(bytes, minimumSecurityBits, false);
    }

    /**
     * Parameters whatever their security (test and research tiers), as {@link BgvParameters#createInsecure}. When
     * this process already shares an instance with the same literal and primes ({@link ParameterTier},
     * {@link BgvParameters#sharedInsecure}), that instance is returned; otherwise a new one, equal to the writer's
     * (same primes and fingerprint), under which that writer's keys and ciphertexts read.
     */
    public static BgvParameters readInsecureParameters(byte[] bytes) {
        return readParameters(bytes, 0, true);
    }

    private static BgvParameters readParameters(byte[] bytes, int minimumSecurityBits, boolean insecure) {
        Opened opened = CodecFrame.open(bytes, Kind.PARAMETERS, null, null);
        ByteBuffer in = opened.payload();
        BgvParameters.Plan plan = CodecFrame.parse(in, () -> {
            int m = in.getInt();
            long p = in.getLong();
            List<Integer> logQ = getSizes(in, "logQ");
            List<Integer> logP = getSizes(in, "logP");
            int digits = in.getInt();
            int flags = opened.version() >= 2 ? in.get() : 0;
            if ((flags & ~SMALL_PRIMES_FLAG) != 0) {
                throw new BgvFormatException("corrupted parameters: unknown flags " + Integer.toHexString(flags & 0xff));
            }
            boolean smallPrimes = (flags & SMALL_PRIMES_FLAG) != 0;
            List<Long> primes = new ArrayList<>();
            for (int i = 0; i < logQ.size() + logP.size(); i++) {
                primes.add(in.getLong());
            }
            try {
                return BgvParameters.plan(new ParametersLiteral(m, p, logQ, logP, digits, smallPrimes), primes);
            } catch (IllegalArgumentException e) {
                throw new BgvFormatException("corrupted parameters: " + e.getMessage());
            }
        });
        if (!plan.noise().fits()) {
            throw new BgvFormatException("corrupted parameters: " + plan.noise().explanation());
        }
        if (plan.fingerprint() != opened.fingerprint()) {
            throw new BgvFormatException("corrupted parameters: the header's fingerprint "
                    + Long.toHexString(opened.fingerprint()) + " is not that of the parameters read ("
                    + Long.toHexString(plan.fingerprint()) + ")");
        }
        BgvParameters shared = BgvParameters.sharedIfBuilt(plan.literal(), plan.fingerprint());
        if (shared != null && (insecure || shared.security().meets(minimumSecurityBits))) {
            return shared; // the same object as the tier's, so data read under either mixes freely
        }
        BgvParameters parameters = insecure ? BgvParameters.createInsecure(plan.literal(), plan.primes())
                : BgvParameters.create(plan.literal(), plan.primes(), minimumSecurityBits);
        if (parameters.fingerprint() != opened.fingerprint()) {
            throw new IllegalStateException("rebuilt parameters changed fingerprint: " + parameters.describe());
        }
        return parameters;
    }

    private static List<Integer> getSizes(ByteBuffer in, String what) {
        int count = in.getInt();
        if (count < 1 || count > in.remaining()) {
            throw new BgvFormatException("corrupted parameters: " + count + " " + what + " sizes");
        }
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sizes.add((int) in.get());
        }
        return sizes;
    }

    public static Ciphertext readCiphertext(byte[] bytes, BgvParameters parameters) {
        Opened opened = open(bytes, Kind.CIPHERTEXT, parameters);
        ByteBuffer in = opened.payload();
        return CodecFrame.parse(in, () -> {
            int level = in.getInt();
            int size = in.getInt();
            double log2Variance = in.getDouble();
            long factor = opened.version() >= 2 ? in.getInt() : 1;
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
            return new Ciphertext(new CiphertextData(parameters, opened.keyId(), level, parts, factor, log2Variance));
        });
    }

    public static SecretKey readSecretKey(byte[] bytes, BgvParameters parameters) {
        Opened opened = open(bytes, Kind.SECRET_KEY, parameters);
        ByteBuffer in = opened.payload();
        return CodecFrame.parse(in, () -> {
            long[] s = new long[parameters.ringDimension()];
            for (int i = 0; i < s.length; i++) {
                s[i] = in.get();
                if (s[i] < -1 || s[i] > 1) {
                    throw new BgvFormatException("corrupted secret key: coefficient " + i + " is " + s[i]
                            + ", not in {-1, 0, 1}");
                }
            }
            return new SecretKey(parameters, opened.keyId(), s);
        });
    }

    public static PublicKey readPublicKey(byte[] bytes, BgvParameters parameters) {
        Opened opened = open(bytes, Kind.PUBLIC_KEY, parameters);
        ByteBuffer in = opened.payload();
        return CodecFrame.parse(in, () -> {
            int[] primes = parameters.primesAt(parameters.maxLevel());
            DoubleCrt b = getRows(in, parameters, primes, "public key b");
            DoubleCrt a = getRows(in, parameters, primes, "public key a");
            return new PublicKey(parameters, opened.keyId(), b, a);
        });
    }

    public static EvaluationKeys readEvaluationKeys(byte[] bytes, BgvParameters parameters) {
        Opened opened = open(bytes, Kind.EVALUATION_KEYS, parameters);
        ByteBuffer in = opened.payload();
        return CodecFrame.parse(in, () -> {
            int hasRelinearization = in.get();
            if (hasRelinearization != 0 && hasRelinearization != 1) {
                throw new BgvFormatException("corrupted evaluation keys: relinearization flag " + hasRelinearization);
            }
            KeySwitchKey relinearization = hasRelinearization == 1 ? getKey(in, opened.version(), parameters,
                    opened.keyId(), KeySwitchKey.Kind.RELINEARIZATION, 1) : null;
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
                automorphisms.put(element, getKey(in, opened.version(), parameters, opened.keyId(),
                        KeySwitchKey.Kind.AUTOMORPHISM, element));
            }
            return new EvaluationKeys(parameters, opened.keyId(), relinearization, automorphisms);
        });
    }

    // ---- framing ---------------------------------------------------------------------------------------------

    private static byte[] seal(Kind kind, BgvParameters parameters, long keyId, ByteBuffer payload) {
        int version = kind == Kind.CIPHERTEXT ? CIPHERTEXT_VERSION : KEY_VERSION;
        return seal(kind, version, parameters.fingerprint(), keyId, payload);
    }

    private static byte[] seal(Kind kind, int version, long fingerprint, long keyId, ByteBuffer payload) {
        return CodecFrame.seal(kind, version, fingerprint, keyId, payload.array());
    }

    private static Opened open(byte[] bytes, Kind expected, BgvParameters parameters) {
        return CodecFrame.open(bytes, expected, parameters.fingerprint(), parameters::describe);
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

    /** The bytes {@link #putKey} writes for one key. */
    private static int keyBytes(KeySwitchKey key) {
        BgvParameters parameters = key.parameters();
        long rows = (long) key.digitCount() * parameters.ring().primeCount() * (key.isSeeded() ? 1 : 2);
        return Math.toIntExact(4 + 1 + (key.isSeeded() ? SeedExpander.SEED_BYTES : 0)
                + rows * parameters.ringDimension() * 8);
    }

    private static void putKey(ByteBuffer out, KeySwitchKey key) {
        out.putInt(key.digitCount());
        out.put((byte) (key.isSeeded() ? SEEDED_KEY : FULL_KEY));
        if (key.isSeeded()) {
            out.put(key.seed());
        }
        for (int j = 0; j < key.digitCount(); j++) {
            putRows(out, key.b(j));
            if (!key.isSeeded()) {
                putRows(out, key.a(j));
            }
        }
    }

    private static KeySwitchKey getKey(ByteBuffer in, int version, BgvParameters parameters, long keyId,
                                       KeySwitchKey.Kind kind, long element) {
        int digits = in.getInt();
        if (digits != parameters.digitGroups().length) {
            throw new BgvFormatException("corrupted key-switching key: " + digits + " digits, the parameters have "
                    + parameters.digitGroups().length);
        }
        int form = version >= EVALUATION_KEYS_VERSION ? in.get() : FULL_KEY;
        if (form != FULL_KEY && form != SEEDED_KEY) {
            throw new BgvFormatException("corrupted key-switching key: form " + form + ", expected 0 (full) or 1 (seeded)");
        }
        byte[] seed = null;
        if (form == SEEDED_KEY) {
            seed = new byte[SeedExpander.SEED_BYTES];
            in.get(seed);
        }
        int[] all = parameters.extendedPrimesAt(parameters.maxLevel());
        DoubleCrt[] b = new DoubleCrt[digits];
        DoubleCrt[] a = new DoubleCrt[digits];
        for (int j = 0; j < digits; j++) {
            b[j] = getRows(in, parameters, all, "key-switching key digit " + j);
            a[j] = seed != null ? SeedExpander.expand(parameters, seed, j, all)
                    : getRows(in, parameters, all, "key-switching key digit " + j);
        }
        return new KeySwitchKey(parameters, keyId, kind, element, b, a, seed);
    }
}
