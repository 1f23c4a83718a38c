package org.example.wisekit;

import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.wisekit.calib.Calibration;
import org.wisekit.calib.CalibrationMetrics;
import org.wisekit.calib.LogitFiles;
import org.wisekit.calib.Logits;
import org.wisekit.calib.TemperatureScaling;
import org.wisekit.calib.Uncalibrated;
import org.wisekit.fhe.compare.ComparisonResult;
import org.wisekit.fhe.compare.ComparisonSession;
import org.wisekit.fhe.compare.ComparisonTier;
import org.wisekit.fhe.compare.EncryptedWords;
import org.wisekit.fhe.compare.IzComparator;
import org.wisekit.fhe.compare.BoostComOptions;
import org.wisekit.fhe.compare.WordFormat;
import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.kwise.KwiseProblem;
import org.wisekit.kwise.KwiseSolution;
import org.wisekit.kwise.KwiseSolver;
import org.wisekit.ubp.BlockSelection;
import org.wisekit.ubp.Budget;
import org.wisekit.ubp.GreedySelector;
import org.wisekit.ubp.Importance;
import org.wisekit.ubp.OptimalSelector;
import org.wisekit.ubp.ScoreMatrix;

/**
 * A user's program that calls four wisekit modules through their public API only:
 * a block selection (pruning-ubp), a calibration of CIFAR-10 logits (calibration-energy), an exact
 * M(n,k,p) (math-kwise) and an encrypted comparison (fhe-boostcom). Argument: the folder holding
 * cifar10_logits_val.csv and cifar10_logits_test.csv. Exits non-zero when a result is wrong.
 */
public final class Main {

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: Main <folder with cifar10_logits_val.csv and cifar10_logits_test.csv>");
            System.exit(2);
        }
        boolean ok = selection() & calibration(Path.of(args[0])) & kwise() & comparison();
        System.out.println(ok ? "consumer: all four results check out" : "consumer: a result is WRONG");
        System.exit(ok ? 0 : 1);
    }

    /** Unaligned 4x1 blocks on a random 64x64 layer: the optimal selector keeps at least greedy's score. */
    private static boolean selection() {
        SplittableRandom random = new SplittableRandom(1);
        float[] weights = new float[64 * 64];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextGaussian();
        }
        ScoreMatrix scores = ScoreMatrix.of(weights, 64, 64, Importance.L1);
        Budget budget = Budget.forSparsity(64, 64, 4, 0.75);
        BlockSelection optimal = new OptimalSelector().select(scores, budget);
        BlockSelection greedy = new GreedySelector().select(scores, budget);
        System.out.printf(Locale.ROOT, "pruning-ubp: %d blocks of 4 at sparsity %.2f; kept |w|: optimal %.4f, greedy %.4f%n",
                optimal.count(), optimal.sparsity(), optimal.keptScoreRatio(scores), greedy.keptScoreRatio(scores));
        return optimal.keptScore(scores) >= greedy.keptScore(scores) - 1e-6;
    }

    /** Temperature scaling fitted on the validation logits lowers the test ECE. */
    private static boolean calibration(Path folder) {
        Logits validation = LogitFiles.readLabelled(folder.resolve("cifar10_logits_val.csv"));
        Logits test = LogitFiles.readLabelled(folder.resolve("cifar10_logits_test.csv"));
        Calibration temperature = TemperatureScaling.nll().fit(validation);
        CalibrationMetrics before = CalibrationMetrics.evaluate(new Uncalibrated().apply(test), test.labels());
        CalibrationMetrics after = CalibrationMetrics.evaluate(temperature.apply(test), test.labels());
        System.out.printf(Locale.ROOT, "calibration-energy: CIFAR-10 test ECE %.2f %% -> %.2f %% (%s)%n",
                100 * before.ece(), 100 * after.ece(), temperature.describe());
        return after.ece() < before.ece();
    }

    /** M(n,k,p) as an exact rational, with the LP's certificate checked. */
    private static boolean kwise() {
        KwiseSolution solution = KwiseSolver.solve(KwiseProblem.of(6, 2, "1/3"));
        System.out.println("math-kwise: M(6,2,1/3) = " + solution.value() + " (certificate verified: "
                + solution.verified() + ")");
        return solution.verified();
    }

    /** 5 < 9 on encrypted 8-bit words (toy parameters, not secure: see the fhe-boostcom README). */
    private static boolean comparison() {
        BgvParameters parameters = ComparisonTier.T0.insecureParameters();
        WordFormat format = WordFormat.of(parameters, 8);
        ComparisonSession session = ComparisonSession.create(parameters, format, new int[] {1}, new int[0], null);
        EncryptedWords a = session.encryptor().encrypt(5);
        EncryptedWords b = session.encryptor().encrypt(9);
        ComparisonResult result;
        try (IzComparator comparator = session.comparator(BoostComOptions.baseline())) {
            result = comparator.compare(a, b);
        }
        boolean less = session.decryptor().lessThan(result)[0];
        boolean equal = session.decryptor().equal(result)[0];
        System.out.println("fhe-boostcom: Enc(5) < Enc(9): " + less + ", equal: " + equal);
        return less && !equal;
    }
}
