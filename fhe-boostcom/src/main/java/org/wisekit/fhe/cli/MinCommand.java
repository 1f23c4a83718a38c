package org.wisekit.fhe.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wisekit.fhe.compare.BoostComOptions;
import org.wisekit.fhe.compare.CompareCodec;
import org.wisekit.fhe.compare.ComparisonTier;
import org.wisekit.fhe.compare.EncryptedArray;
import org.wisekit.fhe.compare.EncryptedWords;
import org.wisekit.fhe.compare.IzComparator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit fhe min --eval-keys DIR --in A.ct [B.ct] --out MIN.ct}: server side, no secret key. With two
 * ciphertexts of encrypted words, the pairwise minima min(a_i, b_i) (one comparison, {@link IzComparator#minMax});
 * with one encrypted array (encrypt --array), its minimum as one encrypted word ({@link IzComparator#minimum}).
 */
@Command(name = "min", mixinStandardHelpOptions = true,
        description = {"Server side: encrypted minimum, reading only DIR/eval.keys.",
                "Two word ciphertexts: pairwise minima. One array ciphertext (encrypt --array): its minimum."})
public final class MinCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    FheCommand parent;

    @Option(names = "--eval-keys", required = true, paramLabel = "DIR",
            description = "Key directory holding eval.keys (no secret key is read).")
    Path evalKeys;

    @Option(names = "--in", required = true, arity = "1..2", paramLabel = "CT",
            description = "Two encrypted-word files (pairwise min) or one encrypted array (its minimum).")
    List<Path> in;

    @Option(names = "--out", required = true, paramLabel = "CT", description = "Encrypted result to write.")
    Path out;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "2",
            description = "Threads for the BoostCom switches (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        int threadCount = TierOptions.threads(threads);
        if (in.size() > 2) {
            throw new IllegalArgumentException("--in takes two word files (pairwise min) or one array, got "
                    + in.size() + " files");
        }
        ServerSide server = ServerSide.open(evalKeys, parent.progress());
        ComparisonTier tier = server.tier();
        long start;
        EncryptedWords result;
        Map<String, Object> fields = new LinkedHashMap<>();
        BoostComOptions options;
        List<org.wisekit.fhe.compare.Stage> stages = null;
        if (in.size() == 2) {
            EncryptedWords a = server.words(in.get(0));
            EncryptedWords b = server.words(in.get(1));
            if (a.count() != b.count()) {
                throw new IllegalArgumentException("--in files hold " + a.count() + " and " + b.count()
                        + " words; pairwise min needs the same count");
            }
            int width = server.keys.format().wordBits();
            if (tier != null && width > tier.minMaxWordBits()) {
                throw new IllegalArgumentException("min of " + width + "-bit words does not fit tier " + tier
                        + "'s modulus chain (it holds min/max of words up to " + tier.minMaxWordBits()
                        + " bits); use keys of tier B3_128 or --word-bits " + tier.minMaxWordBits());
            }
            options = server.options(threadCount, new int[] {a.count()}, new int[0]);
            start = System.nanoTime();
            IzComparator.MinMax minMax = server.run("fhe min", "pairwise min of " + a.count() + " word pairs",
                    options, "use tier B3_128", comparator -> comparator.minMax(a, b));
            result = minMax.min();
            stages = minMax.comparison().stages();
            fields.put("kind", "pairwise");
            fields.put("count", a.count());
        } else {
            EncryptedArray array = server.array(in.get(0));
            options = server.options(threadCount, new int[0], new int[] {array.size()});
            start = System.nanoTime();
            result = server.run("fhe min", "minimum of an array of " + array.size(), options,
                    "the array circuits need about 4 levels more than a comparison: B3_128 holds N = 4 of 16-bit words, "
                            + "B2_96 none; the insecure research tiers T0, T1, B1, B2 hold more",
                    comparator -> comparator.minimum(array));
            fields.put("kind", "array");
            fields.put("size", array.size());
        }
        double millis = ServerSide.millisSince(start);
        server.finish(spec.commandLine().getOut(), json, "min", in, out, CompareCodec.write(result), fields,
                result.ciphertext(), stages, options, millis);
        return 0;
    }
}
