package org.wisekit.kwise.repro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Profile;
import org.wisekit.harness.Progress;
import org.wisekit.harness.ReproductionRunner;
import org.wisekit.harness.Results;
import org.wisekit.harness.Verdict;

class ClosedFormsReproductionTest {

    @TempDir
    Path reports;

    @Test
    void smokeProfileChecksTheClosedFormsSeparatesInvariantsAndWritesTheReport() throws Exception {
        ClosedFormsReproduction reproduction = new ClosedFormsReproduction();
        Results results = new ReproductionRunner(reports, Profile.SMOKE, 1, null, Progress.SILENT).run(reproduction);

        assertThat(results.id()).isEqualTo("math-kwise/closed-forms");
        Map<String, Claim> claims = results.claims().stream().collect(Collectors.toMap(Claim::key, Function.identity()));
        assertThat(claims).containsOnlyKeys("near-zero-formula", "near-one-formula", "ranges-tight", "certificates",
                "simplex-equals-enumeration", "joint-law", "invariants", "reference-values", "double-lp-goes-wrong",
                "double-lp-12-6", "exact-solve-60-10");
        // closed forms checked against an independent exact LP: genuine checks of the (reconstructed) paper
        for (String key : new String[] {"near-zero-formula", "near-one-formula", "ranges-tight"}) {
            assertThat(claims.get(key).verdict()).as(key).isEqualTo(Verdict.REPRODUCED);
            assertThat(claims.get(key).rule()).as(key).isNotNull();
        }
        // checks that hold by construction when the code is right: invariants, never counted as reproduced
        for (String key : new String[] {"certificates", "simplex-equals-enumeration", "joint-law", "invariants",
                "reference-values"}) {
            assertThat(claims.get(key).verdict()).as(key).isEqualTo(Verdict.INVARIANT);
            assertThat(claims.get(key).measured()).as(key).isEqualTo(0.0);
        }
        // the double baseline is the tuned one; its verdict is re-checkable from the recorded rule
        Claim doubleLp = claims.get("double-lp-goes-wrong");
        assertThat(doubleLp.statement()).contains("epsilon 1.0E-9", "rows scaled");
        assertThat(doubleLp.unit()).isEqualTo("% of points");
        assertThat(doubleLp.rule().comparator()).isEqualTo(">=");
        assertThat(doubleLp.rule().value()).isEqualTo(5.0);
        assertThat(doubleLp.verdict()).isEqualTo(doubleLp.rule().check(doubleLp.measured()));
        assertThat(doubleLp.measured()).isBetween(0.0, 100.0);
        // the note's (12, 6, 1/100) failure does not happen with Commons Math: NOT_REPRODUCED
        assertThat(claims.get("double-lp-12-6").verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
        assertThat(claims.get("double-lp-12-6").measured()).isLessThan(1e-6);
        // timing over repeats (one at smoke)
        Claim timing = claims.get("exact-solve-60-10");
        assertThat(timing.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(timing.seeds()).isNotNull();
        assertThat(timing.statement()).endsWith("(one seed)");

        Path out = reports.resolve("math-kwise").resolve("closed-forms").resolve("smoke");
        for (String file : new String[] {"report.md", "results.json", "m-vs-p-n6-k3.png", "double-lp-error.png",
                "solve-time.png"}) {
            assertThat(out.resolve(file)).as(file).isRegularFile();
        }
        assertThat(Files.readString(out.resolve("report.md"))).contains("reconstruct", "not stated");
        assertThat(reports.resolve("index.md")).isRegularFile();
    }
}
