package org.wisekit.lmbd.repro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.datasets.Dataset;
import org.wisekit.datasets.testing.RealData;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Profile;
import org.wisekit.harness.Progress;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.ReproductionRunner;
import org.wisekit.harness.Results;
import org.wisekit.harness.Verdict;

class ScalingReproductionTest {

    @TempDir
    Path reports;

    @Test
    void isRegisteredAndTheSmokeProfileWritesTheReport() throws Exception {
        RealData.load(d -> d.verifiedPath(Dataset.MOLECULES, "molecules/x23/06benzene/POSCAR"));
        RealData.load(d -> d.verifiedPath(Dataset.S22, "s22.json"));
        RealData.load(d -> d.verifiedPath(Dataset.S66, "S66.py"));
        Reproduction study = ServiceLoader.load(Reproduction.class).stream().map(ServiceLoader.Provider::get)
                .filter(r -> r.id().equals("chem-lmbd/scaling")).findFirst().orElseThrow();
        Results results = new ReproductionRunner(reports, Profile.SMOKE, 1, null, Progress.SILENT).run(study);

        Map<String, Claim> claims = results.claims().stream().collect(Collectors.toMap(Claim::key, Function.identity()));
        assertThat(claims).containsOnlyKeys("libmbd-rsscs", "libmbd-plain", "libmbd-ts", "libmbd-benzene",
                "exact-limit", "x23-default-error", "rmbd-monotone-total", "rmbd-monotone-locality", "lmbd-slope",
                "full-slope", "parallel-2", "ml-volumes", "dft-fraction");
        for (String key : new String[] {"libmbd-rsscs", "libmbd-plain", "libmbd-ts"}) {
            assertThat(claims.get(key).verdict()).as(key).isEqualTo(Verdict.REPRODUCED);
        }
        assertThat(claims.get("exact-limit").verdict()).isEqualTo(Verdict.INVARIANT);
        assertThat(claims.get("ml-volumes").verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
        for (Claim claim : results.claims()) {
            if (claim.rule() != null && claim.measured() != null) {
                assertThat(claim.verdict()).as(claim.key()).isEqualTo(claim.rule().check(claim.measured()));
            }
        }
        Path folder = reports.resolve("chem-lmbd/scaling/smoke");
        assertThat(Files.readString(folder.resolve("report.md"))).contains("libMBD", "S22", "X23");
        assertThat(folder.resolve("time-vs-n.png")).exists();
        assertThat(folder.resolve("error-vs-rmbd.png")).exists();
    }
}
