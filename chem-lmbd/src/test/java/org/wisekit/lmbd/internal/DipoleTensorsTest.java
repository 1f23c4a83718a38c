package org.wisekit.lmbd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DipoleTensorsTest {

    private static double inverseDistance(double[] r) {
        return 1 / Math.sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
    }

    /** T_bare = -grad grad (1/R): checked against central second differences of 1/R. */
    @Test
    void bareTensorIsMinusTheHessianOfInverseDistance() {
        Random random = new Random(1);
        double h = 1e-4;
        for (int trial = 0; trial < 20; trial++) {
            double[] r = {random.nextGaussian() * 3, random.nextGaussian() * 3, random.nextGaussian() * 3 + 4};
            double[] tensor = new double[9];
            DipoleTensors.bare(r[0], r[1], r[2], 1, tensor, 0);
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    double[] pp = r.clone();
                    double[] pm = r.clone();
                    double[] mp = r.clone();
                    double[] mm = r.clone();
                    pp[a] += h;
                    pp[b] += h;
                    pm[a] += h;
                    pm[b] -= h;
                    mp[a] -= h;
                    mp[b] += h;
                    mm[a] -= h;
                    mm[b] -= h;
                    double hessian = (inverseDistance(pp) - inverseDistance(pm) - inverseDistance(mp) + inverseDistance(mm))
                            / (4 * h * h);
                    assertThat(tensor[3 * a + b]).as("T[%d][%d]", a, b)
                            .isCloseTo(-hessian, within(1e-5 * Math.abs(tensor[0]) + 1e-7));
                }
            }
        }
    }

    @Test
    void gaussianTensorTendsToTheBareOneAtLargeDistance() {
        double[] bare = new double[9];
        double[] smeared = new double[9];
        double sigma = 1.5;
        double previous = Double.POSITIVE_INFINITY;
        for (double scale : new double[] {1, 2, 4, 8, 16}) {
            double x = 0.6 * scale;
            double y = -0.3 * scale;
            double z = 0.8 * scale;
            DipoleTensors.bare(x, y, z, 1, bare, 0);
            DipoleTensors.gaussian(x, y, z, sigma, 1, smeared, 0);
            double relative = 0;
            for (int t = 0; t < 9; t++) {
                relative = Math.max(relative, Math.abs(smeared[t] - bare[t]) / Math.abs(bare[0]));
            }
            assertThat(relative).isLessThan(previous);
            previous = relative;
        }
        assertThat(previous).isLessThan(1e-12);
    }

    @Test
    void tensorsAreSymmetricAndEvenInR() {
        double[] t1 = new double[9];
        double[] t2 = new double[9];
        DipoleTensors.gaussian(1.1, -2.3, 0.7, 1.2, 0.9, t1, 0);
        DipoleTensors.gaussian(-1.1, 2.3, -0.7, 1.2, 0.9, t2, 0);
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                assertThat(t1[3 * a + b]).isEqualTo(t1[3 * b + a]);
                assertThat(t1[3 * a + b]).isEqualTo(t2[3 * a + b]);
            }
        }
    }

    @Test
    void fermiDampingIsOneHalfAtItsRadius() {
        assertThat(DipoleTensors.fermi(5, 5, 6)).isEqualTo(0.5);
        assertThat(DipoleTensors.fermi(50, 5, 6)).isCloseTo(1, within(1e-20));
    }
}
