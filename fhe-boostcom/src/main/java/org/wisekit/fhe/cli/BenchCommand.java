package org.wisekit.fhe.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.compare.BoostComOptions;
import org.wisekit.fhe.compare.ComparisonResult;
import org.wisekit.fhe.compare.ComparisonSession;
import org.wisekit.fhe.compare.EncryptedWords;
import org.wisekit.fhe.compare.IzComparator;
import org.wisekit.fhe.compare.WordFormat;
import org.wisekit.harness.Json;
import org.wisekit.harness.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit fhe bench --params P}: one fully packed comparison (as many random word pairs as the slots
 * hold) through the ablation ladder (baseline, +RNS parallel, +circuit parallel, +compaction, +non-blocking),
 * each rung timed once in the same process, with the speed-up over the baseline, the time per integer, the
 * noise budget left and a check that every rung decrypts to exactly the baseline's bits. A quick timing, not
 * JMH (the bench suite FheCompare is the careful measurement).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = {"Time one fully packed encrypted comparison through the BoostCom ablation "
        + "ladder against the single-thread baseline.", "Quick wall-clock timing in one process; see the JMH suite "
        + "FheCompare for careful numbers."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--params", paramLabel = "TIER", defaultValue = "B2_96",
            description = "Comparison tier: B2_96 or B3_128 (secure), T0, T1, B1 or B2 (insecure) (default: "
                    + "${DEFAULT-VALUE}, HElib's B2 ring at 96 bits; each rung takes about a minute).")
    String params;

    @Option(names = "--bits", paramLabel = "W", description = "Word width (default: the tier's, as in compare).")
    Integer bits;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "2",
            description = "Threads of the parallel rungs (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the random words (keys use SecureRandom).")
    Long seed;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @ParentCommand
    FheCommand parent;

    @Override
    public Integer call() {
        TierOptions.Choice choice = TierOptions.choose(params, bits, threads);
        int width = choice.width();
        int threadCount = choice.threads();
        if (threadCount < 2) {
            throw new IllegalArgumentException("--threads must be >= 2 for the parallel rungs, got " + threadCount);
        }
        BgvParameters parameters = choice.parameters();
        WordFormat format = WordFormat.of(parameters, width);
        int count = format.capacity(parameters);
        long dataSeed = seed != null ? seed : new SecureRandom().nextLong();
        PrintWriter stdout = spec.commandLine().getOut();
        // text goes to stdout; with --json only the JSON object does
        PrintWriter out = json ? new PrintWriter(java.io.Writer.nullWriter()) : stdout;
        out.println("fhe bench: tier " + choice.tier() + ", " + format + ", " + count + " word pairs per ciphertext");
        out.println("security:  " + parameters.security().label());

        List<BoostComOptions> ladder = BoostComOptions.ladder(threadCount);
        List<Map<String, Object>> rungs = new ArrayList<>();
        Progress.Task task = parent.progress().start("fhe bench", ladder.size() + 1L);
        ComparisonSession session;
        try {
            task.status("keys");
            session = choice.session(format, count);
            task.step();
            out.printf(Locale.ROOT, "keys:      %.0f ms, setup %.0f ms; words: seed %d%n", session.keyMillis(),
                    session.setupMillis(), dataSeed);
            SplittableRandom random = new SplittableRandom(dataSeed);
            long[] a = new long[count];
            long[] b = new long[count];
            for (int i = 0; i < count; i++) {
                a[i] = width == 64 ? random.nextLong() : random.nextLong(1L << width);
                b[i] = i % 4 == 0 ? a[i] : width == 64 ? random.nextLong() : random.nextLong(1L << width);
            }
            EncryptedWords x = session.encryptor().encrypt(a);
            EncryptedWords y = session.encryptor().encrypt(b);

            out.printf("%-48s %10s %9s %12s %14s %s%n", "rung", "ms", "speed-up", "ms/integer", "budget (bits)",
                    "bits");
            boolean[] reference = null;
            double baselineMillis = 0;
            for (BoostComOptions options : ladder) {
                task.status(options.label());
                ComparisonResult result;
                long start = System.nanoTime();
                try (IzComparator comparator = session.comparator(options)) {
                    comparator.prepare(count);
                    start = System.nanoTime();
                    result = comparator.compare(x, y);
                }
                double millis = (System.nanoTime() - start) / 1e6;
                boolean[] lt = session.decryptor().lessThan(result);
                if (reference == null) {
                    reference = lt;
                    baselineMillis = millis;
                    for (int i = 0; i < count; i++) {
                        if (lt[i] != Long.compareUnsigned(a[i], b[i]) < 0) {
                            throw new IllegalStateException("baseline comparison wrong at word " + i);
                        }
                    }
                }
                boolean same = Arrays.equals(lt, reference);
                double budget = session.decryptor().decryptor().noiseBudget(result.lessThan());
                Map<String, Object> rung = new LinkedHashMap<>();
                rung.put("rung", options.label());
                rung.put("millis", FheJson.round(millis));
                rung.put("speedup", Math.round(baselineMillis / millis * 100) / 100.0);
                rung.put("millisPerInteger", Math.round(millis / count * 100) / 100.0);
                rung.put("noiseBudgetBits", FheJson.round(budget));
                rung.put("sameAsBaseline", same);
                rungs.add(rung);
                task.step();
                out.printf(Locale.ROOT, "%-48s %10.0f %9.2f %12.2f %14.1f %s%n", options.label(), millis,
                        baselineMillis / millis, millis / count,
                        budget, same ? "= baseline" : "DIFFER");
                if (!same) {
                    throw new IllegalStateException(options.label() + " decrypts differently from the baseline");
                }
            }
        } finally {
            task.close();
        }
        out.flush();
        if (json) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("tier", choice.tier().name());
            map.putAll(FheJson.format(format));
            map.put("wordPairs", count);
            map.put("security", FheJson.security(parameters, choice.tier().minimumSecurityBits()));
            map.put("seed", dataSeed);
            map.put("threads", threadCount);
            map.put("keyMillis", FheJson.round(session.keyMillis()));
            map.put("setupMillis", FheJson.round(session.setupMillis()));
            map.put("rungs", rungs);
            stdout.println(Json.write(map));
            stdout.flush();
        }
        return 0;
    }
}
