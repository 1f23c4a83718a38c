package org.wisekit.lutmm;

import java.util.Arrays;
import org.wisekit.tensor.Tensor;

/**
 * {@code Ŷ ≈ A · B} by MADDNESS with B fixed: encode A's rows (g), aggregate table bytes (f), decode.
 * No multiplication by B happens at run time. Immutable and thread-safe; the buffers passed to
 * {@link #multiply(float[], int, byte[], int[], float[], KernelPath)} are the caller's.
 */
public final class MaddnessMatmul {

    private final MaddnessEncoder encoder;
    private final QuantizedLut lut;

    public MaddnessMatmul(MaddnessEncoder encoder, QuantizedLut lut) {
        if (encoder == null || lut == null || encoder.codebooks() != lut.codebooks()) {
            throw new IllegalArgumentException("encoder and tables must exist and have the same number of codebooks");
        }
        this.encoder = encoder;
        this.lut = lut;
    }

    public MaddnessEncoder encoder() {
        return encoder;
    }

    public QuantizedLut lut() {
        return lut;
    }

    /** D. */
    public int inputs() {
        return encoder.inputs();
    }

    /** M. */
    public int outputs() {
        return lut.outputs();
    }

    /**
     * Writes {@code out[i * M + m] ≈ (A · B)[i][m]} for n rows of row-major A; {@code codes} and {@code sums}
     * are working buffers ({@link MaddnessEncoder#newCodes}, {@code new int[M * n]}).
     */
    public void multiply(float[] a, int n, byte[] codes, int[] sums, float[] out, KernelPath path) {
        checkOut(out, n);
        encoder.encodeRows(a, n, codes, path);
        lut.scan(codes, n, sums, path);
        lut.decode(sums, n, out);
    }

    /**
     * The fast form, with column-major input and output as in mithral and BLAS: {@code aT[j * n + i]} is
     * A's row i, column j ([D, n]); writes {@code outT[m * n + i] ≈ (A · B)[i][m]} ([M, n]).
     */
    public void multiplyColumns(float[] aT, int n, byte[] codes, int[] sums, float[] outT, KernelPath path) {
        checkOut(outT, n);
        encoder.encodeColumns(aT, n, codes, path);
        lut.scan(codes, n, sums, path);
        lut.decodeColumns(sums, n, outT, path);
    }

    private void checkOut(float[] out, int n) {
        if (out == null || out.length < (long) n * outputs()) {
            throw new IllegalArgumentException("out must hold " + n + " x " + outputs() + " floats");
        }
    }

    /** {@code A · B} approximately, for A [n, D]; allocates its buffers. */
    public Tensor multiply(Tensor a) {
        if (a == null || a.rank() != 2 || a.dim(1) != inputs()) {
            throw new IllegalArgumentException("A must be [n, " + inputs() + "], got "
                    + (a == null ? "null" : Arrays.toString(a.shape())));
        }
        int n = a.dim(0);
        float[] out = new float[n * outputs()];
        multiply(a.data(), n, encoder.newCodes(n), new int[outputs() * n], out, KernelPath.defaultPath());
        return Tensor.wrap(out, n, outputs());
    }
}
