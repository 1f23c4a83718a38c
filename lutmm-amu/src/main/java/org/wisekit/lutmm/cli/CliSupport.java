package org.wisekit.lutmm.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.wisekit.datasets.io.Npy;
import org.wisekit.lutmm.MaddnessFile;
import org.wisekit.lutmm.MaddnessMatmul;
import org.wisekit.tensor.Tensor;

/** What the {@code lutmm} commands share: reading matrices and models, checking outputs, the NMSE. */
final class CliSupport {

    private CliSupport() {
    }

    /**
     * A 2-D float32 or float64 {@code .npy} file as a float matrix (float64 values rounded to float); a missing or
     * malformed file is an {@link IllegalArgumentException} naming {@code option} and the file.
     */
    static Tensor readMatrix(String option, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file + ": no such file");
        }
        Npy.Array2d array;
        try {
            array = Npy.read(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        double[] values = array.values();
        float[] out = new float[values.length];
        for (int p = 0; p < values.length; p++) {
            out[p] = (float) values[p];
        }
        return Tensor.wrap(out, array.rows(), array.columns());
    }

    /** A model written by {@code lutmm fit} ({@link MaddnessFile}); bad input names {@code --model}. */
    static MaddnessMatmul loadModel(Path file) {
        try {
            return MaddnessFile.load(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--model " + e.getMessage(), e);
        }
    }

    /** Throws unless {@code m} has at least one row. */
    static void checkRows(String option, Path file, Tensor m) {
        if (m.dim(0) == 0) {
            throw new IllegalArgumentException(option + " " + file + " has 0 rows");
        }
    }

    /** Throws at the first NaN or infinite entry of {@code m}, naming its row and column. */
    static void checkFinite(String option, Path file, Tensor m) {
        float[] x = m.data();
        int columns = m.dim(1);
        for (int p = 0; p < x.length; p++) {
            if (!Float.isFinite(x[p])) {
                throw new IllegalArgumentException(option + " " + file + " holds " + x[p] + " at row " + p / columns
                        + ", column " + p % columns);
            }
        }
    }

    /**
     * Refuses an output that is a folder, one of the inputs, or an existing file without {@code --force}.
     */
    static void checkOutput(String option, Path out, boolean force, Path... inputs) {
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException(option + " " + out + " is a folder; name a file");
        }
        for (Path in : inputs) {
            if (in != null && in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException(option + " " + out + " is also an input file; name another file");
            }
        }
        if (Files.exists(out) && !force) {
            throw new IllegalArgumentException(option + " " + out + " exists; pass --force to replace it");
        }
    }

    /** {@code [2, 3]}. */
    static String shape(Tensor m) {
        return Arrays.toString(m.shape());
    }

    /** The NMSE for JSON: null when undefined. */
    static Double jsonNumber(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
