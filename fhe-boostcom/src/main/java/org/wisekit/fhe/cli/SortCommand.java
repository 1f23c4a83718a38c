package org.wisekit.fhe.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wisekit.fhe.compare.BoostComOptions;
import org.wisekit.fhe.compare.CompareCodec;
import org.wisekit.fhe.compare.EncryptedArray;
import org.wisekit.fhe.compare.EncryptedWords;
import org.wisekit.fhe.compare.IzComparator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit fhe sort --eval-keys DIR --in ARRAY.ct --out SORTED.ct}: server side, no secret key: an
 * encrypted array (encrypt --array) sorted ascending as N encrypted words ({@link IzComparator#sort}). Sorting
 * needs a deeper chain than either secure preset holds (B2_96, B3_128): it is refused there before any work,
 * and runs at the insecure research tiers T0, T1, B1 and B2.
 */
@Command(name = "sort", mixinStandardHelpOptions = true,
        description = {"Server side: sort an encrypted array (encrypt --array), reading only DIR/eval.keys.",
                "Needs more levels than the secure presets hold: runs at the research tiers T0, T1, B1, B2."})
public final class SortCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    FheCommand parent;

    @Option(names = "--eval-keys", required = true, paramLabel = "DIR",
            description = "Key directory holding eval.keys (no secret key is read).")
    Path evalKeys;

    @Option(names = "--in", required = true, paramLabel = "CT", description = "Encrypted array (encrypt --array).")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "CT", description = "Sorted encrypted words to write.")
    Path out;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "2",
            description = "Threads for the BoostCom switches (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        int threadCount = TierOptions.threads(threads);
        ServerSide server = ServerSide.open(evalKeys, parent.progress());
        if (server.keys.minimumSecurityBits() > 0) {
            throw new IllegalArgumentException("sort does not fit tier " + server.tierName + "'s modulus chain: sorting "
                    + "needs more levels than the secure presets B2_96 and B3_128 hold; it runs at the insecure "
                    + "research tiers T0, T1, B1 and B2");
        }
        EncryptedArray array = server.array(in);
        BoostComOptions options = server.options(threadCount, new int[0], new int[] {array.size()});
        long start = System.nanoTime();
        EncryptedWords sorted = server.run("fhe sort", "sorting " + array.size() + " words", options,
                "sorting runs at the research tiers T0, T1, B1 and B2 (the unit tests sort N = 4 and 5 16-bit words at T0)",
                comparator -> comparator.sort(array));
        double millis = ServerSide.millisSince(start);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("size", array.size());
        server.finish(spec.commandLine().getOut(), json, "sort", List.of(in), out, CompareCodec.write(sorted), fields,
                sorted.ciphertext(), null, options, millis);
        return 0;
    }
}
