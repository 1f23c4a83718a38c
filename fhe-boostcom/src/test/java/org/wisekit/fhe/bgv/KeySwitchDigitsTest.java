package org.wisekit.fhe.bgv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.wisekit.fhe.slots.SlotVector;

/**
 * Hybrid key switching with 1 to 6 digits balanced by bit size and a special modulus P smaller than a digit:
 * relinearization and automorphisms stay exact, the transform count follows the digit structure, the noise
 * estimate stays conservative, and a P too small for the digits is refused with the numbers.
 */
class KeySwitchDigitsTest {

    /** T0's ring (m = 307, p = 17) with q_0 of 50 bits and nine 30-bit primes (about 320 bits). */
    private static ParametersLiteral t0Chain(List<Integer> logP, int digits) {
        List<Integer> logQ = new ArrayList<>(List.of(50));
        logQ.addAll(Collections.nCopies(9, 30));
        return new ParametersLiteral(307, 17, logQ, logP, digits);
    }

    private static double largestDigitBits(BgvParameters parameters) {
        double largest = 0;
        for (int[] group : parameters.digitGroups()) {
            largest = Math.max(largest, IntStream.of(group).mapToDouble(i -> Math.log(parameters.prime(i)) / Math.log(2))
                    .sum());
        }
        return largest;
    }

    @Test
    void oneToSixDigitsWithASmallSpecialModulusAreExact() {
        // For each digit count a P about 10 bits smaller than the largest digit (323, 172, 122, 92, 81 and 61
        // bits of log2(|D| Q_D) for 1 to 6 digits).
        List<List<Integer>> specialPrimes = List.of(Collections.nCopies(6, 52), Collections.nCopies(3, 55),
                List.of(55, 55), List.of(40, 40), List.of(35, 35), List.of(50));
        for (int digits = 1; digits <= 6; digits++) {
            BgvParameters parameters = BgvParameters.createInsecure(t0Chain(specialPrimes.get(digits - 1), digits));
            int[][] groups = parameters.digitGroups();
            assertThat(groups).hasNumberOfRows(digits);
            assertThat(IntStream.range(0, digits).flatMap(j -> IntStream.of(groups[j])).toArray())
                    .as("consecutive groups covering the chain").containsExactly(IntStream.rangeClosed(0, 9).toArray());
            assertThat(parameters.log2SpecialModulus()).as("%d digits: P below the largest digit", digits)
                    .isLessThan(largestDigitBits(parameters));
            BgvFixture f = new BgvFixture(parameters, 80 + digits, new int[] {1}, new int[] {2});
            SlotVector a = f.randomSlots();
            SlotVector b = f.randomSlots();
            Ciphertext ca = f.encrypt(a);
            Evaluator counted = new Evaluator(parameters, f.evaluationKeys);
            Ciphertext product = counted.multiplyRelin(ca, f.encrypt(b));
            // (L+1) inverse + per digit a lift to the other L+1+K-|D_j| primes + 2 (K inverse + (L+1) forward).
            int l = parameters.maxLevel();
            int k = parameters.specialPrimes().length;
            int lifts = IntStream.range(0, digits).map(j -> l + 1 + k - groups[j].length).sum();
            assertThat(counted.counters().snapshot().transforms()).as("%d digits", digits)
                    .isEqualTo(l + 1 + lifts + 2 * (k + l + 1));
            assertThat(f.decrypt(product)).as("%d digits", digits).isEqualTo(a.times(b));
            double exact = f.decryptor.noiseBudget(product);
            assertThat(product.estimatedNoiseBudget()).as("%d digits: conservative", digits).isLessThanOrEqualTo(exact);
            Ciphertext lower = f.evaluator.modSwitch(product);
            assertThat(f.decrypt(f.evaluator.rotate(lower, 2))).isEqualTo(a.times(b).rotated(2));
            assertThat(f.decrypt(f.evaluator.shift(f.evaluator.modSwitchTo(ca, 2), 1))).isEqualTo(a.shifted(1));
            Ciphertext rotated = f.evaluator.rotate(ca, 2);
            assertThat(rotated.estimatedNoiseBudget()).isLessThanOrEqualTo(f.decryptor.noiseBudget(rotated));
        }
    }

    @Test
    void digitsAreBalancedByBitSizeNotByPrimeCount() {
        // 60 30 30 30 30 60: by count {0,1},{2,3},{4,5} is also balanced by bits (91 bits each end).
        assertThat(BgvParameters.digitGroups(new double[] {60, 30, 30, 30, 30, 60}, 3))
                .isDeepEqualTo(new int[][] {{0, 1}, {2, 3}, {4, 5}});
        // A large q_0 gets a digit of its own rather than three 30-bit companions.
        assertThat(BgvParameters.digitGroups(new double[] {90, 30, 30, 30, 30, 30, 30}, 3))
                .isDeepEqualTo(new int[][] {{0}, {1, 2, 3}, {4, 5, 6}});
        assertThat(BgvParameters.digitGroups(new double[] {50, 40, 40}, 3)).isDeepEqualTo(new int[][] {{0}, {1}, {2}});
        assertThat(BgvParameters.digitGroups(new double[] {50, 40, 40}, 1)).isDeepEqualTo(new int[][] {{0, 1, 2}});
        // T0's chain (50 + 9 x 30 bits): 110, 90, 120 bits, where splitting by count gave 140, 90, 90.
        assertThat(ParameterTier.T0.insecureParameters().digitGroups())
                .isDeepEqualTo(new int[][] {{0, 1, 2}, {3, 4, 5}, {6, 7, 8, 9}});
    }

    @Test
    void aSpecialModulusTooSmallForTheDigitsIsRefusedWithTheNumbers() {
        // One digit of ~321 bits against P = 80 bits: the key switch would add far more than a fresh product.
        assertThatThrownBy(() -> BgvParameters.createInsecure(t0Chain(List.of(40, 40), 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the special modulus is too small for the key-switching digits: with log2 P = "
                        + "80.0 and the largest digit log2(|D| Q_D) = ")
                .hasMessageContaining("(digit 1 of 1: primes [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])")
                .hasMessageContaining("(m = 307, p = 17)");
        // Six digits of at most two 30-bit primes: P = 50 bits (10 below a digit) is accepted, P = 40 (20 below)
        // is not: at T0 a digit may exceed P by about 15 bits before a key switch outgrows a fresh product.
        BgvParameters six = BgvParameters.createInsecure(t0Chain(List.of(50), 6));
        assertThat(largestDigitBits(six) - six.log2SpecialModulus()).isGreaterThan(9.5);
        assertThatThrownBy(() -> BgvParameters.createInsecure(t0Chain(List.of(40), 6)))
                .hasMessageStartingWith("the special modulus is too small for the key-switching digits: with log2 P = 40.0");
    }

    @Test
    void aB2SizedChainWithFourOrSixDigitsAndASmallSpecialModulusIsRealisable() {
        // HElib's B2: about 463 bits of Q and 150 of special primes; here q_0 of 52 bits and eleven 38-bit
        // primes (469 bits, possible now that primes need only be 1 mod m N), and P of 100 bits with six digits
        // (above every digit) or 110 bits with four (below the largest digit).
        List<Integer> logQ = new ArrayList<>(List.of(52));
        logQ.addAll(Collections.nCopies(11, 38));
        int[][] configurations = {{6, 2, 50}, {4, 2, 55}};
        for (int[] configuration : configurations) {
            int digits = configuration[0];
            BgvParameters parameters = BgvParameters.createInsecure(new ParametersLiteral(17293, 131, logQ,
                    Collections.nCopies(configuration[1], configuration[2]), digits));
            assertThat(parameters.log2Modulus(parameters.maxLevel())).isBetween(450.0, 470.0);
            assertThat(parameters.log2SpecialModulus()).isBetween(99.0, 150.0);
            assertThat(parameters.digitGroups()).hasNumberOfRows(digits);
            for (int i = 0; i < parameters.ring().primeCount(); i++) {
                assertThat(parameters.prime(i) % (17293L * 65536)).isEqualTo(1);
            }
            double keySwitch = NoiseModel.keySwitch(parameters, parameters.maxLevel());
            double fresh = NoiseModel.fresh(parameters);
            assertThat(keySwitch).isLessThanOrEqualTo(NoiseModel.multiply(parameters, fresh, fresh));
            double modulusSwitch = NoiseModel.modulusSwitch(parameters, Double.NEGATIVE_INFINITY, 1);
            double extraBits = (keySwitch - modulusSwitch) / 2;
            if (parameters.log2SpecialModulus() >= largestDigitBits(parameters)) {
                assertThat(extraBits).as("%s: P above every digit", parameters.describe()).isLessThan(4);
            } else {
                // 4 digits of up to 130 bits over P = 110 bits: a key switch costs ~22 bits above the modulus-switch
                // floor, which the noise model charges to every automorphism.
                assertThat(extraBits).as("%s: P below a digit", parameters.describe()).isBetween(15.0, 25.0);
            }
        }
    }
}
