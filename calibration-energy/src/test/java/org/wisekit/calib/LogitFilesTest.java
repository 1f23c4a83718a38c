package org.wisekit.calib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.datasets.io.Npy;

class LogitFilesTest {

    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void readsCsvWithHeaderCommentsAndBlankLines() throws IOException {
        Path file = csv("val.csv", "# logits\nlabel,logit_0,logit_1,logit_2\n2, 0.5,-1,3.25e1\n\n0,1,2,3\n");
        Logits logits = LogitFiles.readLabelled(file);
        assertThat(logits.classes()).isEqualTo(3);
        assertThat(logits.labels()).containsExactly(2, 0);
        assertThat(logits.values()).containsExactly(0.5, -1, 32.5, 1, 2, 3);
        assertThat(LogitFiles.readLabelled(csv("plain.csv", "1,0,0\n1.0,2,2\n")).labels()).containsExactly(1, 1);
    }

    @Test
    void readsNpyFloat32AndFloat64() throws IOException {
        double[] table = {1, 0.5, -0.25, 0, 2, 4};
        float[] narrow = {1, 0.5f, -0.25f, 0, 2, 4};
        Path f8 = Files.write(dir.resolve("t8.npy"), Npy.writeFloat64(table, 2, 3));
        Path f4 = Files.write(dir.resolve("t4.npy"), Npy.writeFloat32(narrow, 2, 3));
        for (Path file : new Path[] {f8, f4}) {
            Logits logits = LogitFiles.readLabelled(file);
            assertThat(logits.labels()).as(file.toString()).containsExactly(1, 0);
            assertThat(logits.values()).as(file.toString()).containsExactly(0.5, -0.25, 2, 4);
        }
    }

    @Test
    void oodFilesMayOmitTheLabelColumn() throws IOException {
        assertThat(LogitFiles.readOutOfDistribution(csv("ood.csv", "1,2,3\n4,5,6\n"), 3).labels())
                .containsExactly(Logits.NO_CLASS, Logits.NO_CLASS);
        Logits withColumn = LogitFiles.readOutOfDistribution(csv("ood2.csv", "9,1,2,3\n"), 3);
        assertThat(withColumn.values()).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> LogitFiles.readOutOfDistribution(csv("ood3.csv", "1,2\n"), 3))
                .hasMessageContaining("ood3.csv:1").hasMessageContaining("expected 4 columns");
    }

    @Test
    void malformedCsvNamesTheFileAndLine() throws IOException {
        assertThatThrownBy(() -> LogitFiles.readLabelled(csv("cols.csv", "0,1,2\n1,1,2\n0,1\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cols.csv:3").hasMessageContaining("expected 3 columns").hasMessageContaining("found 2");
        assertThatThrownBy(() -> LogitFiles.readLabelled(csv("nan.csv", "h,a,b\n0,1,2\n1,nan,2\n")))
                .hasMessageContaining("nan.csv:3").hasMessageContaining("NaN");
        assertThatThrownBy(() -> LogitFiles.readLabelled(csv("inf.csv", "0,1,-Infinity\n")))
                .hasMessageContaining("inf.csv:1").hasMessageContaining("-inf");
        assertThatThrownBy(() -> LogitFiles.readLabelled(csv("range.csv", "0,1,2\n2,1,2\n")))
                .hasMessageContaining("range.csv:2").hasMessageContaining("label 2 is outside 0..1");
        assertThatThrownBy(() -> LogitFiles.readLabelled(csv("neg.csv", "-1,1,2\n")))
                .hasMessageContaining("neg.csv:1").hasMessageContaining("outside");
        assertThatThrownBy(() -> LogitFiles.readLabelled(csv("frac.csv", "0.5,1,2\n")))
                .hasMessageContaining("frac.csv:1").hasMessageContaining("not an integer");
        assertThatThrownBy(() -> LogitFiles.readLabelled(csv("text.csv", "0,1,2\n1,abc,2\n")))
                .hasMessageContaining("text.csv:2").hasMessageContaining("('abc') is not a number");
        assertThatThrownBy(() -> LogitFiles.readLabelled(csv("empty.csv", "")))
                .hasMessageContaining("empty.csv").hasMessageContaining("no data rows");
        assertThatThrownBy(() -> LogitFiles.readLabelled(csv("header.csv", "label,a,b\n\n")))
                .hasMessageContaining("no data rows");
        assertThatThrownBy(() -> LogitFiles.readLabelled(csv("narrow.csv", "0,1\n")))
                .hasMessageContaining("narrow.csv:1").hasMessageContaining("at least 2 logits");
        assertThatThrownBy(() -> LogitFiles.readLabelled(csv("cell.csv", "0,1,\n")))
                .hasMessageContaining("cell.csv:1").hasMessageContaining("column 3 is empty");
        assertThatThrownBy(() -> LogitFiles.readLabelled(csv("test.csv", "0,1,2,3\n"), 2))
                .hasMessageContaining("test.csv:1").hasMessageContaining("expected 3 columns");
        assertThatThrownBy(() -> LogitFiles.readLabelled(dir.resolve("missing.csv")))
                .hasMessageContaining("missing.csv: no such file");
    }

    @Test
    void malformedNpyNamesTheFileAndRow() throws IOException {
        Path nan = Files.write(dir.resolve("nan.npy"), Npy.writeFloat64(new double[] {0, 1, 2, 1, Double.NaN, 2}, 2, 3));
        assertThatThrownBy(() -> LogitFiles.readLabelled(nan)).hasMessageContaining("nan.npy: row 2").hasMessageContaining("NaN");
        Path label = Files.write(dir.resolve("label.npy"), Npy.writeFloat32(new float[] {7, 1, 2}, 1, 3));
        assertThatThrownBy(() -> LogitFiles.readLabelled(label)).hasMessageContaining("label.npy: row 1")
                .hasMessageContaining("outside 0..1");
        byte[] full = Npy.writeFloat64(new double[] {0, 1, 2}, 1, 3);
        Path truncated = Files.write(dir.resolve("short.npy"), java.util.Arrays.copyOf(full, full.length - 3));
        assertThatThrownBy(() -> LogitFiles.readLabelled(truncated)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("short.npy").hasMessageContaining("bytes of data");
        Path empty = Files.write(dir.resolve("empty.npy"), Npy.writeFloat64(new double[0], 0, 3));
        assertThatThrownBy(() -> LogitFiles.readLabelled(empty)).hasMessageContaining("empty.npy: no data rows");
        Path junk = Files.writeString(dir.resolve("junk.npy"), "not numpy at all");
        assertThatThrownBy(() -> LogitFiles.readLabelled(junk)).hasMessageContaining("junk.npy: not an .npy file");
    }

    @Test
    void writesProbabilitiesAsCsvOrNpyAtomically() throws IOException {
        Probabilities p = new Probabilities(2, new double[] {0.25, 0.75, 1, 0});
        Path csvOut = dir.resolve("p.csv");
        LogitFiles.writeProbabilities(csvOut, p);
        assertThat(Files.readAllLines(csvOut)).containsExactly("p_0,p_1", "0.25,0.75", "1.0,0.0");
        Path npyOut = dir.resolve("p.npy");
        LogitFiles.writeProbabilities(npyOut, p);
        Npy.Array2d back = Npy.read(Files.readAllBytes(npyOut), "p.npy");
        assertThat(back.rows()).isEqualTo(2);
        assertThat(back.values()).containsExactly(new double[] {0.25, 0.75, 1, 0}, within(0.0));
        assertThat(Files.list(dir).map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }

    @Test
    void readsUnlabelledLogitsAndChecksTheClassCount() throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("unlabelled");
        try {
            java.nio.file.Path csv = java.nio.file.Files.writeString(dir.resolve("z.csv"), "a,b,c\n1,2,3\n# note\n\n-1,0.5,2e1\n");
            Logits z = LogitFiles.readUnlabelled(csv, 3);
            assertThat(z.size()).isEqualTo(2);
            assertThat(z.values()).containsExactly(1, 2, 3, -1, 0.5, 20);
            assertThat(z.labels()).containsExactly(Logits.NO_CLASS, Logits.NO_CLASS);
            java.nio.file.Path npy = java.nio.file.Files.write(dir.resolve("z.npy"),
                    org.wisekit.datasets.io.Npy.writeFloat64(new double[] {1, 2, 3, 4, 5, 6}, 3, 2));
            assertThat(LogitFiles.readUnlabelled(npy, 2).values()).containsExactly(1, 2, 3, 4, 5, 6);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogitFiles.readUnlabelled(npy, 3))
                    .hasMessage(npy + ": row 1: expected 3 columns (one logit per class of the calibrator), found 2");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogitFiles.readUnlabelled(csv, 2))
                    .hasMessageContaining("z.csv:2: expected 2 columns").hasMessageContaining("remove the label column");
            java.nio.file.Path nan = java.nio.file.Files.writeString(dir.resolve("nan.csv"), "1,2\n3,nan\n");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogitFiles.readUnlabelled(nan, 2))
                    .hasMessage(nan + ":2: logit 1 is NaN; logits must be finite");
            java.nio.file.Path ragged = java.nio.file.Files.writeString(dir.resolve("ragged.csv"), "1,2\n3\n");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogitFiles.readUnlabelled(ragged, 2))
                    .hasMessageContaining("ragged.csv:2: expected 2 columns like the first row, found 1");
            java.nio.file.Path empty = java.nio.file.Files.writeString(dir.resolve("empty.csv"), "a,b\n");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogitFiles.readUnlabelled(empty, 2))
                    .hasMessage(empty + ": no data rows");
        } finally {
            try (var files = java.nio.file.Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
