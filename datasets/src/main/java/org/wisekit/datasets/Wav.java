package org.wisekit.datasets;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reader for 16-bit PCM mono WAV files (RIFF/WAVE). The header is validated: RIFF and WAVE tags, a
 * {@code fmt } chunk with format 1 (PCM), one channel and 16 bits per sample, then a {@code data} chunk.
 * Other chunks ({@code LIST}, {@code fact}, ...) are skipped.
 */
public final class Wav {

    private static final int PCM = 1;
    private static final int BITS_PER_SAMPLE = 16;
    private static final int RIFF_HEADER_BYTES = 12;
    private static final int CHUNK_HEADER_BYTES = 8;
    private static final int FMT_BYTES = 16;

    private Wav() {
    }

    public static WavAudio read(Path file) {
        ByteBuffer bytes = ByteBuffer.wrap(FileBytes.readAll(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.limit() < RIFF_HEADER_BYTES || !tag(bytes, 0).equals("RIFF") || !tag(bytes, 8).equals("WAVE")) {
            throw new MalformedDataException(file, "not a WAV file: it must start with 'RIFF', a size and 'WAVE'");
        }
        int sampleRate = 0;
        int position = RIFF_HEADER_BYTES;
        while (position + CHUNK_HEADER_BYTES <= bytes.limit()) {
            String id = tag(bytes, position);
            long size = Integer.toUnsignedLong(bytes.getInt(position + 4));
            int body = position + CHUNK_HEADER_BYTES;
            if (body + size > bytes.limit()) {
                throw new MalformedDataException(file, "truncated: chunk '" + id + "' announces " + size
                        + " bytes, only " + (bytes.limit() - body) + " remain");
            }
            if (id.equals("fmt ")) {
                sampleRate = checkFormat(file, bytes, body, size);
            } else if (id.equals("data")) {
                if (sampleRate == 0) {
                    throw new MalformedDataException(file, "the data chunk comes before any fmt chunk");
                }
                return new WavAudio(sampleRate, samples(file, bytes, body, (int) size));
            }
            // Chunks are padded to an even length.
            position = body + (int) size + (int) (size & 1);
        }
        throw new MalformedDataException(file, sampleRate == 0 ? "has no fmt chunk" : "has no data chunk");
    }

    /** Checks the fmt chunk describes 16-bit PCM mono and returns its sample rate. */
    private static int checkFormat(Path file, ByteBuffer bytes, int body, long size) {
        if (size < FMT_BYTES) {
            throw new MalformedDataException(file, "fmt chunk has " + size + " bytes, at least " + FMT_BYTES + " expected");
        }
        int format = Short.toUnsignedInt(bytes.getShort(body));
        int channels = Short.toUnsignedInt(bytes.getShort(body + 2));
        int sampleRate = bytes.getInt(body + 4);
        int bits = Short.toUnsignedInt(bytes.getShort(body + 14));
        if (format != PCM) {
            throw new MalformedDataException(file, "audio format " + format + " is not PCM (1)");
        }
        if (channels != 1) {
            throw new MalformedDataException(file, channels + " channels; only mono is supported");
        }
        if (bits != BITS_PER_SAMPLE) {
            throw new MalformedDataException(file, bits + " bits per sample; only 16 is supported");
        }
        if (sampleRate <= 0) {
            throw new MalformedDataException(file, "sample rate " + Integer.toUnsignedString(sampleRate) + " is not positive");
        }
        return sampleRate;
    }

    private static float[] samples(Path file, ByteBuffer bytes, int body, int size) {
        if (size % 2 != 0) {
            throw new MalformedDataException(file, "data chunk of " + size + " bytes is not whole 16-bit samples");
        }
        float[] samples = new float[size / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = bytes.getShort(body + 2 * i) / 32768f;
        }
        return samples;
    }

    private static String tag(ByteBuffer bytes, int position) {
        byte[] tag = new byte[4];
        bytes.get(position, tag);
        return new String(tag, StandardCharsets.US_ASCII);
    }
}
