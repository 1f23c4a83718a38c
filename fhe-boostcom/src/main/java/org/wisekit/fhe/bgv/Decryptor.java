package org.wisekit.fhe.bgv;

import org.wisekit.fhe.ring.DoubleCrt;
import org.wisekit.fhe.ring.Modulus;

/**
 * Decryption and exact noise measurement with the secret key. Both compute v = [c_0 + c_1 s (+ c_2 s^2)]_Q
 * exactly, coefficient by coefficient, by Garner's mixed-radix conversion of the residues (no big integers):
 * the mixed-radix digits give the sign (compared with those of (Q-1)/2), v mod p, and log2|v|. v mod p is f m,
 * f the ciphertext's {@linkplain Ciphertext#scalarFactor() scalar factor}, so the message is (v mod p) f^-1.
 *
 * <p>The noise budget is log2(Q/2) - log2 max|v|: the bits of headroom before v wraps modulo Q. A wrapped v
 * looks uniform, so its measured budget is near 0; {@link #decrypt} therefore refuses ciphertexts whose
 * measured budget is below {@link #MIN_BUDGET_BITS} instead of returning garbage. Immutable and thread-safe.
 */
public final class Decryptor {

    /** Decryption refuses ciphertexts with less measured budget than this. */
    public static final double MIN_BUDGET_BITS = 1.0;

    private final SecretKey key;

    public Decryptor(SecretKey key) {
        this.key = key;
    }

    /** The plaintext; throws if the ciphertext belongs to another key or its noise has wrapped. */
    public Plaintext decrypt(Ciphertext ciphertext) {
        Measurement measurement = measure(ciphertext);
        if (measurement.budget < MIN_BUDGET_BITS) {
            throw new NoiseBudgetExhaustedException(String.format("cannot decrypt: measured noise budget %.2f bits "
                    + "(below %.1f) at level %d; the circuit was too deep for these parameters or the ciphertext is "
                    + "corrupt", measurement.budget, MIN_BUDGET_BITS, ciphertext.level()), measurement.budget);
        }
        return Plaintext.of(key.parameters(), measurement.message);
    }

    /** The exact noise budget in bits, log2(Q_l / 2) - log2 max |v|. */
    public double noiseBudget(Ciphertext ciphertext) {
        return measure(ciphertext).budget;
    }

    private record Measurement(long[] message, double budget) {
    }

    private Measurement measure(Ciphertext ciphertext) {
        BgvParameters parameters = key.parameters();
        if (!ciphertext.parameters().equals(parameters)) {
            throw new IllegalArgumentException("ciphertext belongs to other parameters: "
                    + ciphertext.parameters().describe() + "; the key is for " + parameters.describe());
        }
        if (ciphertext.keyId() != key.keyId()) {
            throw new IllegalArgumentException("ciphertext was encrypted under key " + Long.toHexString(ciphertext.keyId())
                    + ", not under this secret key " + Long.toHexString(key.keyId()));
        }
        int level = ciphertext.level();
        int[] primes = parameters.primesAt(level);
        DoubleCrt s = key.evaluation().restrictTo(primes);
        DoubleCrt v = ciphertext.part(0).copy();
        DoubleCrt power = s.copy();
        for (int i = 1; i < ciphertext.size(); i++) {
            DoubleCrt term = ciphertext.part(i).copy();
            term.multiply(power);
            v.add(term);
            power.multiply(s);
        }
        long[][] residues = v.toCoefficients();
        LevelConstants constants = parameters.constants(level);
        Modulus[] moduli = new Modulus[level + 1];
        for (int j = 0; j <= level; j++) {
            moduli[j] = parameters.ring().modulus(j);
        }
        Modulus plain = Modulus.of(parameters.plaintextModulus());
        int n = parameters.ringDimension();
        long[] message = new long[n];
        long[] digits = new long[level + 1];
        long[] negated = new long[level + 1];
        double log2Max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < n; c++) {
            for (int j = 0; j <= level; j++) {
                negated[j] = residues[j][c];
            }
            mixedRadix(negated, digits, moduli, constants);
            boolean negative = exceedsHalf(digits, moduli);
            if (negative) {
                for (int j = 0; j <= level; j++) {
                    negated[j] = moduli[j].negate(residues[j][c]);
                }
                mixedRadix(negated, digits, moduli, constants);
            }
            long modP = 0;
            for (int j = 0; j <= level; j++) {
                modP = plain.add(modP, plain.mul(plain.reduce(digits[j]), constants.weightModPlaintext[j]));
            }
            message[c] = negative ? plain.negate(modP) : modP;
            log2Max = Math.max(log2Max, log2Magnitude(digits, moduli, constants));
        }
        long factor = ciphertext.data().factor;
        if (factor != 1) {
            long inverse = plain.inverse(factor);
            for (int c = 0; c < n; c++) {
                message[c] = plain.mul(message[c], inverse);
            }
        }
        return new Measurement(message, parameters.log2Modulus(level) - 1 - log2Max);
    }

    /** Garner: x = sum_j digits[j] (q_0 ... q_(j-1)) with digits[j] in [0, q_j), from the residues of x. */
    private static void mixedRadix(long[] residues, long[] digits, Modulus[] moduli, LevelConstants constants) {
        for (int j = 0; j < moduli.length; j++) {
            Modulus q = moduli[j];
            long x = residues[j];
            for (int i = 0; i < j; i++) {
                x = q.mul(q.sub(x, q.reduce(digits[i])), constants.garnerInverse[i][j]);
            }
            digits[j] = x;
        }
    }

    /** x &gt; (Q-1)/2, whose mixed-radix digits are (q_j - 1)/2, compared from the most significant digit. */
    private static boolean exceedsHalf(long[] digits, Modulus[] moduli) {
        for (int j = moduli.length - 1; j >= 0; j--) {
            long half = (moduli[j].value() - 1) / 2;
            if (digits[j] != half) {
                return digits[j] > half;
            }
        }
        return false;
    }

    /** log2 x from its two most significant non-zero mixed-radix digits (double precision). */
    private static double log2Magnitude(long[] digits, Modulus[] moduli, LevelConstants constants) {
        int top = digits.length - 1;
        while (top >= 0 && digits[top] == 0) {
            top--;
        }
        if (top < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double leading = digits[top];
        if (top > 0) {
            leading += (double) digits[top - 1] / moduli[top - 1].value();
        }
        return constants.log2Weight[top] + Math.log(leading) / Math.log(2);
    }
}
