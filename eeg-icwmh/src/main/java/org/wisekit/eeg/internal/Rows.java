package org.wisekit.eeg.internal;

/** The rows of an array at given indices (shallow: the selected rows are shared, not copied). */
public final class Rows {

    private Rows() {
    }

    /** {@code a[rows[0]], a[rows[1]], ...}. */
    public static int[] select(int[] a, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = a[rows[i]];
        }
        return out;
    }

    /** The trials at {@code rows}. */
    public static double[][][] select(double[][][] a, int[] rows) {
        double[][][] out = new double[rows.length][][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = a[rows[i]];
        }
        return out;
    }

    /** The inputs at {@code rows}. */
    public static float[][][][] select(float[][][][] a, int[] rows) {
        float[][][][] out = new float[rows.length][][][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = a[rows[i]];
        }
        return out;
    }

    /** The inputs at {@code rows}. */
    public static float[][][] select(float[][][] a, int[] rows) {
        float[][][] out = new float[rows.length][][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = a[rows[i]];
        }
        return out;
    }
}
