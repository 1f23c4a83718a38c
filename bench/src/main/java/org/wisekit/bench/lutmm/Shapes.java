package org.wisekit.bench.lutmm;

/** Parsing "NxDxM" benchmark parameters and laying matrices out column-major. */
final class Shapes {

    private Shapes() {
    }

    /** {N, D, M} from "NxDxM". */
    static int[] parse(String shape) {
        String[] parts = shape.split("x");
        if (parts.length != 3) {
            throw new IllegalArgumentException("shape must be NxDxM, got '" + shape + "'");
        }
        return new int[]{Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    }

    /** The row-major [rows, cols] matrix transposed, i.e. the same matrix column-major. */
    static float[] transpose(float[] x, int rows, int cols) {
        float[] t = new float[x.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = x[i * cols + j];
            }
        }
        return t;
    }
}
