package org.wisekit.datasets;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.wisekit.tensor.Tensor;

/** Decodes a colour photo (JPEG or PNG) into an HWC tensor of RGB values in [0, 1]. */
final class SampleImages {

    private SampleImages() {
    }

    static Tensor read(Path file) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new MalformedDataException(file, "cannot be decoded (" + e.getMessage() + ")", e);
        }
        if (image == null) {
            throw new MalformedDataException(file, "is not an image ImageIO can read");
        }
        int width = image.getWidth();
        int height = image.getHeight();
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        float[] rgb = new float[argb.length * 3];
        for (int p = 0; p < argb.length; p++) {
            rgb[3 * p] = ((argb[p] >> 16) & 0xff) / 255f;
            rgb[3 * p + 1] = ((argb[p] >> 8) & 0xff) / 255f;
            rgb[3 * p + 2] = (argb[p] & 0xff) / 255f;
        }
        return Tensor.wrap(rgb, height, width, 3);
    }
}
