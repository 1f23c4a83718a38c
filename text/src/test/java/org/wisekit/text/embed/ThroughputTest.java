package org.wisekit.text.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.wisekit.datasets.Split;
import org.wisekit.datasets.testing.RealData;
import org.wisekit.text.onnx.MiniLmOnnx;

/**
 * Texts per second of both backends on 200 TREC test questions (a measurement, not a check: off unless
 * {@code -Dwisekit.throughput=true}; prints the backends' largest difference and one line per setting). One warm-up pass, then the best of three.
 */
@EnabledIfSystemProperty(named = "wisekit.throughput", matches = "true")
class ThroughputTest {

    @Test
    void textsPerSecond() {
        List<String> texts = RealData.load(d -> d.trec(Split.TEST)).texts().subList(0, 200);
        MiniLmFiles files = MiniLmFiles.fromClasspath();
        try (SentenceEncoder java = SentenceEncoders.miniLm(SentenceEncoders.Backend.JAVA, files);
             SentenceEncoder onnx = SentenceEncoders.miniLm(SentenceEncoders.Backend.ONNX, files)) {
            System.out.printf(Locale.ROOT, "java vs onnx on %d TREC questions: max abs difference %.3g%n", texts.size(),
                    SentenceEncodersTest.maxAbsDiff(java.encode(texts), onnx.encode(texts)));
        }
        measure("java", SentenceEncoders.miniLm(SentenceEncoders.Backend.JAVA, files), texts);
        for (int threads : new int[] {0, 1, 2}) {
            for (int batch : new int[] {1, 8, 32}) {
                measure("onnx threads " + threads + " batch " + batch, MiniLmOnnx.open(files, batch, threads), texts);
            }
        }
    }

    private static void measure(String name, SentenceEncoder encoder, List<String> texts) {
        try (encoder) {
            encoder.encode(texts);
            double best = Double.MAX_VALUE;
            for (int r = 0; r < 3; r++) {
                long t0 = System.nanoTime();
                float[][] v = encoder.encode(texts);
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                assertThat(v).hasNumberOfRows(texts.size());
            }
            System.out.printf(Locale.ROOT, "throughput %-28s %8.1f texts/s (%d texts in %.3f s)%n", name,
                    texts.size() / best, texts.size(), best);
        }
    }
}
