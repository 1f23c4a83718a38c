package org.wisekit.lmbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FrequencyGridTest {

    /** (3/pi) integral of alpha(iu)^2 over [0, inf) = (3/4) alpha0^2 omega for one oscillator. */
    @Test
    void libmbdGridReproducesTheC6OfOneOscillator() {
        FrequencyGrid grid = FrequencyGrid.libmbd();
        assertThat(grid.size()).isEqualTo(16);
        assertThat(grid.point(0)).isZero();
        assertThat(grid.weight(0)).isZero();
        for (double omega : new double[] {0.3, 0.7, 1.2}) {
            double alpha0 = 11;
            double sum = 0;
            for (int k = 0; k < grid.size(); k++) {
                double alpha = alpha0 / (1 + Math.pow(grid.point(k) / omega, 2));
                sum += grid.weight(k) * alpha * alpha;
            }
            double c6 = 3 / Math.PI * sum;
            assertThat(c6).isCloseTo(0.75 * alpha0 * alpha0 * omega, within(1e-6 * alpha0 * alpha0 * omega));
        }
    }

    @Test
    void quadraticGridIsTurboGapsWithTrapezoidWeights() {
        FrequencyGrid grid = FrequencyGrid.quadratic(13, 4);
        assertThat(grid.size()).isEqualTo(13);
        assertThat(grid.point(0)).isZero();
        assertThat(grid.point(12)).isEqualTo(4);
        assertThat(grid.point(6)).isCloseTo(1, within(1e-15));
        double total = 0;
        for (int k = 0; k < grid.size(); k++) {
            total += grid.weight(k);
        }
        assertThat(total).isCloseTo(4, within(1e-14));
        // The trapezoid rule integrates linear functions exactly.
        double integral = 0;
        for (int k = 0; k < grid.size(); k++) {
            integral += grid.weight(k) * (2 * grid.point(k) + 1);
        }
        assertThat(integral).isCloseTo(20, within(1e-13));
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> FrequencyGrid.quadratic(1, 4)).hasMessageContaining("n must be");
        assertThatThrownBy(() -> FrequencyGrid.quadratic(13, -1)).hasMessageContaining("omegaMax");
        assertThatThrownBy(() -> FrequencyGrid.gaussLegendre(15, 0)).hasMessageContaining("scale");
    }
}
