package org.wisekit.fhe.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.wisekit.fhe.bgv.BgvCodec;
import org.wisekit.fhe.bgv.BgvFormatException;
import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.bgv.EvaluationKeys;
import org.wisekit.fhe.bgv.GaloisElements;
import org.wisekit.fhe.bgv.KeyGenerator;
import org.wisekit.fhe.bgv.ParameterTier;
import org.wisekit.fhe.bgv.SecretKey;

class CompareCodecTest {

    private static final int HEADER = 26;
    private final ComparisonSession session = ComparisonFixture.WORDS16;
    private final SplittableRandom random = new SplittableRandom(77);

    @Test
    void wordFormatsRoundTripAndInvalidOnesAreRefused() {
        WordFormat format = session.format();
        byte[] bytes = CompareCodec.write(format);
        assertThat(CompareCodec.readWordFormat(bytes)).isEqualTo(format);
        WordFormat wide = new WordFormat(64, 66, 4, 3);
        assertThat(CompareCodec.readWordFormat(CompareCodec.write(wide))).isEqualTo(wide);

        byte[] tooWide = bytes.clone();
        ByteBuffer.wrap(tooWide).putInt(HEADER, 65);
        reseal(tooWide);
        assertThatThrownBy(() -> CompareCodec.readWordFormat(tooWide)).isInstanceOf(BgvFormatException.class)
                .hasMessage("corrupted word format: wordBits must be in [1, 64], got 65");
        byte[] flipped = bytes.clone();
        flipped[HEADER + 5] ^= 4;
        assertThatThrownBy(() -> CompareCodec.readWordFormat(flipped)).hasMessageStartingWith("corrupted: CRC-32 mismatch");
        assertThatThrownBy(() -> CompareCodec.readWordFormat(Arrays.copyOf(bytes, bytes.length - 2)))
                .hasMessageStartingWith("truncated");
        assertThatThrownBy(() -> CompareCodec.readWordFormat(BgvCodec.write(session.parameters())))
                .hasMessage("expected a word format, found parameters");
    }

    @Test
    void encryptedWordsRoundTripAndDecrypt() {
        long[] words = ComparisonFixture.randomWords(random, 51, 16);
        EncryptedWords x = session.encryptor().encrypt(words);
        byte[] bytes = CompareCodec.write(x);
        EncryptedWords restored = CompareCodec.readEncryptedWords(bytes, session.parameters());
        assertThat(restored.format()).isEqualTo(x.format());
        assertThat(restored.count()).isEqualTo(51);
        assertThat(BgvCodec.write(restored.ciphertext())).isEqualTo(BgvCodec.write(x.ciphertext()));
        assertThat(session.decryptor().words(restored)).isEqualTo(words);
        assertThat(CompareCodec.write(restored)).isEqualTo(bytes);
    }

    @Test
    void encryptedWordsThatAreCorruptTruncatedOrForeignAreRefused() {
        EncryptedWords x = session.encryptor().encrypt(ComparisonFixture.randomWords(random, 4, 16));
        byte[] bytes = CompareCodec.write(x);
        assertThatThrownBy(() -> CompareCodec.readEncryptedWords(bytes, ParameterTier.T1.insecureParameters()))
                .isInstanceOf(BgvFormatException.class)
                .hasMessageStartingWith("encrypted words made for other parameters (fingerprint")
                .hasMessageContaining("m = 1087");
        for (int length : new int[] {10, 40, bytes.length / 2, bytes.length - 1}) {
            assertThatThrownBy(() -> CompareCodec.readEncryptedWords(Arrays.copyOf(bytes, length), session.parameters()))
                    .as("%d", length).isInstanceOf(BgvFormatException.class).hasMessageStartingWith("truncated");
        }
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 1;
        assertThatThrownBy(() -> CompareCodec.readEncryptedWords(flipped, session.parameters()))
                .hasMessageStartingWith("corrupted: CRC-32 mismatch");
        // Fields out of range behind a valid checksum: the count, the format, the nested ciphertext.
        byte[] count = bytes.clone();
        ByteBuffer.wrap(count).putInt(HEADER + 20, 52);
        reseal(count);
        assertThatThrownBy(() -> CompareCodec.readEncryptedWords(count, session.parameters()))
                .hasMessage("corrupted encrypted words: count must be in [1, 51], got 52");
        byte[] digits = bytes.clone();
        ByteBuffer.wrap(digits).putInt(HEADER + 12, 4);
        reseal(digits);
        assertThatThrownBy(() -> CompareCodec.readEncryptedWords(digits, session.parameters()))
                .hasMessage("corrupted encrypted words: the format does not fit the parameters: digitsPerSlot must be "
                        + "<= d = 3, got 4");
        byte[] nested = bytes.clone();
        nested[HEADER + 28 + 40] ^= 1; // inside the nested ciphertext: its own checksum fails
        reseal(nested);
        assertThatThrownBy(() -> CompareCodec.readEncryptedWords(nested, session.parameters()))
                .hasMessageStartingWith("encrypted words: corrupted: CRC-32 mismatch");
        byte[] nestedLength = bytes.clone();
        ByteBuffer.wrap(nestedLength).putInt(HEADER + 24, Integer.MAX_VALUE);
        reseal(nestedLength);
        assertThatThrownBy(() -> CompareCodec.readEncryptedWords(nestedLength, session.parameters()))
                .hasMessageStartingWith("encrypted words: corrupted: the ciphertext announces 2147483647 bytes");
        byte[] keyId = bytes.clone();
        ByteBuffer.wrap(keyId).putLong(14, 99);
        reseal(keyId);
        assertThatThrownBy(() -> CompareCodec.readEncryptedWords(keyId, session.parameters()))
                .hasMessageStartingWith("corrupted encrypted words: the ciphertext's key id");
        assertThatThrownBy(() -> CompareCodec.readEncryptedArray(bytes, session.parameters()))
                .hasMessage("expected an encrypted array, found encrypted words");
        assertThatThrownBy(() -> BgvCodec.readCiphertext(bytes, session.parameters()))
                .hasMessage("expected a ciphertext, found encrypted words");
    }

    @Test
    void encryptedArraysRoundTripAndCorruptOnesAreRefused() {
        long[] values = ComparisonFixture.randomWords(random, 4, 16);
        EncryptedArray array = session.encryptor().encryptArray(values);
        byte[] bytes = CompareCodec.write(array);
        EncryptedArray restored = CompareCodec.readEncryptedArray(bytes, session.parameters());
        assertThat(restored.size()).isEqualTo(4);
        assertThat(restored.format()).isEqualTo(array.format());
        assertThat(session.decryptor().words(restored.rows())).isEqualTo(session.decryptor().words(array.rows()));
        assertThat(session.decryptor().words(restored.columns())).isEqualTo(session.decryptor().words(array.columns()));
        assertThat(CompareCodec.write(restored)).isEqualTo(bytes);

        byte[] size = bytes.clone();
        ByteBuffer.wrap(size).putInt(HEADER, 5);
        reseal(size);
        assertThatThrownBy(() -> CompareCodec.readEncryptedArray(size, session.parameters()))
                .isInstanceOf(BgvFormatException.class)
                .hasMessage("corrupted encrypted array: rows and columns must both hold N(N-1) = 20 words of one format");
        byte[] rows = bytes.clone();
        rows[HEADER + 8 + 60] ^= 1; // inside the rows' blob
        reseal(rows);
        assertThatThrownBy(() -> CompareCodec.readEncryptedArray(rows, session.parameters()))
                .hasMessageStartingWith("encrypted array rows: corrupted: CRC-32 mismatch");
        assertThatThrownBy(() -> CompareCodec.readEncryptedArray(Arrays.copyOf(bytes, 100), session.parameters()))
                .hasMessageStartingWith("truncated");
    }

    @Test
    void comparisonKeysRoundTripUnderTheirOwnParametersAndCorruptOnesAreRefused() {
        BgvParameters t0 = ComparisonFixture.T0;
        KeyGenerator generator = KeyGenerator.withRandomness(t0, new SplittableRandom(8));
        SecretKey secret = generator.secretKey();
        EvaluationKeys evaluation = generator.evaluationKeys(secret, List.of(GaloisElements.frobenius(t0, 1)));
        ComparisonKeys keys = new ComparisonKeys(t0, 0, session.format(), generator.publicKey(secret), evaluation);
        byte[] bytes = CompareCodec.write(keys);
        ComparisonKeys restored = CompareCodec.readComparisonKeys(bytes);
        assertThat(restored.parameters()).isSameAs(t0);
        assertThat(restored.minimumSecurityBits()).isZero();
        assertThat(restored.format()).isEqualTo(session.format());
        assertThat(restored.keyId()).isEqualTo(secret.keyId());
        assertThat(BgvCodec.write(restored.publicKey())).isEqualTo(BgvCodec.write(keys.publicKey()));
        assertThat(BgvCodec.write(restored.evaluationKeys())).isEqualTo(BgvCodec.write(evaluation));
        assertThat(CompareCodec.write(restored)).isEqualTo(bytes);
        assertThat(restored.supports(new int[0], new int[0])).as("Frobenius only: no in-word shifts").isFalse();

        assertThatThrownBy(() -> new ComparisonKeys(t0, 128, session.format(), keys.publicKey(), evaluation))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("the parameters do not meet 128-bit");
        byte[] target = bytes.clone();
        ByteBuffer.wrap(target).putInt(HEADER, 7);
        reseal(target);
        assertThatThrownBy(() -> CompareCodec.readComparisonKeys(target)).isInstanceOf(BgvFormatException.class)
                .hasMessage("corrupted comparison keys: security target 7 bits, expected 0 or [80, 256]");
        byte[] claims128 = bytes.clone();
        ByteBuffer.wrap(claims128).putInt(HEADER, 128);
        reseal(claims128);
        assertThatThrownBy(() -> CompareCodec.readComparisonKeys(claims128)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("128");
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 1;
        assertThatThrownBy(() -> CompareCodec.readComparisonKeys(flipped)).hasMessageStartingWith("corrupted: CRC-32");
        assertThatThrownBy(() -> CompareCodec.readComparisonKeys(Arrays.copyOf(bytes, bytes.length - 9)))
                .hasMessageStartingWith("truncated");
        assertThatThrownBy(() -> CompareCodec.readComparisonKeys(BgvCodec.write(secret)))
                .hasMessage("expected comparison keys (parameters, word format, public and evaluation keys), found a "
                        + "secret key");
    }

    @Test
    void comparisonResultsRoundTripAndDecryptToTheirBits() {
        ComparisonResult result = new ComparisonResult(session.encryptor().encrypt(1, 0, 1).ciphertext(),
                session.encryptor().encrypt(0, 1, 0).ciphertext(), session.format(), 3, List.of());
        byte[] bytes = CompareCodec.write(result);
        ComparisonResult restored = CompareCodec.readComparisonResult(bytes, session.parameters());
        assertThat(restored.count()).isEqualTo(3);
        assertThat(restored.format()).isEqualTo(session.format());
        assertThat(session.decryptor().lessThan(restored)).containsExactly(true, false, true);
        assertThat(session.decryptor().equal(restored)).containsExactly(false, true, false);
        assertThat(CompareCodec.write(restored)).isEqualTo(bytes);

        assertThatThrownBy(() -> CompareCodec.readComparisonResult(bytes, ParameterTier.T1.insecureParameters()))
                .isInstanceOf(BgvFormatException.class)
                .hasMessageStartingWith("a comparison result made for other parameters (fingerprint");
        byte[] count = bytes.clone();
        ByteBuffer.wrap(count).putInt(HEADER + 20, 52);
        reseal(count);
        assertThatThrownBy(() -> CompareCodec.readComparisonResult(count, session.parameters()))
                .hasMessage("corrupted comparison result: count 52 outside [1, 51]");
        byte[] nested = bytes.clone();
        nested[HEADER + 28 + 40] ^= 1;
        reseal(nested);
        assertThatThrownBy(() -> CompareCodec.readComparisonResult(nested, session.parameters()))
                .hasMessageStartingWith("comparison result: corrupted: CRC-32 mismatch");
        assertThatThrownBy(() -> CompareCodec.readComparisonResult(Arrays.copyOf(bytes, 60), session.parameters()))
                .hasMessageStartingWith("truncated");
        assertThatThrownBy(() -> CompareCodec.readEncryptedWords(bytes, session.parameters()))
                .hasMessage("expected encrypted words, found a comparison result");
    }

    private static void reseal(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
    }
}
