package org.wisekit.kwise.repro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
    void smokeProfileReproducesEveryClaimAndWritesTheReport() throws Exception {
        ClosedFormsReproduction reproduction = new ClosedFormsReproduction();
        Results results = new ReproductionRunner(reports, Profile.SMOKE, 1, null, Progress.SILENT).run(reproduction);

        assertThat(results.id()).isEqualTo("math-kwise/closed-forms");
        assertThat(results.claims()).extracting(Claim::key).contains("near-zero-formula", "near-one-formula",
                "ranges-tight", "certificates", "simplex-equals-enumeration", "joint-law", "exact-solve-60-10");
        assertThat(results.claims()).allSatisfy(c ->
                assertThat(c.verdict()).as(c.key() + ": " + c.measuredText()).isEqualTo(Verdict.REPRODUCED));
        Path out = reports.resolve("math-kwise").resolve("closed-forms");
        for (String file : new String[] {"report.md", "results.json", "m-vs-p-n6-k3.png", "double-lp-error.png",
                "solve-time.png"}) {
            assertThat(out.resolve(file)).as(file).isRegularFile();
        }
        assertThat(Files.readString(out.resolve("report.md"))).contains("reconstruct", "not stated");
        assertThat(reports.resolve("index.md")).isRegularFile();
    }
}
