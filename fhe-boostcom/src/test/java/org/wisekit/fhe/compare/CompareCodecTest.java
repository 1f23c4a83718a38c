package org.wisekit.fhe.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.wisekit.fhe.bgv.BgvCodec;
import org.wisekit.fhe.bgv.BgvFormatException;
import org.wisekit.fhe.bgv.ParameterTier;

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

    private static void reseal(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
    }
}
