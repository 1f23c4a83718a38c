package org.wisekit.fhe.compare;

import java.nio.ByteBuffer;
import org.wisekit.fhe.bgv.BgvCodec;
import org.wisekit.fhe.bgv.BgvFormatException;
import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.bgv.Ciphertext;
import org.wisekit.fhe.internal.CodecFrame;
import org.wisekit.fhe.internal.CodecFrame.Kind;
import org.wisekit.fhe.internal.CodecFrame.Opened;

/**
 * Binary serialization of the comparison types, in {@link BgvCodec}'s frame ("WKBG" version kind
 * parameterFingerprint keyId payloadLength payload crc32, big-endian). Payloads:
 *
 * <pre>
 * word format      wordBits:i32 base:i64 digitsPerSlot:i32 slotsPerWord:i32          (fingerprint 0, keyId 0)
 * encrypted words  format count:i32 ciphertextLength:i32 ciphertext                   (the ciphertext's frame)
 * encrypted array  size:i32 rowsLength:i32 rows columnsLength:i32 columns             (encrypted-words frames)
 * comparison keys  minimumSecurityBits:i32 parametersLength:i32 parameters format
 *                  publicKeyLength:i32 publicKey evaluationKeysLength:i32 evaluationKeys  (BgvCodec frames)
 * comparison result  format count:i32 lessThanLength:i32 lessThan equalLength:i32 equal  (ciphertext frames)
 * </pre>
 *
 * Comparison keys are read without parameters (they carry them): the parameters are rebuilt and checked
 * against the security target stored beside them ({@link BgvCodec#readParameters(byte[], int)}, or
 * {@link BgvCodec#readInsecureParameters} for target 0), then the keys are read under them. A comparison result
 * keeps the two bit ciphertexts, not the stage log.
 *
 * Encrypted words and arrays carry the parameters' fingerprint and the key id in their own header too, so the
 * usual refusals ("made for other parameters", kind mismatches, truncation, CRC-32) come before any nested
 * blob is read; the nested blobs are then read with their own checks, and the format must fit the parameters
 * ({@link WordFormat#checkFits}). Every failure is a {@link BgvFormatException}. Stateless.
 */
public final class CompareCodec {

    private static final int VERSION = 1;
    private static final int FORMAT_BYTES = 4 + 8 + 4 + 4;

    private CompareCodec() {
    }

    public static byte[] write(WordFormat format) {
        ByteBuffer payload = ByteBuffer.allocate(FORMAT_BYTES);
        putFormat(payload, format);
        return CodecFrame.seal(Kind.WORD_FORMAT, VERSION, 0, 0, payload.array());
    }

    public static byte[] write(EncryptedWords words) {
        byte[] ciphertext = BgvCodec.write(words.ciphertext());
        ByteBuffer payload = ByteBuffer.allocate(FORMAT_BYTES + 4 + 4 + ciphertext.length);
        putFormat(payload, words.format());
        payload.putInt(words.count()).putInt(ciphertext.length).put(ciphertext);
        Ciphertext c = words.ciphertext();
        return CodecFrame.seal(Kind.ENCRYPTED_WORDS, VERSION, c.parameters().fingerprint(), c.keyId(), payload.array());
    }

    public static byte[] write(EncryptedArray array) {
        byte[] rows = write(array.rows());
        byte[] columns = write(array.columns());
        ByteBuffer payload = ByteBuffer.allocate(4 + 4 + rows.length + 4 + columns.length);
        payload.putInt(array.size()).putInt(rows.length).put(rows).putInt(columns.length).put(columns);
        Ciphertext c = array.rows().ciphertext();
        return CodecFrame.seal(Kind.ENCRYPTED_ARRAY, VERSION, c.parameters().fingerprint(), c.keyId(), payload.array());
    }

    /** The public half of a deployment: what a server needs (parameters, format, public and evaluation keys). */
    public static byte[] write(ComparisonKeys keys) {
        byte[] parameters = BgvCodec.write(keys.parameters());
        byte[] publicKey = BgvCodec.write(keys.publicKey());
        byte[] evaluationKeys = BgvCodec.write(keys.evaluationKeys());
        ByteBuffer payload = ByteBuffer.allocate(4 + 4 + parameters.length + FORMAT_BYTES + 4 + publicKey.length + 4
                + evaluationKeys.length);
        payload.putInt(keys.minimumSecurityBits()).putInt(parameters.length).put(parameters);
        putFormat(payload, keys.format());
        payload.putInt(publicKey.length).put(publicKey).putInt(evaluationKeys.length).put(evaluationKeys);
        return CodecFrame.seal(Kind.COMPARISON_KEYS, VERSION, keys.parameters().fingerprint(), keys.keyId(),
                payload.array());
    }

    /** The bits of a comparison (the stage log is not kept). */
    public static byte[] write(ComparisonResult result) {
        byte[] lessThan = BgvCodec.write(result.lessThan());
        byte[] equal = BgvCodec.write(result.equal());
        ByteBuffer payload = ByteBuffer.allocate(FORMAT_BYTES + 4 + 4 + lessThan.length + 4 + equal.length);
        putFormat(payload, result.format());
        payload.putInt(result.count()).putInt(lessThan.length).put(lessThan).putInt(equal.length).put(equal);
        Ciphertext c = result.lessThan();
        return CodecFrame.seal(Kind.COMPARISON_RESULT, VERSION, c.parameters().fingerprint(), c.keyId(),
                payload.array());
    }

    /**
     * Comparison keys written by {@link #write(ComparisonKeys)}; the parameters are rebuilt from the data and
     * checked against the security target written with them.
     */
    public static ComparisonKeys readComparisonKeys(byte[] bytes) {
        Opened opened = CodecFrame.open(bytes, Kind.COMPARISON_KEYS, null, null);
        ByteBuffer in = opened.payload();
        return CodecFrame.parse(in, () -> {
            int securityBits = in.getInt();
            if (securityBits != 0 && (securityBits < 80 || securityBits > 256)) {
                throw new BgvFormatException("corrupted comparison keys: security target " + securityBits
                        + " bits, expected 0 or [80, 256]");
            }
            byte[] parametersBlob = CodecFrame.getBlob(in, "the parameters");
            BgvParameters parameters = nested(() -> securityBits == 0 ? BgvCodec.readInsecureParameters(parametersBlob)
                    : BgvCodec.readParameters(parametersBlob, securityBits), "comparison keys");
            if (parameters.fingerprint() != opened.fingerprint()) {
                throw new BgvFormatException("corrupted comparison keys: the parameters' fingerprint "
                        + Long.toHexString(parameters.fingerprint()) + " differs from the header's "
                        + Long.toHexString(opened.fingerprint()));
            }
            WordFormat format = getFormat(in, "comparison keys");
            org.wisekit.fhe.bgv.PublicKey publicKey = nested(() -> BgvCodec.readPublicKey(
                    CodecFrame.getBlob(in, "the public key"), parameters), "comparison keys");
            org.wisekit.fhe.bgv.EvaluationKeys evaluationKeys = nested(() -> BgvCodec.readEvaluationKeys(
                    CodecFrame.getBlob(in, "the evaluation keys"), parameters), "comparison keys");
            if (publicKey.keyId() != opened.keyId() || evaluationKeys.keyId() != opened.keyId()) {
                throw new BgvFormatException("corrupted comparison keys: the keys must be under the header's key id "
                        + Long.toHexString(opened.keyId()));
            }
            try {
                return new ComparisonKeys(parameters, securityBits, format, publicKey, evaluationKeys);
            } catch (IllegalArgumentException e) {
                throw new BgvFormatException("corrupted comparison keys: " + e.getMessage());
            }
        });
    }

    public static ComparisonResult readComparisonResult(byte[] bytes, BgvParameters parameters) {
        Opened opened = CodecFrame.open(bytes, Kind.COMPARISON_RESULT, parameters.fingerprint(), parameters::describe);
        ByteBuffer in = opened.payload();
        return CodecFrame.parse(in, () -> {
            WordFormat format = getFormat(in, "comparison result");
            try {
                format.checkFits(parameters);
            } catch (IllegalArgumentException e) {
                throw new BgvFormatException("corrupted comparison result: the format does not fit the parameters: "
                        + e.getMessage());
            }
            int count = in.getInt();
            if (count < 1 || count > format.capacity(parameters)) {
                throw new BgvFormatException("corrupted comparison result: count " + count + " outside [1, "
                        + format.capacity(parameters) + "]");
            }
            Ciphertext lessThan = nested(() -> BgvCodec.readCiphertext(CodecFrame.getBlob(in, "the less-than bits"),
                    parameters), "comparison result");
            Ciphertext equal = nested(() -> BgvCodec.readCiphertext(CodecFrame.getBlob(in, "the equality bits"),
                    parameters), "comparison result");
            if (lessThan.keyId() != opened.keyId() || equal.keyId() != opened.keyId()) {
                throw new BgvFormatException("corrupted comparison result: the bits must be under the header's key id "
                        + Long.toHexString(opened.keyId()));
            }
            return new ComparisonResult(lessThan, equal, format, count, java.util.List.of());
        });
    }

    /** A word format (no parameters needed; check it against parameters with {@link WordFormat#checkFits}). */
    public static WordFormat readWordFormat(byte[] bytes) {
        Opened opened = CodecFrame.open(bytes, Kind.WORD_FORMAT, 0L, () -> "a word format (fingerprint 0)");
        ByteBuffer in = opened.payload();
        return CodecFrame.parse(in, () -> getFormat(in, "word format"));
    }

    public static EncryptedWords readEncryptedWords(byte[] bytes, BgvParameters parameters) {
        Opened opened = CodecFrame.open(bytes, Kind.ENCRYPTED_WORDS, parameters.fingerprint(), parameters::describe);
        ByteBuffer in = opened.payload();
        return CodecFrame.parse(in, () -> {
            WordFormat format = getFormat(in, "encrypted words");
            try {
                format.checkFits(parameters);
            } catch (IllegalArgumentException e) {
                throw new BgvFormatException("corrupted encrypted words: the format does not fit the parameters: "
                        + e.getMessage());
            }
            int count = in.getInt();
            Ciphertext ciphertext = nested(() -> BgvCodec.readCiphertext(CodecFrame.getBlob(in, "the ciphertext"),
                    parameters), "encrypted words");
            if (ciphertext.keyId() != opened.keyId()) {
                throw new BgvFormatException("corrupted encrypted words: the ciphertext's key id "
                        + Long.toHexString(ciphertext.keyId()) + " differs from the header's "
                        + Long.toHexString(opened.keyId()));
            }
            try {
                return new EncryptedWords(ciphertext, format, count);
            } catch (IllegalArgumentException e) {
                throw new BgvFormatException("corrupted encrypted words: " + e.getMessage());
            }
        });
    }

    public static EncryptedArray readEncryptedArray(byte[] bytes, BgvParameters parameters) {
        Opened opened = CodecFrame.open(bytes, Kind.ENCRYPTED_ARRAY, parameters.fingerprint(), parameters::describe);
        ByteBuffer in = opened.payload();
        return CodecFrame.parse(in, () -> {
            int size = in.getInt();
            EncryptedWords rows = nested(() -> readEncryptedWords(CodecFrame.getBlob(in, "the rows"), parameters),
                    "encrypted array rows");
            EncryptedWords columns = nested(() -> readEncryptedWords(CodecFrame.getBlob(in, "the columns"),
                    parameters), "encrypted array columns");
            if (rows.ciphertext().keyId() != opened.keyId() || columns.ciphertext().keyId() != opened.keyId()) {
                throw new BgvFormatException("corrupted encrypted array: rows and columns must be under the header's "
                        + "key id " + Long.toHexString(opened.keyId()));
            }
            try {
                return new EncryptedArray(rows, columns, size);
            } catch (IllegalArgumentException e) {
                throw new BgvFormatException("corrupted encrypted array: " + e.getMessage());
            }
        });
    }

    private static void putFormat(ByteBuffer out, WordFormat format) {
        out.putInt(format.wordBits()).putLong(format.base()).putInt(format.digitsPerSlot())
                .putInt(format.slotsPerWord());
    }

    private static WordFormat getFormat(ByteBuffer in, String what) {
        int wordBits = in.getInt();
        long base = in.getLong();
        int digitsPerSlot = in.getInt();
        int slotsPerWord = in.getInt();
        try {
            return new WordFormat(wordBits, base, digitsPerSlot, slotsPerWord);
        } catch (IllegalArgumentException e) {
            throw new BgvFormatException("corrupted " + what + ": " + e.getMessage());
        }
    }

    /** Reads a nested blob, prefixing its errors with what it is part of. */
    private static <T> T nested(java.util.function.Supplier<T> reader, String within) {
        try {
            return reader.get();
        } catch (BgvFormatException e) {
            throw new BgvFormatException(within + ": " + e.getMessage());
        }
    }
}
