package org.wisekit.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.harness.testing.MonteCarloPiReproduction;

class ReproductionRunnerTest {

    @TempDir
    Path reports;

    @Test
    void writesReportJsonPlotAndIndex() throws Exception {
        ReproductionRunner runner = new ReproductionRunner(reports, Profile.SMOKE, 7, null, Progress.SILENT);
        Results r = runner.run(new MonteCarloPiReproduction());

        Path dir = reports.resolve("harness-test/monte-carlo-pi/smoke");
        assertThat(r.claims()).extracting(Claim::verdict).containsExactly(Verdict.REPRODUCED, Verdict.OUT_OF_SCOPE);

        JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).startsWith("schemaVersion", "id", "module", "profile", "seed", "durationSeconds", "commit",
                "machine", "datasets", "claims");
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(Results.SCHEMA_VERSION);
        // the tests run inside the project's git checkout
        assertThat(json.get("commit").asText()).matches("[0-9a-f]{40}");
        assertThat(json.get("machine").get("cpu").asText()).isNotBlank();
        assertThat(json.get("id").asText()).isEqualTo(MonteCarloPiReproduction.ID);
        assertThat(json.get("module").asText()).isEqualTo("harness-test");
        assertThat(json.get("profile").asText()).isEqualTo("smoke");
        assertThat(json.get("seed").asLong()).isEqualTo(7);
        assertThat(json.get("machine").get("cores").asInt()).isPositive();
        JsonNode claim = json.get("claims").get(0);
        assertThat(claim.get("measured").isNumber()).isTrue();
        // the rule is machine-readable: re-checking the measurement against it gives the same verdict
        Threshold rule = new Threshold(claim.get("rule").get("comparator").asText(), claim.get("rule").get("value").asDouble(),
                claim.get("rule").get("tolerance").asDouble());
        assertThat(rule.check(claim.get("measured").asDouble()).name()).isEqualTo(claim.get("verdict").asText());
        assertThat(claim.get("verdict").asText()).isEqualTo("REPRODUCED");
        assertThat(json.get("claims").get(1).get("measured").isNull()).isTrue();

        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("| The estimate is within 0.05 of pi |", "**REPRODUCED**", "![", "convergence.png",
                "| samples | estimate |");
        byte[] png = Files.readAllBytes(dir.resolve("convergence.png"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');

        String index = Files.readString(reports.resolve("index.md"));
        assertThat(index).contains("[harness-test/monte-carlo-pi](harness-test/monte-carlo-pi/smoke/report.md)",
                "## Profile `smoke`",
                "| harness-test | 1 | 0 | 0 | 0 | 0 | 1 | 0 of 0 | 1 of 1 (100 %) |",
                "| **total** | 1 | 0 | 0 | 0 | 0 | 1 | 0 of 0 | 1 of 1 (100 %) |");
        try (Stream<Path> files = Files.walk(reports)) {
            assertThat(files.map(Path::toString)).noneMatch(p -> p.endsWith(".tmp"));
        }
    }

    @Test
    void sameSeedGivesTheSameMeasurement() throws Exception {
        Results a = new ReproductionRunner(reports.resolve("a"), Profile.SMOKE, 3, null, Progress.SILENT)
                .run(new MonteCarloPiReproduction());
        Results b = new ReproductionRunner(reports.resolve("b"), Profile.SMOKE, 3, null, Progress.SILENT)
                .run(new MonteCarloPiReproduction());
        assertThat(a.claims().get(0).measured()).isEqualTo(b.claims().get(0).measured());
    }

    @Test
    void resultsRoundTripThroughJson() throws Exception {
        Results r = new ReproductionRunner(reports, Profile.SMOKE, 1, null, Progress.SILENT).run(new MonteCarloPiReproduction());
        Results back = Results.read(reports.resolve("harness-test/monte-carlo-pi/smoke/results.json"));
        assertThat(back).isEqualTo(r);
    }

    @Test
    void malformedResultsFileIsNamed() throws Exception {
        Path bad = reports.resolve("m/x/default/results.json");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, "{not json");
        assertThatThrownBy(() -> ReportIndex.refresh(reports))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad.toString());
    }

    @Test
    void reproductionWithoutClaimsFails() {
        Reproduction empty = new Reproduction() {
            @Override public String id() { return "t/empty"; }
            @Override public String title() { return "t"; }
            @Override public String paper() { return "p"; }
            @Override public List<Claim> run(RunContext c) { return List.of(); }
        };
        assertThatThrownBy(() -> new ReproductionRunner(reports, Profile.SMOKE, 1, null, Progress.SILENT).run(empty))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("t/empty returned no claims");
        assertThat(reports.resolve("t/empty/smoke/results.json")).doesNotExist();
        assertThat(reports.resolve("t/empty")).isEmptyDirectory();
    }

    @Test
    void selectionByIdModuleAndAll() {
        Reproductions reg = Reproductions.discover();
        assertThat(reg.all()).extracting(Reproduction::id).contains(MonteCarloPiReproduction.ID);
        assertThat(reg.select("harness-test")).hasSize(1);
        assertThat(reg.select(MonteCarloPiReproduction.ID)).hasSize(1);
        assertThat(reg.select("all")).isEqualTo(reg.all());
        assertThatThrownBy(() -> reg.select("nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope'").hasMessageContaining("wisekit list");
        assertThatThrownBy(() -> Reproductions.of(List.of(new MonteCarloPiReproduction(), new MonteCarloPiReproduction())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("share the id");
    }

    @Test
    void reportRejectsBadTablesAndPlotNames() {
        Report report = new RunContext(1, Profile.SMOKE, null, reports, Progress.SILENT).report();
        assertThatThrownBy(() -> report.table("t", List.of("a", "b"), List.of(List.of("1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0 has 1 cells");
        assertThatThrownBy(() -> report.plot("Bad Name", Plots.xy("t", "x", "y"), ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Bad Name");
    }
}
