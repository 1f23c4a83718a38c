package org.wisekit.dfmsd.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wisekit.dfmsd.coco.CocoDataset;
import org.wisekit.dfmsd.coco.CocoFiles;

/**
 * Golden values from pycocotools 2.0.11 itself ({@code COCOeval(gt, dt, "bbox")}, numbers in
 * {@code pycocotools/expected.tsv}) on nine random COCO file pairs with crowds, score ties, integer boxes (IoU
 * ties), custom area bounds and small {@code maxDets}; read through {@link CocoFiles}.
 */
class CocoEvaluatorPycocotoolsTest {

    @Test
    void equalsPycocotoolsOnRecordedCases() throws IOException, URISyntaxException {
        Path folder = Path.of(getClass().getResource("pycocotools/expected.tsv").toURI()).getParent();
        int cases = 0;
        for (String line : Files.readAllLines(folder.resolve("expected.tsv"))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            String name = "case" + f[0];
            List<Integer> maxDets = new ArrayList<>();
            for (String m : f[3].split(",")) {
                maxDets.add(Integer.parseInt(m));
            }
            EvalSettings coco = EvalSettings.coco();
            EvalSettings s = new EvalSettings(coco.iouThresholds(), coco.recallPoints(), maxDets,
                    Double.parseDouble(f[1]), Double.parseDouble(f[2]));
            CocoDataset gt = CocoFiles.readDataset(folder.resolve(name + "-gt.json"));
            List<Detection> dt = CocoFiles.readResults(folder.resolve(name + "-dt.json"), gt);
            CocoMetrics m = new CocoEvaluator(s).evaluate(gt.groundTruths(), dt, gt.imageIds(), gt.categoryIds());
            double[] stats = m.stats();
            for (int i = 0; i < 12; i++) {
                assertThat(stats[i]).as("%s %s", name, CocoMetrics.STAT_NAMES.get(i))
                        .isCloseTo(Double.parseDouble(f[4 + i]), within(1e-12));
            }
            for (String kv : f[16].split(",")) {
                String[] p = kv.split(":");
                assertThat(m.perCategoryAp().get(Integer.parseInt(p[0]))).as("%s category %s", name, p[0])
                        .isCloseTo(Double.parseDouble(p[1]), within(1e-12));
            }
            cases++;
        }
        assertThat(cases).isEqualTo(9);
    }
}
