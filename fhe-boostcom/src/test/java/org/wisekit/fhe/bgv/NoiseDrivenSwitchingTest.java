package org.wisekit.fhe.bgv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wisekit.fhe.ring.DoubleCrt;
import org.wisekit.fhe.slots.SlotVector;

/**
 * The multi-prime modulus switch (one division by several primes), the fused relinearization and modulus switch
 * (one division by P Q_D), and the noise-driven level policy built on them.
 */
class NoiseDrivenSwitchingTest {

    private static final BgvFixture F = new BgvFixture(ParameterTier.T1.insecureParameters(), 90, new int[] {1},
            new int[0]);
    private static final BgvParameters PARAMS = F.parameters;
    private static final int L = PARAMS.maxLevel();
    private static final long P = PARAMS.plaintextModulus();

    private final SlotVector a = F.randomSlots();
    private final SlotVector b = F.randomSlots();
    private final Ciphertext ca = F.encrypt(a);
    private final Ciphertext cb = F.encrypt(b);

    /** q_(to+1)^-1 ... q_from^-1 mod p. */
    private static long droppedFactor(int from, int to) {
        BigInteger factor = BigInteger.ONE;
        for (int l = from; l > to; l--) {
            factor = factor.multiply(BigInteger.valueOf(PARAMS.prime(l)).modInverse(BigInteger.valueOf(P)));
        }
        return factor.mod(BigInteger.valueOf(P)).longValueExact();
    }

    private static BigInteger product(int from, int to) {
        BigInteger q = BigInteger.ONE;
        for (int i = from; i <= to; i++) {
            q = q.multiply(BigInteger.valueOf(PARAMS.prime(i)));
        }
        return q;
    }

    /**
     * The reference division with big integers: each coefficient c of a part, reconstructed modulo Q_from by CRT,
     * becomes (c - delta) / S with S = q_(to+1) ... q_from and delta = p [p^-1 c]_S centred.
     */
    private static long[][] referenceSwitch(DoubleCrt part, int from, int to) {
        long[][] residues = part.toCoefficients();
        BigInteger modulus = product(0, from);
        BigInteger s = product(to + 1, from);
        BigInteger p = BigInteger.valueOf(P);
        BigInteger pInverse = p.modInverse(s);
        long[][] result = new long[to + 1][residues[0].length];
        for (int c = 0; c < residues[0].length; c++) {
            BigInteger value = BigInteger.ZERO;
            for (int i = 0; i <= from; i++) {
                BigInteger qi = BigInteger.valueOf(PARAMS.prime(i));
                BigInteger hat = modulus.divide(qi);
                value = value.add(BigInteger.valueOf(residues[i][c]).multiply(hat.modInverse(qi)).mod(qi)
                        .multiply(hat));
            }
            value = value.mod(modulus);
            BigInteger t = value.multiply(pInverse).mod(s);
            if (t.shiftLeft(1).compareTo(s) > 0) {
                t = t.subtract(s);
            }
            BigInteger[] quotient = value.subtract(p.multiply(t)).divideAndRemainder(s);
            assertThat(quotient[1]).as("c - delta is divisible by S").isEqualTo(BigInteger.ZERO);
            for (int j = 0; j <= to; j++) {
                result[j][c] = quotient[0].mod(BigInteger.valueOf(PARAMS.prime(j))).longValueExact();
            }
        }
        return result;
    }

    @Test
    void aMultiPrimeSwitchIsOneExactDivisionAndDecryptsLikeDroppingOnePrimeAtATime() {
        Ciphertext x = F.evaluator.multiplyRelin(ca, cb);
        SlotVector expected = a.times(b);
        for (int target : new int[] {L - 1, L - 4, 0}) {
            Evaluator counted = new Evaluator(PARAMS, F.evaluationKeys);
            Ciphertext once = counted.modSwitchTo(x, target);
            // |D| inverse and target+1 forward transforms per part: L+1 per part, whatever the number of primes.
            assertThat(counted.counters().snapshot().transforms()).as("to %d", target).isEqualTo(2L * (L + 1));
            assertThat(counted.counters().snapshot().modulusSwitches()).isEqualTo(1);

            Evaluator stepCounter = new Evaluator(PARAMS, F.evaluationKeys);
            Ciphertext stepwise = x;
            long expectedSteps = 0;
            while (stepwise.level() > target) {
                expectedSteps += 2L * (stepwise.level() + 1);
                stepwise = stepCounter.modSwitch(stepwise);
            }
            assertThat(stepCounter.counters().snapshot().transforms()).isEqualTo(expectedSteps);

            assertThat(once.level()).isEqualTo(target).isEqualTo(stepwise.level());
            assertThat(once.scalarFactor()).isEqualTo(stepwise.scalarFactor()).isEqualTo(droppedFactor(L, target));
            assertThat(F.decrypt(once)).isEqualTo(expected).isEqualTo(F.decrypt(stepwise));
            // One rounding instead of L - target: never noisier (up to the measurement's resolution).
            assertThat(F.decryptor.noiseBudget(once)).isGreaterThanOrEqualTo(F.decryptor.noiseBudget(stepwise) - 0.5);
            assertThat(once.estimatedNoiseBudget()).isLessThanOrEqualTo(F.decryptor.noiseBudget(once));
            // Bit for bit the big-integer division (c - p [p^-1 c]_S) / S of both parts.
            for (int part = 0; part < 2; part++) {
                long[][] actual = once.part(part).toCoefficients();
                long[][] reference = referenceSwitch(x.part(part), L, target);
                for (int j = 0; j <= target; j++) {
                    assertThat(actual[j]).as("to %d, part %d, prime %d", target, part, j).isEqualTo(reference[j]);
                }
            }
        }
        // One prime is the same division as before (the single-prime formula is the |S| = 1 case).
        long[][] single = F.evaluator.modSwitch(x).part(0).toCoefficients();
        assertThat(single[0]).isEqualTo(referenceSwitch(x.part(0), L, L - 1)[0]);
    }

    @Test
    void theFusedRelinearizationAndSwitchDecryptsLikeTwoStepsWithLessNoiseAndFewerTransforms() {
        for (int target : new int[] {L, L - 1, L - 3}) {
            Evaluator fusedCounter = new Evaluator(PARAMS, F.evaluationKeys);
            Evaluator twoStepCounter = new Evaluator(PARAMS, F.evaluationKeys);
            Ciphertext fused = fusedCounter.multiplyRelinSwitch(ca, cb, target);
            Ciphertext twoStep = twoStepCounter.modSwitchTo(twoStepCounter.multiplyRelin(ca, cb), target);
            assertThat(fused.level()).isEqualTo(target);
            assertThat(fused.size()).isEqualTo(2);
            assertThat(fused.scalarFactor()).isEqualTo(twoStep.scalarFactor()).isEqualTo(droppedFactor(L, target));
            assertThat(F.decrypt(fused)).as("to %d", target).isEqualTo(a.times(b)).isEqualTo(F.decrypt(twoStep));
            double fusedExact = F.decryptor.noiseBudget(fused);
            assertThat(fusedExact).as("to %d: exact budget", target)
                    .isGreaterThanOrEqualTo(F.decryptor.noiseBudget(twoStep) - 0.5);
            assertThat(fused.estimatedNoiseBudget()).as("to %d: estimate", target)
                    .isGreaterThanOrEqualTo(twoStep.estimatedNoiseBudget() - 1e-9).isLessThanOrEqualTo(fusedExact);
            OperationCounts one = fusedCounter.counters().snapshot();
            OperationCounts two = twoStepCounter.counters().snapshot();
            assertThat(one.relinearizations()).isEqualTo(1);
            assertThat(one.keySwitches()).isEqualTo(1);
            if (target < L) {
                // The division by P and by Q_D share their basis conversion: the L+1 forward transforms of the key
                // switch's own division (per part) disappear, as does the second conversion.
                assertThat(one.transforms()).as("to %d", target).isEqualTo(two.transforms() - 2L * (L + 1));
                assertThat(one.modulusSwitches()).isEqualTo(1);
            } else {
                assertThat(one.transforms()).isEqualTo(two.transforms());
            }
        }
        // The three-part form and the in-between levels.
        Ciphertext threePart = F.evaluator.multiply(ca, cb);
        Ciphertext relinearized = F.evaluator.relinearizeSwitch(threePart, L - 2);
        assertThat(F.decrypt(relinearized)).isEqualTo(a.times(b));
        assertThat(F.evaluator.relinearizeSwitch(ca, L - 2).level()).as("a two-part input is only switched")
                .isEqualTo(L - 2);
        assertThatThrownBy(() -> F.evaluator.multiplyRelinSwitch(ca, cb, L + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lowerToSwitchesANoisyCiphertextAndDropsPrimesOfOneAtTheFloor() {
        Ciphertext noisy = F.evaluator.multiplyRelin(ca, cb);
        Evaluator counted = new Evaluator(PARAMS, F.evaluationKeys);
        Ciphertext switched = counted.lowerTo(noisy, L - 2);
        assertThat(counted.counters().snapshot().modulusSwitches()).isEqualTo(1);
        assertThat(F.decryptor.noiseBudget(switched)).as("the switch keeps the budget")
                .isGreaterThan(F.decryptor.noiseBudget(F.evaluator.dropToLevel(noisy, L - 2)) + 20);
        // At the floor a switch would not lower the noise: primes are dropped, no transforms, factor unchanged.
        Ciphertext floor = F.evaluator.modSwitchTo(ca, L - 2);
        assertThat(F.evaluator.naturalLevel(floor)).isEqualTo(L - 2);
        Evaluator quiet = new Evaluator(PARAMS, F.evaluationKeys);
        Ciphertext dropped = quiet.lowerTo(floor, 1);
        assertThat(quiet.counters().snapshot().transforms()).isZero();
        assertThat(dropped.level()).isEqualTo(1);
        assertThat(dropped.scalarFactor()).isEqualTo(floor.scalarFactor());
        assertThat(F.decrypt(dropped)).isEqualTo(a);
        assertThat(F.evaluator.lowerTo(floor, L)).isSameAs(floor);
    }

    @Test
    void theProductLevelLosesNoBudgetAgainstAnyOtherLevel() {
        Ciphertext fresh = ca;
        Ciphertext product = F.evaluator.multiplyRelin(ca, cb);
        Ciphertext squared = F.evaluator.multiplyRelin(product, product);
        Ciphertext settled = F.evaluator.multiplyNoiseDriven(product, cb);
        Ciphertext low = F.evaluator.modSwitchTo(cb, L - 3);
        Ciphertext[][] pairs = {{fresh, cb}, {product, fresh}, {squared, product}, {settled, fresh}, {squared, low},
            {product, product}, {settled, low}};
        for (Ciphertext[] pair : pairs) {
            int chosen = F.evaluator.productLevel(pair[0], pair[1]);
            int top = Math.min(pair[0].level(), pair[1].level());
            assertThat(chosen).isBetween(0, top);
            List<Double> budgets = new ArrayList<>();
            for (int k = 0; k <= top; k++) {
                Ciphertext x = F.evaluator.lowerTo(pair[0], k);
                Ciphertext y = pair[0] == pair[1] ? x : F.evaluator.lowerTo(pair[1], k);
                budgets.add(F.decryptor.noiseBudget(F.evaluator.multiplySettled(x, y)));
            }
            double best = budgets.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            // The policy decides on the estimate; measured, its choice is within a few bits of the best level's.
            assertThat(budgets.get(chosen)).as("levels %d and %d: chose %d of %s", pair[0].level(), pair[1].level(),
                    chosen, budgets).isGreaterThan(best - 3);
            Ciphertext result = F.evaluator.multiplyNoiseDriven(pair[0], pair[1]);
            assertThat(result.level()).isLessThanOrEqualTo(chosen);
            assertThat(result.estimatedNoiseBudget()).isLessThanOrEqualTo(F.decryptor.noiseBudget(result));
        }
        // A product whose noise fills primes is switched down right away (in the relinearization's division) to
        // the lowest level where its noise is still above the switching floor, and not further.
        Ciphertext big = F.evaluator.multiplyNoiseDriven(squared, squared);
        assertThat(big.level()).isLessThan(squared.level());
        assertThat(F.evaluator.naturalLevel(big)).isGreaterThanOrEqualTo(big.level() - 1);
        assertThat(F.decrypt(big)).isEqualTo(a.times(b).times(a.times(b)).times(a.times(b).times(a.times(b))));
    }

    @Test
    void aTooDeepCircuitUnderThePolicyStopsBeforeDecryptionFails() {
        BgvFixture f = BgvFixture.t0(91);
        SlotVector expected = f.randomSlots();
        Ciphertext c = f.encrypt(expected);
        NoiseBudgetExhaustedException stop = null;
        int depth = 0;
        for (; depth < 40 && stop == null; depth++) {
            try {
                c = f.evaluator.multiplyNoiseDriven(c, c);
            } catch (NoiseBudgetExhaustedException e) {
                stop = e;
                break;
            }
            expected = expected.times(expected);
            double exact = f.decryptor.noiseBudget(c);
            assertThat(c.estimatedNoiseBudget()).as("conservative at depth %d", depth).isLessThanOrEqualTo(exact);
            assertThat(f.decrypt(c)).as("depth %d", depth).isEqualTo(expected);
        }
        assertThat(stop).as("the evaluator refuses the product that would overflow").isNotNull();
        assertThat(stop.budgetBits()).isNegative();
        assertThat(stop.getMessage()).contains("too deep");
        assertThat(depth).as("squarings before the stop").isGreaterThanOrEqualTo(f.parameters.maxLevel() - 1);
        assertThat(f.decryptor.noiseBudget(c)).isGreaterThanOrEqualTo(Decryptor.MIN_BUDGET_BITS);
    }

    @Test
    void theEstimateStaysConservativeForProductsOfPowersOfOneCiphertext() {
        // Powers x^2 .. x^12 by balanced products with no modulus switch in between: their noises share x's, and a
        // product of powers has C(i+j, i) times the variance of a product of independent ciphertexts.
        BgvFixture f = new BgvFixture(org.wisekit.fhe.compare.ComparisonTier.T0.insecureParameters(), 92, new int[0],
                new int[0]);
        SlotVector x = f.randomIntegerSlots();
        Ciphertext[] powers = new Ciphertext[13];
        SlotVector[] expected = new SlotVector[13];
        powers[1] = f.encrypt(x);
        expected[1] = x;
        for (int i = 2; i <= 12; i++) {
            powers[i] = f.evaluator.multiplyRelin(powers[i / 2], powers[i - i / 2]);
            expected[i] = expected[i / 2].times(expected[i - i / 2]);
            double exact = f.decryptor.noiseBudget(powers[i]);
            assertThat(powers[i].estimatedNoiseBudget()).as("x^%d", i).isLessThanOrEqualTo(exact);
            assertThat(f.decrypt(powers[i])).isEqualTo(expected[i]);
        }
        NoiseModel.Estimate twelve = powers[12].data().noise();
        assertThat(twelve.maxDegree()).as("the shared fresh noise appears to the 12th power").isEqualTo(12);
    }
}
