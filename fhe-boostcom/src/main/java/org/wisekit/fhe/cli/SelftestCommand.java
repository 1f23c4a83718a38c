package org.wisekit.fhe.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.bgv.Ciphertext;
import org.wisekit.fhe.bgv.Decryptor;
import org.wisekit.fhe.bgv.Encoder;
import org.wisekit.fhe.bgv.Encryptor;
import org.wisekit.fhe.bgv.EvaluationKeys;
import org.wisekit.fhe.bgv.Evaluator;
import org.wisekit.fhe.bgv.GaloisElements;
import org.wisekit.fhe.bgv.KeyGenerator;
import org.wisekit.fhe.bgv.ParameterTier;
import org.wisekit.fhe.bgv.SecretKey;
import org.wisekit.fhe.slots.SlotVector;
import org.wisekit.harness.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit fhe selftest --params T1}: generates fresh keys (always from SecureRandom), encrypts two random
 * slot vectors over F_(p^d), then multiplies, switches modulus, rotates, shifts and applies Frobenius,
 * decrypting after every step and comparing all slots with the plaintext computation. Prints the exact and
 * the estimated noise budget at each step. {@code --seed} fixes only the random test vectors. A mismatch
 * ends the command with an {@link IllegalStateException}; bad options throw {@link IllegalArgumentException}.
 */
@Command(name = "selftest", mixinStandardHelpOptions = true, description = {"Encrypt, multiply, rotate and decrypt random slot vectors, printing the "
        + "noise budget after each step.", "Keys are fresh from SecureRandom; the tiers are insecure test sets."})
public final class SelftestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--params", paramLabel = "TIER", defaultValue = "T1",
            description = "Parameter tier: T0, T1, B1 or B2 (default: ${DEFAULT-VALUE}).")
    String params;

    @Option(names = "--seed", paramLabel = "SEED",
            description = "Seed of the random test vectors only (keys and encryption noise always use SecureRandom).")
    Long seed;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        ParameterTier tier = TierOptions.tier(params, ParameterTier::parse);
        PrintWriter stdout = spec.commandLine().getOut();
        // text goes to stdout; with --json only the JSON object does
        PrintWriter out = json ? new PrintWriter(java.io.Writer.nullWriter()) : stdout;
        long dataSeed = seed != null ? seed : new SecureRandom().nextLong();

        BgvParameters parameters = tier.insecureParameters();
        out.println("fhe selftest: tier " + tier + " (" + tier.use() + ")");
        out.println("parameters:   " + parameters.describe().replaceFirst(", security:.*", ""));
        out.println("security:     " + parameters.security().label() + "; built with BgvParameters.createInsecure");
        out.println("test vectors: seed " + dataSeed);

        long start = System.nanoTime();
        KeyGenerator generator = KeyGenerator.create(parameters);
        SecretKey secret = generator.secretKey();
        int[] shifts = {-3};
        int[] rotations = {1};
        EvaluationKeys keys = generator.evaluationKeys(secret,
                GaloisElements.forSlotOperations(parameters, shifts, rotations));
        Encryptor encryptor = new Encryptor(generator.publicKey(secret));
        double keyMillis = (System.nanoTime() - start) / 1e6;
        out.printf("keys:         secret, public, relinearization and %d automorphism keys in %.0f ms (SecureRandom)%n",
                keys.galoisElements().size(), keyMillis);

        Encoder encoder = new Encoder(parameters);
        Decryptor decryptor = new Decryptor(secret);
        Evaluator evaluator = new Evaluator(parameters, keys);
        SplittableRandom random = new SplittableRandom(dataSeed);
        SlotVector a = SlotVector.random(encoder.field(), encoder.slotCount(), random);
        SlotVector b = SlotVector.random(encoder.field(), encoder.slotCount(), random);

        Step step = new Step(out, encoder, decryptor);
        out.printf("%-30s %5s %15s %18s %10s %8s%n", "step", "level", "budget (exact)", "budget (estimate)", "slots",
                "ms");
        Ciphertext ca = step.run("encrypt a", a, () -> encryptor.encrypt(encoder.encode(a)));
        Ciphertext cb = step.run("encrypt b", b, () -> encryptor.encrypt(encoder.encode(b)));
        SlotVector ab = a.times(b);
        Ciphertext product = step.run("a * b, relinearized", ab, () -> evaluator.multiplyRelin(ca, cb));
        Ciphertext switched = step.run("modulus switch", ab, () -> evaluator.modSwitch(product));
        Ciphertext rotated = step.run("rotate by " + rotations[0], ab.rotated(rotations[0]),
                () -> evaluator.rotate(switched, rotations[0]));
        Ciphertext shifted = step.run("shift by " + shifts[0], ab.rotated(rotations[0]).shifted(shifts[0]),
                () -> evaluator.shift(rotated, shifts[0]));
        SlotVector last = ab.rotated(rotations[0]).shifted(shifts[0]).frobenius(1);
        Ciphertext frobenius = step.run("Frobenius x -> x^p", last, () -> evaluator.frobenius(shifted, 1));
        SlotVector square = last.times(last);
        Ciphertext squared = step.run("square, relinearized", square, () -> evaluator.multiplyRelin(frobenius, frobenius));
        step.run("modulus switch", square, () -> evaluator.modSwitch(squared));
        out.printf("decrypted all %d slots after each of %d steps: every one matches the plaintext computation%n",
                encoder.slotCount(), step.count);
        out.println("operations:   " + FheJson.counts(evaluator.counters().snapshot()));
        out.flush();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("tier", tier.name());
            result.put("use", tier.use());
            result.put("m", parameters.m());
            result.put("plaintextModulus", parameters.plaintextModulus());
            result.put("ringDimension", parameters.ringDimension());
            result.put("slots", encoder.slotCount());
            result.put("security", FheJson.security(parameters, 0));
            result.put("seed", dataSeed);
            result.put("automorphismKeys", keys.galoisElements().size());
            result.put("keyMillis", FheJson.round(keyMillis));
            result.put("steps", step.rows);
            result.put("allSlotsMatch", true);
            result.put("operations", evaluator.counters().snapshot());
            stdout.println(Json.write(result));
            stdout.flush();
        }
        return 0;
    }

    /** Runs one homomorphic step, decrypts its result and prints the budgets; throws on any wrong slot. */
    private static final class Step {

        private final PrintWriter out;
        private final Encoder encoder;
        private final Decryptor decryptor;
        private final List<Map<String, Object>> rows = new ArrayList<>();
        private int count;

        Step(PrintWriter out, Encoder encoder, Decryptor decryptor) {
            this.out = out;
            this.encoder = encoder;
            this.decryptor = decryptor;
        }

        Ciphertext run(String name, SlotVector expected, Supplier<Ciphertext> operation) {
            long start = System.nanoTime();
            Ciphertext result = operation.get();
            double millis = (System.nanoTime() - start) / 1e6;
            SlotVector decrypted = encoder.decode(decryptor.decrypt(result));
            for (int i = 0; i < expected.size(); i++) {
                if (!Arrays.equals(decrypted.get(i), expected.get(i))) {
                    throw new IllegalStateException("selftest failed at step '" + name + "': slot " + i + " decrypts to "
                            + Arrays.toString(decrypted.get(i)) + ", expected "
                            + Arrays.toString(expected.get(i)));
                }
            }
            count++;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", name);
            row.put("level", result.level());
            row.put("noiseBudgetBits", FheJson.round(decryptor.noiseBudget(result)));
            row.put("estimatedBudgetBits", FheJson.round(result.estimatedNoiseBudget()));
            row.put("slotsChecked", expected.size());
            row.put("millis", FheJson.round(millis));
            rows.add(row);
            out.printf("%-30s %5d %15.1f %18.1f %10s %8.0f%n", name, result.level(), decryptor.noiseBudget(result),
                    result.estimatedNoiseBudget(), expected.size() + " ok", millis);
            return result;
        }
    }
}
