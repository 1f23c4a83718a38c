package org.wisekit.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text-classification and digits CSV readers on small hand-written files. */
class TextAndCsvFormatsTest {

    @TempDir
    Path temp;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(temp.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void sst2HasAHeaderAndNumericLabels() throws IOException {
        LabeledTexts texts = TextClassification.readSst2(write("sst2.tsv", "sentence\tlabel\ngood fun \t1\ndull\t0\n"));

        assertThat(texts.texts()).containsExactly("good fun", "dull");
        assertThat(texts.labels()).containsExactly(1, 0);
        assertThat(texts.classNames()).containsExactly("negative", "positive");
    }

    @Test
    void sst2RejectsAMissingHeaderAndUnknownLabels() throws IOException {
        Path noHeader = write("a.tsv", "good\t1\n");
        Path badLabel = write("b.tsv", "sentence\tlabel\ngood\t1\nbad\t2\n");

        assertThatThrownBy(() -> TextClassification.readSst2(noHeader)).hasMessageContaining("header");
        assertThatThrownBy(() -> TextClassification.readSst2(badLabel))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining(badLabel.toString())
                .hasMessageContaining("line 3: unknown label '2', expected one of [0, 1]");
    }

    @Test
    void agNewsLabelsAreClassNames() throws IOException {
        LabeledTexts texts = TextClassification.readAgNews(write("ag.tsv", "Stocks fell.\tBusiness\nA goal!\tSports\n"));
        Path noTab = write("bad.tsv", "no label here\n");

        assertThat(texts.labels()).containsExactly(2, 1);
        assertThatThrownBy(() -> TextClassification.readAgNews(noTab)).hasMessageContaining("line 1 is not a labelled text");
    }

    @Test
    void trecKeepsTheCoarseLabel() throws IOException {
        LabeledTexts texts = TextClassification.readTrec(write("trec", "NUM:dist How far is it ?\nABBR:exp What is BMW ?\n"));
        Path noColon = write("bad", "NUM How far ?\n");
        Path latin1 = temp.resolve("latin1");
        Files.write(latin1, new byte[] {'H', 'U', 'M', ':', 'i', 'n', 'd', ' ', 'W', 'h', 'o', (byte) 0xE9, '?', '\n'});

        assertThat(texts.texts()).containsExactly("How far is it ?", "What is BMW ?");
        assertThat(texts.labels()).containsExactly(5, 0);
        assertThatThrownBy(() -> TextClassification.readTrec(noColon)).hasMessageContaining("line 1 is not a labelled text");
        assertThatThrownBy(() -> TextClassification.readTrec(latin1)).hasMessageContaining("is not valid UTF-8");
    }

    private static String digitsRow(String pixel, String label) {
        return String.join(",", Collections.nCopies(64, pixel)) + "," + label + "\n";
    }

    @Test
    void digitsCsvScalesPixelsToUnitRange() throws IOException {
        LabeledImages digits = SklearnDigits.read(write("digits.csv", digitsRow("16", "3") + digitsRow("4.0", "9")));

        assertThat(digits.images().shape()).containsExactly(2, 8, 8);
        assertThat(digits.images().get(0, 7, 7)).isEqualTo(1f);
        assertThat(digits.images().get(1, 0, 0)).isEqualTo(0.25f);
        assertThat(digits.labels()).containsExactly(3, 9);
    }

    @Test
    void digitsCsvRejectsBadCells() throws IOException {
        Path text = write("a.csv", digitsRow("0", "1") + digitsRow("x", "1"));
        Path shortRow = write("b.csv", "1,2,3\n");
        Path badLabel = write("c.csv", digitsRow("0", "10"));
        Path badPixel = write("d.csv", digitsRow("17", "1"));

        assertThatThrownBy(() -> SklearnDigits.read(text))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining(text.toString())
                .hasMessageContaining("line 2, column 1: 'x' is not a number");
        assertThatThrownBy(() -> SklearnDigits.read(shortRow)).hasMessageContaining("line 1 has 3 cells, expected 65");
        assertThatThrownBy(() -> SklearnDigits.read(badLabel)).hasMessageContaining("column 65: 10 is not an integer in 0..9");
        assertThatThrownBy(() -> SklearnDigits.read(badPixel)).hasMessageContaining("17 is not an integer in 0..16");
    }

    @Test
    void fortunesSplitOnPercentLinesAndKeepInnerLineBreaks() throws IOException {
        Path file = write("cookies", "First.\n%\nSecond,\n  indented.\n\n%\n%\nLast\n%\n");

        assertThat(Fortunes.read(file)).containsExactly("First.", "Second,\n  indented.", "Last");
    }

    @Test
    void fortunesRejectNonUtf8AndEmptyFiles() throws IOException {
        Path latin1 = Files.write(temp.resolve("latin1"), new byte[] {'c', 'a', 'f', (byte) 0xe9});
        Path empty = write("empty", "%\n%\n");

        assertThatThrownBy(() -> Fortunes.read(latin1)).isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("is not UTF-8 text");
        assertThatThrownBy(() -> Fortunes.read(empty)).hasMessageContaining("holds no fortune entries");
    }

    @Test
    void mnistJsonHoldsWholeImagesInUnitRange() throws IOException {
        String image = String.join(",", Collections.nCopies(784, "0.5"));
        Path ok = write("ok.json", "{ \"data\": [" + image + "," + image + "] }");
        Path partial = write("partial.json", "{\"data\": [0, 1, 0.5]}");
        Path outOfRange = write("range.json", "{\"data\": [" + image.replaceFirst("0.5", "1.5") + "]}");
        Path notJson = write("x.json", "<html>");

        assertThat(MnistJson.parse(ok, Files.readAllBytes(ok))).hasSize(2 * 784).containsOnly(0.5f);
        assertThatThrownBy(() -> MnistJson.parse(partial, Files.readAllBytes(partial)))
                .hasMessageContaining("holds 3 values, not a positive multiple of 784");
        assertThatThrownBy(() -> MnistJson.parse(outOfRange, Files.readAllBytes(outOfRange)))
                .hasMessageContaining("value 0 is 1.5, outside [0, 1]");
        assertThatThrownBy(() -> MnistJson.parse(notJson, Files.readAllBytes(notJson)))
                .isInstanceOf(MalformedDataException.class).hasMessageContaining("has no \"data\": [...] array");
    }
}
