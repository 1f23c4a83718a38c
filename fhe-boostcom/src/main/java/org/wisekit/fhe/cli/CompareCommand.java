package org.wisekit.fhe.cli;

import java.io.PrintWriter;
import java.util.Locale;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit fhe compare --params P --a X --b Y [--json]}: encrypts two words under fresh keys, computes
 * a &lt; b, a == b, min and max homomorphically (one comparison), decrypts them and prints the results, the
 * security of the parameters, the timings and the noise budget after every stage of the circuit. The default
 * tier is the 128-bit preset {@link ComparisonTier#B3_128}; where a tier's chain cannot hold min/max at the word
 * width ({@link ComparisonTier#minMaxWordBits()}) only the comparison is computed, and the output says so.
 */
@Command(name = "compare", description = {"Compare two encrypted words (Iliashenko-Zucca circuit with the BoostCom "
        + "switches): prints a < b, a == b, min, max, timings and the noise budget per stage.",
        "Keys are fresh from SecureRandom. Secure presets: B3_128 (default, 128-bit) and B2_96 (96-bit); T0, T1, B1 "
                + "and B2 are insecure research tiers (stated in the output)."})
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--params", paramLabel = "TIER", defaultValue = "B3_128",
            description = "Comparison tier: B3_128 or B2_96 (secure), T0, T1, B1 or B2 (insecure) (default: "
                    + "${DEFAULT-VALUE}).")
    String params;

    @Option(names = "--a", required = true, paramLabel = "X", description = "First word (unsigned decimal).")
    String a;

    @Option(names = "--b", required = true, paramLabel = "Y", description = "Second word (unsigned decimal).")
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

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
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

        ComparisonSession session = choice.session(format, 1);
        EncryptedWords ex = session.encryptor().encrypt(x);
        EncryptedWords ey = session.encryptor().encrypt(y);
        boolean withMinMax = width <= tier.minMaxWordBits();
        ComparisonResult comparison;
        EncryptedWords encryptedMin = null;
        EncryptedWords encryptedMax = null;
        long start = System.nanoTime();
        try (IzComparator comparator = session.comparator(options)) {
            if (withMinMax) {
                IzComparator.MinMax result = comparator.minMax(ex, ey);
                comparison = result.comparison();
                encryptedMin = result.min();
                encryptedMax = result.max();
            } else {
                comparison = comparator.compare(ex, ey);
            }
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
            StringBuilder stages = new StringBuilder();
            for (Stage stage : comparison.stages()) {
                stages.append(stages.length() == 0 ? "" : ",").append(String.format(Locale.ROOT,
                        "{\"name\":\"%s\",\"level\":%d,\"noiseBudgetBits\":%.1f,\"estimatedBudgetBits\":%.1f,"
                                + "\"millis\":%.1f}", stage.name(), stage.level(), decryptor.noiseBudget(stage.output()),
                        stage.estimatedBudget(), stage.millisAtEnd()));
            }
            out.printf(Locale.ROOT, "{\"params\":\"%s\",\"wordBits\":%d,\"digitBase\":%d,\"digitsPerSlot\":%d,"
                            + "\"slotsPerWord\":%d,\"security\":{\"secure\":%b,\"targetBits\":%d,\"heStandardBits\":%s,"
                            + "\"helibBits\":%.1f,\"log2Q\":%.1f,\"log2QP\":%.1f,\"ringDimension\":%d},"
                            + "\"options\":\"%s\",\"a\":\"%s\",\"b\":\"%s\",\"lessThan\":%b,\"equal\":%b,"
                            + "\"min\":%s,\"max\":%s,\"minMaxNote\":%s,\"correct\":%b,\"keyMillis\":%.1f,\"millis\":%.1f,"
                            + "\"noiseBudgetBits\":%.1f,\"stages\":[%s]}%n", tier, format.wordBits(), format.base(),
                    format.digitsPerSlot(), format.slotsPerWord(), tier.isSecure(), tier.minimumSecurityBits(),
                    Double.isNaN(security.heStandardBits()) ? "null"
                            : String.format(Locale.ROOT, "%.1f", security.heStandardBits()),
                    security.helibBits(), parameters.log2Modulus(parameters.maxLevel()), security.log2Modulus(),
                    security.ringDimension(), options.label(), Long.toUnsignedString(x), Long.toUnsignedString(y),
                    less, equal, min == null ? "null" : "\"" + min + "\"", max == null ? "null" : "\"" + max + "\"",
                    minMaxNote == null ? "null" : "\"" + minMaxNote + "\"", correct, session.keyMillis(), millis, budget, stages);
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
            out.println("operations:  " + session.setup().evaluator().counters().snapshot());
        }
        out.flush();
        if (!correct) {
            throw new IllegalStateException("decrypted results do not match the plaintext comparison");
        }
        return 0;
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
