package org.wisekit.tensor.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API micro-kernel: an 8-row by 2-vector register tile (8 x 32 floats with 512-bit vectors),
 * sixteen accumulators updated by fused multiply-adds.
 *
 * <p>Why this shape: each step loads two B vectors and broadcasts eight A values for sixteen FMAs, so
 * the FMA units, not the loads, set the pace; sixteen accumulators plus three operands fit in the
 * 32 vector registers of AVX-512. On the 2-core AVX-512 machine it was measured against 4x3, 6x2,
 * 6x4, 8x3, 12x2 and 14x2 tiles and was the fastest or tied within noise at every size (see the
 * module README). Wider tiles (24+ accumulators) made C1 give up on the method ("out of virtual
 * registers"), which can leave it unoptimised for seconds. The accumulators start at zero and the
 * two stores are separate branches so that no vector value is merged across a branch, which C2 on
 * Java 17 would otherwise box. With 16 vector registers (AVX2) the tile spills a few accumulators:
 * still correct, somewhat slower; re-tune the shape there.
 *
 * <p>Only load this class when the {@code jdk.incubator.vector} module is present.
 */
public final class VectorMicroKernel implements MicroKernel {

    public static final VectorMicroKernel INSTANCE = new VectorMicroKernel();

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int ROWS = 8;
    private static final int COLS = 2 * LANES;

    private VectorMicroKernel() {
    }

    @Override
    public int rows() {
        return ROWS;
    }

    @Override
    public int cols() {
        return COLS;
    }

    @Override
    public void multiply(int kc, float[] aSliver, int aAt, float[] bSliver, int bAt,
                         float[] c, int cAt, int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c51 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES);
        FloatVector c61 = FloatVector.zero(SPECIES);
        FloatVector c70 = FloatVector.zero(SPECIES);
        FloatVector c71 = FloatVector.zero(SPECIES);
        int ai = aAt;
        int bi = bAt;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bSliver, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bSliver, bi + LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, aSliver[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, aSliver[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, aSliver[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, aSliver[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(SPECIES, aSliver[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(SPECIES, aSliver[ai + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(SPECIES, aSliver[ai + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(SPECIES, aSliver[ai + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
            ai += ROWS;
            bi += COLS;
        }
        // Written out rather than in helper methods: C2 would not inline those when the call is
        // cold, and a vector passed to a call that is not inlined gets boxed in the loop.
        if (accumulate) {
            c00.add(FloatVector.fromArray(SPECIES, c, cAt)).intoArray(c, cAt);
            c01.add(FloatVector.fromArray(SPECIES, c, cAt + LANES)).intoArray(c, cAt + LANES);
            c10.add(FloatVector.fromArray(SPECIES, c, cAt + ldc)).intoArray(c, cAt + ldc);
            c11.add(FloatVector.fromArray(SPECIES, c, cAt + ldc + LANES)).intoArray(c, cAt + ldc + LANES);
            c20.add(FloatVector.fromArray(SPECIES, c, cAt + 2 * ldc)).intoArray(c, cAt + 2 * ldc);
            c21.add(FloatVector.fromArray(SPECIES, c, cAt + 2 * ldc + LANES)).intoArray(c, cAt + 2 * ldc + LANES);
            c30.add(FloatVector.fromArray(SPECIES, c, cAt + 3 * ldc)).intoArray(c, cAt + 3 * ldc);
            c31.add(FloatVector.fromArray(SPECIES, c, cAt + 3 * ldc + LANES)).intoArray(c, cAt + 3 * ldc + LANES);
            c40.add(FloatVector.fromArray(SPECIES, c, cAt + 4 * ldc)).intoArray(c, cAt + 4 * ldc);
            c41.add(FloatVector.fromArray(SPECIES, c, cAt + 4 * ldc + LANES)).intoArray(c, cAt + 4 * ldc + LANES);
            c50.add(FloatVector.fromArray(SPECIES, c, cAt + 5 * ldc)).intoArray(c, cAt + 5 * ldc);
            c51.add(FloatVector.fromArray(SPECIES, c, cAt + 5 * ldc + LANES)).intoArray(c, cAt + 5 * ldc + LANES);
            c60.add(FloatVector.fromArray(SPECIES, c, cAt + 6 * ldc)).intoArray(c, cAt + 6 * ldc);
            c61.add(FloatVector.fromArray(SPECIES, c, cAt + 6 * ldc + LANES)).intoArray(c, cAt + 6 * ldc + LANES);
            c70.add(FloatVector.fromArray(SPECIES, c, cAt + 7 * ldc)).intoArray(c, cAt + 7 * ldc);
            c71.add(FloatVector.fromArray(SPECIES, c, cAt + 7 * ldc + LANES)).intoArray(c, cAt + 7 * ldc + LANES);
        } else {
            c00.intoArray(c, cAt);
            c01.intoArray(c, cAt + LANES);
            c10.intoArray(c, cAt + ldc);
            c11.intoArray(c, cAt + ldc + LANES);
            c20.intoArray(c, cAt + 2 * ldc);
            c21.intoArray(c, cAt + 2 * ldc + LANES);
            c30.intoArray(c, cAt + 3 * ldc);
            c31.intoArray(c, cAt + 3 * ldc + LANES);
            c40.intoArray(c, cAt + 4 * ldc);
            c41.intoArray(c, cAt + 4 * ldc + LANES);
            c50.intoArray(c, cAt + 5 * ldc);
            c51.intoArray(c, cAt + 5 * ldc + LANES);
            c60.intoArray(c, cAt + 6 * ldc);
            c61.intoArray(c, cAt + 6 * ldc + LANES);
            c70.intoArray(c, cAt + 7 * ldc);
            c71.intoArray(c, cAt + 7 * ldc + LANES);
        }
    }

}
