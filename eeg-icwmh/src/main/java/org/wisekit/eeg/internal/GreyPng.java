package org.wisekit.eeg.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/** Planes as 8-bit grey PNG bytes, each scaled to its own maximum (for looking at, not for computing). */
public final class GreyPng {

    private GreyPng() {
    }

    /** One plane {@code [H][W]}. */
    public static byte[] of(float[][] plane) {
        return strip(List.<float[][]>of(plane), 1, 0);
    }

    /** Planes of equal size side by side, each pixel repeated {@code scale} times, {@code gap} black columns apart. */
    public static byte[] strip(List<float[][]> planes, int scale, int gap) {
        int h = planes.get(0).length;
        int w = planes.get(0)[0].length;
        BufferedImage img = new BufferedImage(planes.size() * (w * scale + gap) - gap, h * scale,
                BufferedImage.TYPE_BYTE_GRAY);
        for (int p = 0; p < planes.size(); p++) {
            float[][] plane = planes.get(p);
            float max = 0;
            for (float[] row : plane) {
                for (float v : row) {
                    max = Math.max(max, v);
                }
            }
            for (int y = 0; y < h * scale; y++) {
                for (int x = 0; x < w * scale; x++) {
                    float v = plane[y / scale][x / scale];
                    img.getRaster().setSample(p * (w * scale + gap) + x, y, 0, max > 0 ? Math.round(255f * v / max) : 0);
                }
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
