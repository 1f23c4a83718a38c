package org.wisekit.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavTest {

    @TempDir
    Path temp;

    private static byte[] chunk(String id, byte[] body) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + body.length + body.length % 2).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(body.length).put(body);
        return buffer.array();
    }

    private static byte[] fmt(int format, int channels, int sampleRate, int bits) {
        return chunk("fmt ", ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) format).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits)
                .array());
    }

    private static byte[] data(short... samples) {
        ByteBuffer body = ByteBuffer.allocate(2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            body.putShort(s);
        }
        return chunk("data", body.array());
    }

    private static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        Arrays.stream(chunks).forEach(content::writeBytes);
        return ByteBuffer.allocate(8 + content.size()).order(ByteOrder.LITTLE_ENDIAN)
                .put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(content.size()).put(content.toByteArray())
                .array();
    }

    private Path write(byte[] bytes) throws IOException {
        return Files.write(temp.resolve("sound.wav"), bytes);
    }

    @Test
    void readsPcmSamplesAndSkipsUnknownChunks() throws IOException {
        byte[] list = chunk("LIST", "INFOabc".getBytes(StandardCharsets.US_ASCII));   // odd length: padded
        Path file = write(riff(fmt(1, 1, 8000, 16), list, data((short) 0, (short) 16384, (short) -32768, (short) 32767)));

        WavAudio audio = Wav.read(file);

        assertThat(audio.sampleRate()).isEqualTo(8000);
        assertThat(audio.samples()).containsExactly(0f, 0.5f, -1f, 32767 / 32768f);
        assertThat(audio.seconds()).isEqualTo(4 / 8000.0);
    }

    @Test
    void badHeaderIsRejected() throws IOException {
        byte[] bytes = riff(fmt(1, 1, 8000, 16), data((short) 1));
        bytes[8] = 'X';
        Path file = write(bytes);

        assertThatThrownBy(() -> Wav.read(file))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'RIFF', a size and 'WAVE'");
    }

    @Test
    void onlyPcmMonoSixteenBitIsAccepted() throws IOException {
        Path floats = write(riff(fmt(3, 1, 8000, 32), data((short) 1)));
        assertThatThrownBy(() -> Wav.read(floats)).hasMessageContaining("audio format 3 is not PCM");

        Path stereo = write(riff(fmt(1, 2, 8000, 16), data((short) 1, (short) 2)));
        assertThatThrownBy(() -> Wav.read(stereo)).hasMessageContaining("2 channels");

        Path eightBit = write(riff(fmt(1, 1, 8000, 8), data((short) 1)));
        assertThatThrownBy(() -> Wav.read(eightBit)).hasMessageContaining("8 bits per sample");
    }

    @Test
    void missingOrTruncatedChunksAreRejected() throws IOException {
        Path noData = write(riff(fmt(1, 1, 8000, 16)));
        assertThatThrownBy(() -> Wav.read(noData)).hasMessageContaining("has no data chunk");

        Path dataFirst = write(riff(data((short) 1), fmt(1, 1, 8000, 16)));
        assertThatThrownBy(() -> Wav.read(dataFirst)).hasMessageContaining("before any fmt chunk");

        byte[] whole = riff(fmt(1, 1, 8000, 16), data((short) 1, (short) 2, (short) 3));
        Path truncated = write(Arrays.copyOf(whole, whole.length - 3));
        assertThatThrownBy(() -> Wav.read(truncated))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("truncated: chunk 'data' announces 6 bytes, only 3 remain");
    }
}
