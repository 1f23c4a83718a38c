package org.wisekit.bench.fhe;

import java.util.List;
import java.util.Locale;
import org.wisekit.bench.BenchSuite;
import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.bgv.SecurityEstimate;
import org.wisekit.fhe.compare.ComparisonTier;
import org.wisekit.fhe.compare.WordFormat;

/**
 * The {@code fhe-compare} suite (FheCompare): a fully packed Iliashenko-Zucca comparison at the secure presets, the
 * single-thread baseline against BoostCom-CPU on 2 threads, same ciphertexts; the notes give each preset's moduli,
 * security and words per batch (for the time per integer) beside HElib 2.3.0 + IZ's figure at the same p, m and
 * word size from {@code shared/anchors}.
 */
public final class FheCompareSuite implements BenchSuite {

    @Override
    public String name() {
        return "fhe-compare";
    }

    @Override
    public String description() {
        return "IZ word comparison, single-thread baseline vs BoostCom-CPU on 2 threads: a fully packed 64-bit "
                + "comparison at the 96-bit preset B2_96 (-p tier=B3_128 for the 128-bit preset)";
    }

    @Override
    public String includePattern() {
        return "org\\.wisekit\\.bench\\.fhe\\.FheCompareBenchmark\\..*";
    }

    /** The baseline is single-threaded whatever the count; BoostCom's parallel switches need 2. */
    @Override
    public List<Integer> threadCounts() {
        return List.of(2);
    }

    @Override
    public List<Ratio> ratios() {
        return List.of(new Ratio("BoostCom (2 threads) / IZ baseline (1 thread), packed compare", "packedBoostCom",
                "packedBaseline"));
    }

    @Override
    public String notes() {
        StringBuilder sb = new StringBuilder("| preset | p, m, words | words per batch | log2 Q | log2 QP | security "
                + "(HE standard / HElib formula) | HElib 2.3.0 + IZ, 1 thread (shared/anchors, another machine) |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (ComparisonTier tier : List.of(ComparisonTier.B2_96, ComparisonTier.B3_128)) {
            BgvParameters parameters = tier.parameters();
            WordFormat format = WordFormat.of(parameters, tier.defaultWordBits());
            SecurityEstimate security = parameters.security();
            sb.append(String.format(Locale.ROOT, "| %s | %d, %d, %d-bit | %d | %.1f | %.1f | %.1f / %.1f bits | %s |%n",
                    tier, parameters.plaintextModulus(), parameters.m(), format.wordBits(),
                    format.capacity(parameters), parameters.log2Modulus(parameters.maxLevel()), security.log2Modulus(),
                    security.heStandardBits(), security.helibBits(), tier == ComparisonTier.B2_96
                            ? "12.06 s per batch, 8.37 ms per integer, log2 Q 463.4, 86.1 bits (HElib's estimate)"
                            : "not measured (IZ published 30.69 s on a 3.1 GHz laptop, 146 bits)"));
        }
        return sb.append("\nms per integer = ms/op / words per batch. The anchor is from another machine of this "
                + "kind: set it beside these scores as orientation, or rerun HElib on this machine.\n").toString();
    }
}
