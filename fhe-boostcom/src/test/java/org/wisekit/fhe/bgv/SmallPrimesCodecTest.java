package org.wisekit.fhe.bgv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.wisekit.fhe.internal.CodecFrame;

/** The literal's {@code smallPrimes} flag: fingerprint, the PARAMETERS codec (version 2) and version-1 blobs. */
class SmallPrimesCodecTest {

    private static final int HEADER = 26;

    @Test
    void theFlagIsPartOfTheLiteralAndOfTheFingerprintOnlyWhenSet() {
        ParametersLiteral literal = ParameterTier.T0.literal();
        assertThat(literal.smallPrimes()).isFalse();
        assertThat(new ParametersLiteral(literal.m(), literal.plaintextModulus(), literal.logQ(), literal.logP(),
                literal.keySwitchDigits())).isEqualTo(literal.withSmallPrimes(false));
        BgvParameters plain = ParameterTier.T0.insecureParameters();
        BgvParameters small = BgvParameters.sharedInsecure(literal.withSmallPrimes(true));
        assertThat(small.literal().smallPrimes()).isTrue();
        assertThat(small.fingerprint()).isNotEqualTo(plain.fingerprint());
        // The same primes with and without the flag still differ (every prime 1 mod m N is 1 mod m).
        BgvParameters samePrimes = BgvParameters.createInsecure(literal.withSmallPrimes(true), plain.primes());
        assertThat(samePrimes.fingerprint()).isNotEqualTo(plain.fingerprint());
        assertThat(samePrimes).isNotEqualTo(plain);
    }

    @Test
    void smallPrimesParametersRoundTrip() {
        BgvParameters small = BgvParameters.sharedInsecure(ParameterTier.T0.literal().withSmallPrimes(true));
        byte[] bytes = BgvCodec.write(small);
        assertThat(bytes[4]).isEqualTo((byte) 2);
        assertThat(BgvCodec.readInsecureParameters(bytes)).isSameAs(small);
        BgvParameters rebuilt = BgvParameters.createInsecure(small.literal(), small.primes());
        assertThat(rebuilt).isNotSameAs(small).isEqualTo(small);
        assertThat(rebuilt.smallPrimes()).isTrue();
        assertThat(BgvCodec.write(rebuilt)).isEqualTo(bytes);
        // A reader that never built the shared instance rebuilds it with the flag from the blob.
        BgvParameters other = BgvParameters.createInsecure(new ParametersLiteral(307, 17, java.util.List.of(50, 40),
                java.util.List.of(50), 2, true));
        BgvParameters read = BgvCodec.readInsecureParameters(BgvCodec.write(other));
        assertThat(read).isEqualTo(other);
        assertThat(read.smallPrimes()).isTrue();
        assertThat(read.literal()).isEqualTo(other.literal());
        assertThat(read.primes()).isEqualTo(other.primes());
    }

    @Test
    void secureSmallPrimesParametersRoundTripAtTheirTarget() {
        ParameterGenerator.Result result = ParameterGenerator.forPlaintextModulus(257).m(5581).depth(2)
                .keySwitchDigits(2).firstPrimeBits(40).securityBits(80).smallPrimes(true).generate();
        assertThat(result.smallPrimes()).isTrue();
        assertThat(result.literal().smallPrimes()).isTrue();
        assertThat(result.congruence()).isEqualTo(5581);
        assertThat(result.describe()).contains("small primes");
        BgvParameters parameters = result.build();
        assertThat(parameters.smallPrimes()).isTrue();
        BgvParameters restored = BgvCodec.readParameters(BgvCodec.write(parameters), 80);
        assertThat(restored).isNotSameAs(parameters).isEqualTo(parameters);
        assertThat(restored.smallPrimes()).isTrue();
        assertThat(restored.primes()).isEqualTo(parameters.primes());
    }

    @Test
    void versionOneBlobsWithoutTheFlagByteStillReadAsWithoutSmallPrimes() {
        BgvParameters plain = BgvParameters.createInsecure(new ParametersLiteral(307, 17, java.util.List.of(50, 40),
                java.util.List.of(50), 2));
        byte[] v1 = toVersionOne(BgvCodec.write(plain));
        BgvParameters read = BgvCodec.readInsecureParameters(v1);
        assertThat(read).isEqualTo(plain);
        assertThat(read.smallPrimes()).isFalse();
        assertThat(read.fingerprint()).isEqualTo(plain.fingerprint());
        // The shared tier object too.
        BgvParameters t0 = ParameterTier.T0.insecureParameters();
        assertThat(BgvCodec.readInsecureParameters(toVersionOne(BgvCodec.write(t0)))).isSameAs(t0);
    }

    @Test
    void unknownFlagsAreRefused() {
        BgvParameters t0 = ParameterTier.T0.insecureParameters();
        byte[] bytes = BgvCodec.write(t0);
        byte[] payload = Arrays.copyOfRange(bytes, HEADER, bytes.length - 4);
        payload[flagOffset(payload)] = 6;
        byte[] resealed = CodecFrame.seal(CodecFrame.Kind.PARAMETERS, 2, t0.fingerprint(), 0, payload);
        assertThatThrownBy(() -> BgvCodec.readInsecureParameters(resealed)).isInstanceOf(BgvFormatException.class)
                .hasMessage("corrupted parameters: unknown flags 6");
    }

    /** The blob as the version-1 writer made it: no flags byte. */
    private static byte[] toVersionOne(byte[] bytes) {
        assertThat(bytes[4]).isEqualTo((byte) 2);
        long fingerprint = ByteBuffer.wrap(bytes).getLong(6);
        byte[] payload = Arrays.copyOfRange(bytes, HEADER, bytes.length - 4);
        int flag = flagOffset(payload);
        assertThat(payload[flag]).isZero();
        byte[] old = new byte[payload.length - 1];
        System.arraycopy(payload, 0, old, 0, flag);
        System.arraycopy(payload, flag + 1, old, flag, payload.length - flag - 1);
        return CodecFrame.seal(CodecFrame.Kind.PARAMETERS, 1, fingerprint, 0, old);
    }

    /** m:i32 p:i64 qCount:i32 logQ:u8* pCount:i32 logP:u8* digits:i32, then the flags byte. */
    private static int flagOffset(byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        int qCount = in.getInt(12);
        int pCount = in.getInt(16 + qCount);
        return 16 + qCount + 4 + pCount + 4;
    }
}
