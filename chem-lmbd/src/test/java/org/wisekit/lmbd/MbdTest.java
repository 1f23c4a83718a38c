package org.wisekit.lmbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Full MBD against libMBD's reference values (its test suite) and against its own identities. */
class MbdTest {

    /** Argon free-atom TS parameters of libMBD's vdw-params.csv. */
    static final FreeAtomTable ARGON = FreeAtomTable.of(List.of(new FreeAtom(18, 11.1, 64.3, 3.55)), "test");

    static Geometry argonDimer() {
        return Geometry.ofBohr(new int[] {18, 18}, new double[] {0, 0, 0, 0, 0, 4 * Units.BOHR_PER_ANGSTROM});
    }

    static AtomicParameters fortranArgon() {
        return AtomicParameters.of(new double[] {11, 11}, new double[] {63.525, 63.525}, new double[] {3.55, 3.55});
    }

    @Test
    void argonDimerRsScsMatchesLibmbd() {
        Geometry dimer = argonDimer();
        MbdResult result = Mbd.rsScs(dimer, AtomicParameters.fromVolumeRatios(dimer, ARGON, null),
                MbdSettings.defaults().withThreads(1));
        assertThat(result.energy()).isCloseTo(-0.0002462647623815428, within(1e-8 * 0.0002462647623815428));
    }

    @Test
    void argonDimerPlainMatchesLibmbd() {
        double energy = Mbd.plain(argonDimer(), fortranArgon(), MbdSettings.defaults());
        assertThat(energy).isCloseTo(-0.00024329110270970844, within(1e-10 * 0.00024329110270970844));
    }

    @Test
    void argonDimerTsMatchesLibmbd() {
        double energy = Mbd.ts(argonDimer(), fortranArgon(), 0.94, 20);
        assertThat(energy).isCloseTo(-0.000318123017869182, within(1e-10 * 0.000318123017869182));
    }

    /** A random cluster of argon atoms at least 3 A apart. */
    static Geometry randomCluster(int n, long seed, double boxAngstrom) {
        return TestGeometries.cloud(n, seed, boxAngstrom, 3, 18);
    }

    @Test
    void eigenvalueFormEqualsAcfdtForm() {
        Geometry cluster = randomCluster(8, 3, 7);
        AtomicParameters screened = Mbd.screen(cluster, AtomicParameters.fromVolumeRatios(cluster, ARGON, null),
                MbdSettings.defaults().withThreads(1));
        double eigen = Mbd.energyFromEigenvalues(Mbd.couplingEigenvalues(cluster, screened, 0.83, 6), screened);
        double acfdt = Mbd.acfdt(cluster, screened, 0.83, 6, FrequencyGrid.gaussLegendre(400, 0.6));
        assertThat(acfdt).isCloseTo(eigen, within(1e-12 * Math.abs(eigen)));
    }

    @Test
    void energyIsInvariantUnderRotationAndTranslation() {
        Geometry cluster = randomCluster(10, 5, 8);
        double c = Math.cos(0.7);
        double s = Math.sin(0.7);
        double[] rotation = {c, -s, 0, s * Math.cos(0.3), c * Math.cos(0.3), -Math.sin(0.3), s * Math.sin(0.3),
            c * Math.sin(0.3), Math.cos(0.3)};
        Geometry moved = cluster.transformed(rotation, new double[] {3, -7, 11});
        MbdSettings settings = MbdSettings.defaults().withThreads(2);
        double e1 = Mbd.rsScs(cluster, AtomicParameters.fromVolumeRatios(cluster, ARGON, null), settings).energy();
        double e2 = Mbd.rsScs(moved, AtomicParameters.fromVolumeRatios(moved, ARGON, null), settings).energy();
        assertThat(e2).isCloseTo(e1, within(1e-12 * Math.abs(e1)));
    }

    @Test
    void threadsDoNotChangeTheResult() {
        Geometry cluster = randomCluster(12, 9, 8);
        AtomicParameters p = AtomicParameters.fromVolumeRatios(cluster, ARGON, null);
        double one = Mbd.rsScs(cluster, p, MbdSettings.defaults().withThreads(1)).energy();
        double two = Mbd.rsScs(cluster, p, MbdSettings.defaults().withThreads(2)).energy();
        assertThat(two).isEqualTo(one);
    }

    @Test
    void screeningMatrixIsSymmetricAndItsInverseContractsToTheScreenedAlpha() {
        Geometry cluster = randomCluster(7, 12, 7);
        AtomicParameters p = AtomicParameters.fromVolumeRatios(cluster, ARGON, null);
        int dim = 3 * cluster.size();
        double[] matrix = Mbd.screeningMatrix(cluster, p, 0.4, 0.83, 6);
        for (int r = 0; r < dim; r++) {
            for (int c = 0; c < dim; c++) {
                assertThat(matrix[r * dim + c]).isEqualTo(matrix[c * dim + r]);
            }
        }
        // alpha_i = (1/3) Tr sum_j Abar_ij from an explicit inverse (Commons Math LU), as libMBD contracts it.
        double[][] rows = new double[dim][dim];
        for (int r = 0; r < dim; r++) {
            System.arraycopy(matrix, r * dim, rows[r], 0, dim);
        }
        org.apache.commons.math3.linear.RealMatrix inverse = new org.apache.commons.math3.linear.LUDecomposition(
                new org.apache.commons.math3.linear.Array2DRowRealMatrix(rows)).getSolver().getInverse();
        double[] alpha = Mbd.screenedAt(cluster, p, 0.4, 0.83, 6);
        for (int i = 0; i < cluster.size(); i++) {
            double sum = 0;
            for (int j = 0; j < cluster.size(); j++) {
                for (int c = 0; c < 3; c++) {
                    sum += inverse.getEntry(3 * i + c, 3 * j + c);
                }
            }
            assertThat(alpha[i]).isCloseTo(sum / 3, within(1e-12 * Math.abs(sum)));
        }
    }

    @Test
    void closeAtomsAreRejectedByName() {
        Geometry bad = Geometry.ofAngstrom(new int[] {18, 18, 18}, new double[] {0, 0, 0, 5, 0, 0, 5.05, 0, 0});
        assertThatThrownBy(() -> Mbd.rsScs(bad, AtomicParameters.fromVolumeRatios(bad, ARGON, null),
                MbdSettings.defaults())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("atoms 2 (Ar) and 3 (Ar)");
    }

    @Test
    void polarizationCatastropheIsReportedNotNaN() {
        // Huge polarizabilities at 1 A: the coupled oscillators are unstable.
        Geometry close = Geometry.ofAngstrom(new int[] {18, 18}, new double[] {0, 0, 0, 0, 0, 1});
        AtomicParameters huge = AtomicParameters.of(new double[] {500, 500}, new double[] {50, 50},
                new double[] {0.2, 0.2});
        assertThatThrownBy(() -> Mbd.plain(close, huge, MbdSettings.defaults()))
                .isInstanceOf(PolarizationCatastropheException.class);
    }
}
