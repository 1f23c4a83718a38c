package org.wisekit.ddescent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FixturesTest {

    @Test
    void theFourCasesGiveTheNotesDoubleDescentPattern() {
        for (Fixtures.Case c : Fixtures.all()) {
            assertThat(c.detect(Fixtures.GAMMA_LINEAR_REGRESSION).doubleDescent()).as("case %d, LR", c.number())
                    .isEqualTo(c.linearRegressionDoubleDescent());
            assertThat(c.detect(Fixtures.GAMMA_TWO_LAYER).doubleDescent()).as("case %d, two-layer", c.number())
                    .isEqualTo(c.twoLayerDoubleDescent());
        }
        // the table: case 1 two-layer only, 2 LR only, 3 both, 4 neither
        assertThat(Fixtures.all()).extracting(c -> c.expected(true)).containsExactly(false, true, true, false);
        assertThat(Fixtures.all()).extracting(c -> c.expected(false)).containsExactly(true, false, true, false);
    }

    @Test
    void theExactLinearRegressionSolutionGivesTheSameFlagsAsGammaOneThousand() {
        double[] grid = Fixtures.grid();
        for (Fixtures.Case c : Fixtures.all()) {
            // gamma -> infinity with time in units of 1/gamma: rate = gamma
            double[] e = TestError.linearRegression(c.modes(), Fixtures.GAMMA_LINEAR_REGRESSION, grid);
            assertThat(DoubleDescent.count(e, Fixtures.TOLERANCE) > 0).as("case %d", c.number())
                    .isEqualTo(c.linearRegressionDoubleDescent());
        }
    }

    @Test
    void flagsSurviveOnePercentPerturbationsOfSigmaAAndLambdaB() {
        double[] grid = Fixtures.grid();
        for (Fixtures.Case c : Fixtures.all()) {
            for (double fa : new double[] {0.99, 1.01}) {
                for (double fb : new double[] {0.99, 1.01}) {
                    List<Mode> modes = List.of(
                            Mode.withTargetRatio(c.sigmaA() * fa, c.lambdaA(), Fixtures.TARGET_RATIO_A, Fixtures.Z0),
                            Mode.withTargetRatio(c.sigmaB(), c.lambdaB() * fb, 1, Fixtures.Z0));
                    for (boolean lr : new boolean[] {true, false}) {
                        double gamma = lr ? Fixtures.GAMMA_LINEAR_REGRESSION : Fixtures.GAMMA_TWO_LAYER;
                        double[] e = TestError.twoLayer(modes, gamma, Fixtures.ETA, grid);
                        assertThat(DoubleDescent.count(e, Fixtures.TOLERANCE) > 0)
                                .as("case %d lr %s fa %s fb %s", c.number(), lr, fa, fb).isEqualTo(c.expected(lr));
                    }
                }
            }
        }
    }

    @Test
    void targetsAreDerivedFromSigmaAndLambdaAndTheGridIsTheNotes() {
        Fixtures.Case c = Fixtures.get(1);
        List<Mode> modes = c.modes();
        assertThat(modes.get(0).zTarget()).isEqualTo(0.6 * (1.16 / 6.23));
        assertThat(modes.get(1).zTarget()).isEqualTo(2.75 / 0.0474);
        assertThat(modes.get(0).lambdaTest()).isEqualTo(6.23);
        assertThat(modes).allSatisfy(m -> assertThat(m.z0()).isEqualTo(1e-4));
        double[] grid = Fixtures.grid();
        assertThat(grid).hasSize(12000);
        assertThat(grid[0]).isEqualTo(1e-4);
        assertThat(grid[11999]).isEqualTo(1e8);
        assertThatThrownBy(() -> Fixtures.get(5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("number").hasMessageContaining("5");
    }
}
