package org.wisekit.fhe.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.bgv.Decryptor;
import org.wisekit.fhe.bgv.SecurityEstimate;
import org.wisekit.fhe.compare.BoostComOptions;
import org.wisekit.fhe.compare.ComparisonResult;
import org.wisekit.fhe.compare.ComparisonSession;
import org.wisekit.fhe.compare.ComparisonTier;
import org.wisekit.fhe.compare.EncryptedWords;
import org.wisekit.fhe.compare.IzComparator;
import org.wisekit.fhe.compare.Stage;
import org.wisekit.fhe.compare.WordFormat;
import org.wisekit.fhe.compare.CompareCodec;
import org.wisekit.harness.Json;
import org.wisekit.harness.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Two modes. <b>Server</b>: {@code wisekit fhe compare --eval-keys DIR --in A.ct --in B.ct --out LT.ct} reads
 * only DIR/eval.keys and two ciphertexts of encrypted words (fhe encrypt) and writes the encrypted a_i &lt; b_i
 * and a_i == b_i bits of every pair (a comparison result that fhe decrypt opens). <b>Demo</b>:
 * {@code wisekit fhe compare --params P --a X --b Y [--json]} encrypts two words under fresh keys, computes
 * a &lt; b, a == b, min and max homomorphically (one comparison), decrypts them and prints the results, the
 * security of the parameters, the timings and the noise budget after every stage of the circuit. The default
 * tier is the 128-bit preset {@link ComparisonTier#B3_128}; where a tier's chain cannot hold min/max at the word
 * width ({@link ComparisonTier#minMaxWordBits()}) only the comparison is computed, and the output says so.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Server: compare two encrypted-word files (--eval-keys DIR --in A.ct --in B.ct --out R.ct), "
                + "reading only DIR/eval.keys; fhe decrypt opens the result.",
        "Demo (--a X --b Y): encrypt two words under fresh keys, compare them in one process (Iliashenko-Zucca "
                + "circuit with the BoostCom switches) and print a < b, a == b, min, max, timings and the noise budget "
                + "per stage.",
        "Keys are fresh from SecureRandom. Secure presets: B3_128 (default, 128-bit) and B2_96 (96-bit); T0, T1, B1 "
                + "and B2 are insecure research tiers (stated in the output)."})
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    FheCommand parent;

    @Option(names = "--eval-keys", paramLabel = "DIR",
            description = "Server mode: key directory holding eval.keys (no secret key is read).")
    Path evalKeys;

    @Option(names = "--in", arity = "1..2", paramLabel = "CT",
            description = "Server mode: the two encrypted-word files a and b (same count).")
    List<Path> in;

    @Option(names = "--out", paramLabel = "CT", description = "Server mode: the encrypted comparison to write.")
    Path out;

    @Option(names = "--params", paramLabel = "TIER", defaultValue = "B3_128",
            description = "Demo mode: comparison tier, B3_128 or B2_96 (secure), T0, T1, B1 or B2 (insecure) (default: "
                    + "${DEFAULT-VALUE}). Server mode takes the tier from eval.keys.")
    String params;

    @Option(names = "--a", paramLabel = "X", description = "Demo mode: first word (unsigned decimal).")
    String a;

    @Option(names = "--b", paramLabel = "Y", description = "Demo mode: second word (unsigned decimal).")
    String b;

    @Option(names = "--bits", paramLabel = "W", description = "Word width in bits (default: 16 at T0, 32 at T1, "
            + "64 at the others).")
    Integer bits;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "2",
            description = "Threads for the BoostCom switches (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--baseline", description = "Run the single-thread Iliashenko-Zucca baseline instead.")
    boolean baseline;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        if (evalKeys != null || in != null || out != null) {
            if (a != null || b != null || baseline || bits != null) {
                throw new IllegalArgumentException("--a/--b/--bits/--baseline (demo) cannot be combined with "
                        + "--eval-keys/--in/--out (server)");
            }
            return serve();
        }
        if (a == null || b == null) {
            throw new IllegalArgumentException("give --a X --b Y (demo) or --eval-keys DIR --in A.ct --in B.ct --out R.ct "
                    + "(server)");
        }
        return demo();
    }

    /** Server mode: reads only eval.keys and the two ciphertexts, writes the encrypted bits. */
    private int serve() {
        if (evalKeys == null || in == null || in.size() != 2 || out == null) {
            throw new IllegalArgumentException("server mode needs --eval-keys DIR, --in A.ct --in B.ct and --out R.ct");
        }
        int threadCount = TierOptions.threads(threads);
        ServerSide server = ServerSide.open(evalKeys, parent.progress());
        EncryptedWords x = server.words(in.get(0));
        EncryptedWords y = server.words(in.get(1));
        if (x.count() != y.count()) {
            throw new IllegalArgumentException("--in files hold " + x.count() + " and " + y.count()
                    + " words; compare needs the same count");
        }
        BoostComOptions options = server.options(threadCount, new int[] {x.count()}, new int[0]);
        long start = System.nanoTime();
        ComparisonResult result = server.run("fhe compare", "comparing " + x.count() + " word pairs", options,
                "use a deeper tier (B3_128)", comparator -> comparator.compare(x, y));
        double millis = (System.nanoTime() - start) / 1e6;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("count", x.count());
        fields.put("compaction", options.compaction());
        server.finish(spec.commandLine().getOut(), json, "compare", in, out, CompareCodec.write(result), fields,
                result.lessThan(), result.stages(), options, millis);
        return 0;
    }

    /** Demo mode: both sides in one process under fresh keys. */
    private int demo() {
        TierOptions.Choice choice = TierOptions.choose(params, bits, threads);
        ComparisonTier tier = choice.tier();
        int width = choice.width();
        int threadCount = choice.threads();
        long x = parseWord("--a", a, width);
        long y = parseWord("--b", b, width);
        BgvParameters parameters = choice.parameters();
        WordFormat format;
        try {
            format = WordFormat.of(parameters, width);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--bits " + width + " does not fit tier " + tier + ": " + e.getMessage());
        }
        BoostComOptions options = baseline || threadCount == 1 ? BoostComOptions.baseline()
                : BoostComOptions.all(threadCount);

        Progress.Task task = parent.progress().start("fhe compare", 2);
        task.status("keys");
        ComparisonSession session;
        try {
            session = choice.session(format, 1);
        } catch (RuntimeException e) {
            task.close();
            throw e;
        }
        task.step();
        task.status(withMinMaxText(tier, width));
        EncryptedWords ex = session.encryptor().encrypt(x);
        EncryptedWords ey = session.encryptor().encrypt(y);
        boolean withMinMax = width <= tier.minMaxWordBits();
        ComparisonResult comparison;
        EncryptedWords encryptedMin = null;
        EncryptedWords encryptedMax = null;
        long start = System.nanoTime();
        try (task; IzComparator comparator = session.comparator(options)) {
            if (withMinMax) {
                IzComparator.MinMax result = comparator.minMax(ex, ey);
                comparison = result.comparison();
                encryptedMin = result.min();
                encryptedMax = result.max();
            } else {
                comparison = comparator.compare(ex, ey);
            }
            task.step();
        }
        double millis = (System.nanoTime() - start) / 1e6;
        Decryptor decryptor = session.decryptor().decryptor();
        boolean less = session.decryptor().lessThan(comparison)[0];
        boolean equal = session.decryptor().equal(comparison)[0];
        boolean lessOrEqual = Long.compareUnsigned(x, y) <= 0;
        boolean correct = less == (Long.compareUnsigned(x, y) < 0) && equal == (x == y);
        String min = null;
        String max = null;
        double budget = Math.min(decryptor.noiseBudget(comparison.lessThan()), decryptor.noiseBudget(comparison.equal()));
        if (withMinMax) {
            long minWord = session.decryptor().words(encryptedMin)[0];
            long maxWord = session.decryptor().words(encryptedMax)[0];
            correct &= minWord == (lessOrEqual ? x : y) && maxWord == (lessOrEqual ? y : x);
            min = Long.toUnsignedString(minWord);
            max = Long.toUnsignedString(maxWord);
            budget = Math.min(decryptor.noiseBudget(encryptedMin.ciphertext()),
                    decryptor.noiseBudget(encryptedMax.ciphertext()));
        }
        String minMaxNote = withMinMax ? null : "min/max not computed: " + tier + "'s chain holds min/max of words up "
                + "to " + tier.minMaxWordBits() + " bits (use --params B3_128 or --bits " + tier.minMaxWordBits() + ")";
        SecurityEstimate security = parameters.security();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> stages = comparison.stages().stream().map(stage -> {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("name", stage.name());
                map.put("level", stage.level());
                map.put("noiseBudgetBits", FheJson.round(decryptor.noiseBudget(stage.output())));
                map.put("estimatedBudgetBits", FheJson.round(stage.estimatedBudget()));
                map.put("millis", FheJson.round(stage.millisAtEnd()));
                return map;
            }).toList();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("params", tier.name());
            result.putAll(FheJson.format(format));
            result.put("security", FheJson.security(parameters, tier.minimumSecurityBits()));
            result.put("options", options.label());
            result.put("a", Long.toUnsignedString(x));
            result.put("b", Long.toUnsignedString(y));
            result.put("lessThan", less);
            result.put("equal", equal);
            result.put("min", min);
            result.put("max", max);
            result.put("minMaxNote", minMaxNote);
            result.put("correct", correct);
            result.put("keyMillis", FheJson.round(session.keyMillis()));
            result.put("millis", FheJson.round(millis));
            result.put("noiseBudgetBits", FheJson.round(budget));
            result.put("stages", stages);
            out.println(Json.write(result));
        } else {
            out.println("fhe compare: tier " + tier + ", " + format);
            out.println("parameters:  " + parameters.describe().replaceFirst(", security:.*", ""));
            out.println("security:    " + security.label());
            out.printf(Locale.ROOT, "keys:        %.0f ms (SecureRandom); circuit: %s%n", session.keyMillis(),
                    options.label());
            out.printf("a = %s, b = %s%n", Long.toUnsignedString(x), Long.toUnsignedString(y));
            if (withMinMax) {
                out.printf("a < b: %b   a == b: %b   min: %s   max: %s   (%s)%n", less, equal, min, max,
                        correct ? "matches the plaintext" : "WRONG");
            } else {
                out.printf("a < b: %b   a == b: %b   (%s)%n", less, equal, correct ? "matches the plaintext" : "WRONG");
                out.println(minMaxNote);
            }
            out.printf("%-10s %5s %15s %18s %10s%n", "stage", "level", "budget (exact)", "budget (estimate)", "ms");
            for (Stage stage : comparison.stages()) {
                out.printf(Locale.ROOT, "%-10s %5d %15.1f %18.1f %10.0f%n", stage.name(), stage.level(),
                        decryptor.noiseBudget(stage.output()), stage.estimatedBudget(), stage.millisAtEnd());
            }
            out.printf(Locale.ROOT, "%s: %.0f ms; noise budget left: %.1f bits%n",
                    withMinMax ? "compare + min/max" : "compare", millis, budget);
            out.println("operations:  " + FheJson.counts(session.setup().evaluator().counters().snapshot()));
        }
        out.flush();
        if (!correct) {
            throw new IllegalStateException("decrypted results do not match the plaintext comparison");
        }
        return 0;
    }

    private static String withMinMaxText(ComparisonTier tier, int width) {
        return width <= tier.minMaxWordBits() ? "compare + min/max" : "compare";
    }

    /** An unsigned decimal word of {@code width} bits; a clear one-line error otherwise. */
    static long parseWord(String option, String text, int width) {
        long value;
        try {
            value = Long.parseUnsignedLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a non-negative integer below 2^" + width + ", got '"
                    + text + "'");
        }
        if (width < 64 && Long.compareUnsigned(value, 1L << width) >= 0) {
            throw new IllegalArgumentException(option + " must be a non-negative integer below 2^" + width + ", got '"
                    + text + "'");
        }
        return value;
    }
}
