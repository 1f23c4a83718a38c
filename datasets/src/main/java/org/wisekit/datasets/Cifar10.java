package org.wisekit.datasets;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.wisekit.tensor.Tensor;

/**
 * Reader for CIFAR-10 stored as JPEG class folders: {@code <folder>/<class>/<name>.jpg}, 32x32 RGB.
 *
 * <p>The order is deterministic: classes in the fixed CIFAR-10 order of {@link #CLASS_NAMES} (which also
 * gives the label), files sorted by name within a class. Examples are therefore grouped by class; shuffle
 * before training on a prefix.
 */
public final class Cifar10 {

    public static final List<String> CLASS_NAMES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
    public static final int SIDE = 32;
    public static final int CHANNELS = 3;

    private static final int PIXELS = SIDE * SIDE;
    private static final String EXTENSION = ".jpg";

    private Cifar10() {
    }

    /**
     * Reads the first {@code perClass} images of every class (all of them when a class has fewer), as
     * NHWC floats {@code [n, 32, 32, 3]} in [0, 1] (RGB order), labels from {@link #CLASS_NAMES}.
     */
    public static LabeledImages read(Path folder, int perClass) {
        if (perClass < 1) {
            throw new IllegalArgumentException("perClass must be >= 1, got " + perClass);
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int label = 0; label < CLASS_NAMES.size(); label++) {
            Path classFolder = folder.resolve(CLASS_NAMES.get(label));
            if (!Files.isDirectory(classFolder)) {
                throw new MalformedDataException(folder, "has no class folder '" + CLASS_NAMES.get(label) + "'");
            }
            List<Path> classFiles = sortedJpegs(classFolder);
            for (Path file : classFiles.subList(0, Math.min(perClass, classFiles.size()))) {
                files.add(file);
                labels.add(label);
            }
        }
        float[] pixels = new float[files.size() * PIXELS * CHANNELS];
        // Decoding dominates; each image writes its own slice, so the parallel result is the sequential one.
        IntStream.range(0, files.size()).parallel().forEach(i -> decodeInto(files.get(i), pixels, i * PIXELS * CHANNELS));
        return new LabeledImages(Tensor.wrap(pixels, files.size(), SIDE, SIDE, CHANNELS),
                labels.stream().mapToInt(Integer::intValue).toArray(), CLASS_NAMES);
    }

    private static List<Path> sortedJpegs(Path classFolder) {
        try (Stream<Path> list = Files.list(classFolder)) {
            return list.filter(p -> p.getFileName().toString().endsWith(EXTENSION)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + classFolder, e);
        }
    }

    private static void decodeInto(Path file, float[] pixels, int offset) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new MalformedDataException(file, "cannot be decoded as JPEG (" + e.getMessage() + ")", e);
        }
        if (image == null) {
            throw new MalformedDataException(file, "is not an image ImageIO can read");
        }
        if (image.getWidth() != SIDE || image.getHeight() != SIDE) {
            throw new MalformedDataException(file, "is " + image.getWidth() + "x" + image.getHeight() + ", expected "
                    + SIDE + "x" + SIDE);
        }
        int[] argb = image.getRGB(0, 0, SIDE, SIDE, null, 0, SIDE);
        for (int p = 0; p < PIXELS; p++) {
            int o = offset + p * CHANNELS;
            pixels[o] = ((argb[p] >> 16) & 0xff) / 255f;
            pixels[o + 1] = ((argb[p] >> 8) & 0xff) / 255f;
            pixels[o + 2] = (argb[p] & 0xff) / 255f;
        }
    }
}
