package org.wisekit.fhe.bgv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.wisekit.fhe.slots.SlotVector;

class BgvCodecTest {

    private final BgvFixture f = BgvFixture.t0(50);
    private final SlotVector a = f.randomSlots();
    private final Ciphertext ca = f.encrypt(a);

    @Test
    void keysAndCiphertextsRoundTrip() {
        SecretKey secret = BgvCodec.readSecretKey(BgvCodec.write(f.secretKey), f.parameters);
        PublicKey publicKey = BgvCodec.readPublicKey(BgvCodec.write(f.publicKey), f.parameters);
        EvaluationKeys keys = BgvCodec.readEvaluationKeys(BgvCodec.write(f.evaluationKeys), f.parameters);
        Ciphertext ciphertext = BgvCodec.readCiphertext(BgvCodec.write(ca), f.parameters);
        assertThat(BgvCodec.write(secret)).isEqualTo(BgvCodec.write(f.secretKey));
        assertThat(BgvCodec.write(publicKey)).isEqualTo(BgvCodec.write(f.publicKey));
        assertThat(BgvCodec.write(keys)).isEqualTo(BgvCodec.write(f.evaluationKeys));
        assertThat(BgvCodec.write(ciphertext)).isEqualTo(BgvCodec.write(ca));
        assertThat(keys.galoisElements()).isEqualTo(f.evaluationKeys.galoisElements());
        assertThat(ciphertext.estimatedNoiseBudget()).isEqualTo(ca.estimatedNoiseBudget());

        // The restored keys work together: encrypt with the restored public key, evaluate with the restored
        // evaluation keys, decrypt with the restored secret key.
        Ciphertext fresh = new Encryptor(publicKey).encrypt(f.encoder.encode(a));
        Ciphertext product = new Evaluator(f.parameters, keys).multiplyRelin(fresh, ciphertext);
        Ciphertext shifted = new Evaluator(f.parameters, keys).shift(product, 1);
        assertThat(f.encoder.decode(new Decryptor(secret).decrypt(shifted))).isEqualTo(a.times(a).shifted(1));
        Ciphertext three = f.evaluator.multiply(ca, ca);
        assertThat(f.decrypt(BgvCodec.readCiphertext(BgvCodec.write(three), f.parameters))).isEqualTo(a.times(a));
    }

    @Test
    void corruptionAnywhereIsDetected() {
        byte[] bytes = BgvCodec.write(ca);
        for (int position : new int[] {30, bytes.length / 2, bytes.length - 5, bytes.length - 1}) {
            byte[] corrupted = bytes.clone();
            corrupted[position] ^= 0x10;
            assertThatThrownBy(() -> BgvCodec.readCiphertext(corrupted, f.parameters))
                    .as("byte %d", position).isInstanceOf(BgvFormatException.class)
                    .hasMessageStartingWith("corrupted: CRC-32 mismatch");
        }
        byte[] magic = bytes.clone();
        magic[0] = 'X';
        assertThatThrownBy(() -> BgvCodec.readCiphertext(magic, f.parameters))
                .hasMessageStartingWith("not serialized wisekit BGV data");
        byte[] version = bytes.clone();
        version[4] = 9;
        assertThatThrownBy(() -> BgvCodec.readCiphertext(version, f.parameters))
                .hasMessage("unsupported format version 9; this reader knows 1 to 3");
    }

    @Test
    void truncationIsDetected() {
        byte[] bytes = BgvCodec.write(ca);
        for (int length : new int[] {0, 10, 29, bytes.length / 3, bytes.length - 1}) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> BgvCodec.readCiphertext(truncated, f.parameters)).as("length %d", length)
                    .isInstanceOf(BgvFormatException.class).hasMessageStartingWith("truncated");
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
        assertThatThrownBy(() -> BgvCodec.readCiphertext(longer, f.parameters))
                .hasMessageStartingWith("corrupted: the header announces");
    }

    @Test
    void otherParametersWrongKindsAndMismatchedKeysAreRefused() {
        byte[] bytes = BgvCodec.write(ca);
        BgvParameters t1 = ParameterTier.T1.insecureParameters();
        assertThatThrownBy(() -> BgvCodec.readCiphertext(bytes, t1))
                .isInstanceOf(BgvFormatException.class)
                .hasMessageStartingWith("a ciphertext made for other parameters (fingerprint")
                .hasMessageContaining("m = 1087");
        assertThatThrownBy(() -> BgvCodec.readPublicKey(bytes, f.parameters))
                .hasMessage("expected a public key, found a ciphertext");
        assertThatThrownBy(() -> BgvCodec.readCiphertext(BgvCodec.write(f.secretKey), f.parameters))
                .hasMessage("expected a ciphertext, found a secret key");

        BgvFixture other = BgvFixture.t0(51);
        Ciphertext restored = BgvCodec.readCiphertext(bytes, f.parameters);
        assertThatThrownBy(() -> other.decryptor.decrypt(restored)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not under this secret key");
        EvaluationKeys otherKeys = BgvCodec.readEvaluationKeys(BgvCodec.write(other.evaluationKeys), f.parameters);
        assertThatThrownBy(() -> new Evaluator(f.parameters, otherKeys).multiplyRelin(restored, restored))
                .hasMessageContaining("but the evaluation keys are for key");
    }

    @Test
    void fieldsOutOfRangeAreRefusedEvenWithAValidChecksum() {
        byte[] bytes = BgvCodec.write(ca);
        java.nio.ByteBuffer.wrap(bytes).putInt(26, 12);
        resealChecksum(bytes);
        assertThatThrownBy(() -> BgvCodec.readCiphertext(bytes, f.parameters))
                .hasMessage("corrupted ciphertext: level 12 outside [0, 9]");
        byte[] residue = BgvCodec.write(ca);
        java.nio.ByteBuffer.wrap(residue).putLong(26 + 20, Long.MAX_VALUE);
        resealChecksum(residue);
        assertThatThrownBy(() -> BgvCodec.readCiphertext(residue, f.parameters))
                .hasMessageStartingWith("corrupted ciphertext part 0: residue 9223372036854775807 at prime 0, index 0");
    }

    @Test
    void scalarFactorsRoundTripAndCorruptFactorsAreRefused() {
        // A modulus switch gives a factor q^-1 mod p (T0's top prime is not 1 mod 17).
        Ciphertext switched = f.evaluator.modSwitch(f.evaluator.multiplyRelin(ca, ca));
        assertThat(switched.scalarFactor()).isNotEqualTo(1);
        byte[] bytes = BgvCodec.write(switched);
        assertThat(bytes[4]).as("ciphertexts are written as version 2").isEqualTo((byte) 2);
        assertThat(BgvCodec.write(f.secretKey)[4]).as("keys keep version 1").isEqualTo((byte) 1);
        Ciphertext restored = BgvCodec.readCiphertext(bytes, f.parameters);
        assertThat(restored.scalarFactor()).isEqualTo(switched.scalarFactor());
        assertThat(f.decrypt(restored)).isEqualTo(a.times(a));
        // The factor is the i32 after level, size and the noise estimate: 26 + 4 + 4 + 8.
        assertThat(java.nio.ByteBuffer.wrap(bytes).getInt(26 + 16)).isEqualTo((int) switched.scalarFactor());
        for (int factor : new int[] {0, 17, -3, Integer.MAX_VALUE}) {
            byte[] corrupted = bytes.clone();
            java.nio.ByteBuffer.wrap(corrupted).putInt(26 + 16, factor);
            resealChecksum(corrupted);
            assertThatThrownBy(() -> BgvCodec.readCiphertext(corrupted, f.parameters)).as("factor %d", factor)
                    .isInstanceOf(BgvFormatException.class)
                    .hasMessage("corrupted ciphertext: scalar factor " + factor + " outside [1, 16]");
        }
    }

    @Test
    void versionOneCiphertextsAreReadWithFactorOne() {
        // A version-1 blob: the same frame without the factor field (what the previous writer produced).
        byte[] v2 = BgvCodec.write(ca);
        byte[] v1 = new byte[v2.length - 4];
        System.arraycopy(v2, 0, v1, 0, 26 + 16);
        System.arraycopy(v2, 26 + 20, v1, 26 + 16, v2.length - 26 - 20);
        v1[4] = 1;
        java.nio.ByteBuffer.wrap(v1).putInt(22, v2.length - 26 - 4 - 4);
        resealChecksum(v1);
        Ciphertext restored = BgvCodec.readCiphertext(v1, f.parameters);
        assertThat(restored.scalarFactor()).isEqualTo(1);
        assertThat(f.decrypt(restored)).isEqualTo(a);
        assertThat(BgvCodec.write(restored)).isEqualTo(v2);
    }

    private static void resealChecksum(byte[] bytes) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        java.nio.ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
    }
}
