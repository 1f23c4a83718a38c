package org.wisekit.calib.repro.wild;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.wisekit.calib.Logits;
import org.wisekit.calib.shift.FashionMnistC;
import org.wisekit.calib.shift.ImageOps;
import org.wisekit.datasets.LabeledImages;
import org.wisekit.tensor.Shuffles;

/**
 * 28 x 28 grey images in [0, 1] with labels ({@link Logits#NO_CLASS} for OOD images), and the builders
 * of the sets the experiment uses.
 *
 * @param images row-major, 784 floats per image
 * @param labels one per image
 */
public record ImageSet(float[] images, int[] labels) {

    private static final int PIXELS = FashionMnistC.SIDE * FashionMnistC.SIDE;

    public ImageSet {
        if (images.length != (long) labels.length * PIXELS) {
            throw new IllegalArgumentException(images.length + " floats do not hold " + labels.length + " images of 28 x 28");
        }
    }

    public int size() {
        return labels.length;
    }

    /** Images {@code from .. from+count-1} of a Fashion-MNIST split. */
    public static ImageSet slice(LabeledImages fashion, int from, int count) {
        if (from < 0 || count < 0 || from + count > fashion.size()) {
            throw new IllegalArgumentException("images " + from + ".." + (from + count) + " outside 0.." + fashion.size());
        }
        float[] all = fashion.images().data();
        return new ImageSet(Arrays.copyOfRange(all, from * PIXELS, (from + count) * PIXELS),
                Arrays.copyOfRange(fashion.labels(), from, from + count));
    }

    /**
     * {@code count} sklearn digits (8 x 8) drawn without replacement by {@code seed}, resized bilinearly to
     * 28 x 28: the semantic-OOD tuning set.
     */
    public static ImageSet digits(LabeledImages digits, int count, long seed) {
        int side = digits.images().dim(1);
        int pixels = side * side;
        int[] pick = sample(digits.size(), count, seed);
        float[] images = new float[count * PIXELS];
        for (int i = 0; i < count; i++) {
            float[] small = Arrays.copyOfRange(digits.images().data(), pick[i] * pixels, (pick[i] + 1) * pixels);
            float[] big = ImageOps.resizeBilinear(small, side, side, FashionMnistC.SIDE, FashionMnistC.SIDE);
            System.arraycopy(big, 0, images, i * PIXELS, PIXELS);
        }
        return outOfDistribution(images, count);
    }

    /** CIFAR-10 colour images (NHWC) turned grey (luma) and resized bilinearly to 28 x 28: the semantic-OOD test set. */
    public static ImageSet greyCifar(LabeledImages cifar) {
        int height = cifar.images().dim(1);
        int width = cifar.images().dim(2);
        float[] images = new float[cifar.size() * PIXELS];
        for (int i = 0; i < cifar.size(); i++) {
            float[] grey = ImageOps.luma(cifar.images().data(), i * height * width * 3, height * width);
            float[] small = ImageOps.resizeBilinear(grey, height, width, FashionMnistC.SIDE, FashionMnistC.SIDE);
            System.arraycopy(small, 0, images, i * PIXELS, PIXELS);
        }
        return outOfDistribution(images, cifar.size());
    }

    private static ImageSet outOfDistribution(float[] images, int count) {
        int[] labels = new int[count];
        Arrays.fill(labels, Logits.NO_CLASS);
        return new ImageSet(images, labels);
    }

    /** {@code count} distinct indices of {@code 0..n-1} (partial Fisher-Yates). */
    private static int[] sample(int n, int count, long seed) {
        if (count > n) {
            throw new IllegalArgumentException("cannot draw " + count + " of " + n + " images");
        }
        int[] index = Shuffles.identity(n);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(n - i);
            int swap = index[i];
            index[i] = index[j];
            index[j] = swap;
        }
        return Arrays.copyOf(index, count);
    }
}
