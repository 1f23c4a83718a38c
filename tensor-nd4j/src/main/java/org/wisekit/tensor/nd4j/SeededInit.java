package org.wisekit.tensor.nd4j;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.tensor.Normals;

/**
 * Seeded per-name initialisation: every parameter draws its initial values from its own
 * {@link SplittableRandom}, seeded by the model's seed and the parameter's name. A parameter's values
 * therefore depend only on (seed, name): not on which other parameters exist or in which order they are
 * created. Two models built from one seed share the values of every parameter they have in common (a ViT
 * with and without extra branches; a layer appended in a later training stage).
 *
 * <p>How (seed, name) become the stream's seed is the {@link Mixing}; each model keeps the one its figures
 * were produced with. Normal values come from {@link Normals#next} (Box-Muller, one value per two uniform
 * draws).
 */
public final class SeededInit {

    /** How the model seed and a parameter's name are combined into the seed of the parameter's stream. */
    public enum Mixing {
        /** {@code seed * 0x9E3779B97F4A7C15 ^ name.hashCode() * 0xC2B2AE3D27D4EB4F} (vit-dwconv). */
        XOR_PRODUCT,
        /** {@code seed * 0x9E3779B97F4A7C15 + name.hashCode()} (fl-multimodal). */
        SUM
    }

    private final long seed;
    private final Mixing mixing;

    /**
     * Initialisation from {@code seed}, streams mixed by {@code mixing}.
     *
     * @param seed   the model's seed
     * @param mixing how the seed and a parameter's name make the stream's seed
     */
    public SeededInit(long seed, Mixing mixing) {
        if (mixing == null) {
            throw new IllegalArgumentException("mixing must not be null");
        }
        this.seed = seed;
        this.mixing = mixing;
    }

    /** The model's seed. */
    public long seed() {
        return seed;
    }

    /** The stream of the parameter {@code name}: a new generator, the same for the same (seed, name). */
    public SplittableRandom stream(String name) {
        long h = name.hashCode();
        return switch (mixing) {
            case XOR_PRODUCT -> new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ (h * 0xC2B2AE3D27D4EB4FL));
            case SUM -> new SplittableRandom(seed * 0x9E3779B97F4A7C15L + h);
        };
    }

    /** {@code count} values uniform in {@code [-bound, bound)}: {@code (2 u - 1) bound} from the stream of {@code name}. */
    public double[] uniform(String name, double bound, int count) {
        SplittableRandom r = stream(name);
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = (2 * r.nextDouble() - 1) * bound;
        }
        return v;
    }

    /** {@code count} normal values with mean 0 and standard deviation {@code std} from the stream of {@code name}. */
    public double[] normal(String name, double std, int count) {
        SplittableRandom r = stream(name);
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = std * Normals.next(r);
        }
        return v;
    }

    /**
     * A parameter of {@code shape} uniform in {@code +-1/sqrt(fanIn)}, PyTorch's default for linear and
     * convolution weights and biases.
     *
     * @param name  the parameter's name
     * @param fanIn inputs per output of the layer the parameter belongs to
     * @param type  the array's data type
     * @param shape the array's shape
     * @return a new 'c'-ordered array
     */
    public INDArray uniformFanIn(String name, int fanIn, DataType type, long... shape) {
        return uniform(name, 1.0 / Math.sqrt(fanIn), type, shape);
    }

    /** A new 'c'-ordered array of {@code shape} uniform in {@code [-bound, bound)} (see {@link #uniform(String, double, int)}). */
    public INDArray uniform(String name, double bound, DataType type, long... shape) {
        return array(uniform(name, bound, count(shape)), type, shape);
    }

    /** A new 'c'-ordered array of {@code shape} normal with standard deviation {@code std}. */
    public INDArray normal(String name, double std, DataType type, long... shape) {
        return array(normal(name, std, count(shape)), type, shape);
    }

    /** A new 'c'-ordered array of {@code shape} filled with {@code value} (LayerNorm gains and biases). */
    public static INDArray filled(double value, DataType type, long... shape) {
        double[] v = new double[count(shape)];
        Arrays.fill(v, value);
        return array(v, type, shape);
    }

    private static INDArray array(double[] values, DataType type, long... shape) {
        return Nd4j.create(values, shape, 'c').castTo(type);
    }

    private static int count(long... shape) {
        long c = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            c *= s;
        }
        if (c > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has too many values");
        }
        return (int) c;
    }
}
