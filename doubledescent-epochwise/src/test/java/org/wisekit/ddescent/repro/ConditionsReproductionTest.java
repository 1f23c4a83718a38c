package org.wisekit.ddescent.repro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.datasets.testing.RealData;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Profile;
import org.wisekit.harness.Progress;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.ReproductionRunner;
import org.wisekit.harness.Results;
import org.wisekit.harness.Verdict;

/** The smoke profile of {@code doubledescent-epochwise/conditions}: claims, verdicts that hold at any size, plots. */
class ConditionsReproductionTest {

    @TempDir
    Path reports;

    @Test
    void isRegisteredAndTheSmokeProfileWritesTheReport() throws Exception {
        RealData.load(d -> d.sklearnDigits());
        Reproduction study = ServiceLoader.load(Reproduction.class).stream().map(ServiceLoader.Provider::get)
                .filter(r -> r.id().equals("doubledescent-epochwise/conditions")).findFirst().orElseThrow();
        ReproductionRunner runner = new ReproductionRunner(reports, Profile.SMOKE, 1, null, Progress.SILENT);
        Results results = runner.run(study);
        assertThat(results.claims()).extracting(Claim::key).startsWith("gd-vs-closed-form", "ode-vs-closed-form",
                "fixture-pattern", "fixture-pattern-strict", "gamma-sweep", "conditions-necessary");
        // the closed form, the ODE and the fixtures do not depend on the profile's sizes
        assertThat(claim(results, "ode-vs-closed-form").verdict()).isEqualTo(Verdict.INVARIANT);
        assertThat(claim(results, "conditions-necessary").verdict()).isEqualTo(Verdict.INVARIANT);
        for (String key : List.of("fixture-pattern", "gamma-sweep")) {
            assertThat(claim(results, key).verdict()).as(key).isEqualTo(Verdict.REPRODUCED);
        }
        Path out = runner.outputDirectory(study);
        for (String file : List.of("report.md", "results.json", "gd-vs-theory.png", "fixtures.png", "gamma-sweep.png")) {
            assertThat(out.resolve(file)).isRegularFile();
        }
        assertThat(Files.readString(out.resolve("report.md"))).contains("Reconstructed", "second descent",
                "Random configurations");
    }

    private static Claim claim(Results results, String key) {
        return results.claims().stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow();
    }
}
