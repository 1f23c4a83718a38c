package org.wisekit.eeg.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wisekit.datasets.Dataset;
import org.wisekit.datasets.testing.RealData;

class ArffTest {

    private static final String NAME = "t.arff";

    @Test
    void realEyeStateFile() {
        Path file = RealData.load(d -> d.verifiedPath(Dataset.EEG, "eeg/uci-eeg-eye-state/EEG Eye State.arff"));
        ArffData data = Arff.read(file);
        assertThat(data.relation()).isEqualTo("EEG_DATA");
        assertThat(data.rowCount()).isEqualTo(14980);
        assertThat(data.attributeCount()).isEqualTo(14);
        assertThat(data.attributeNames()).containsExactly("AF3", "F7", "F3", "FC5", "T7", "P7", "O1", "O2", "P8", "T8",
                "FC6", "F4", "F8", "AF4");
        assertThat(data.classAttribute()).isEqualTo("eyeDetection");
        assertThat(data.classNames()).containsExactly("0", "1");
        assertThat(data.classCounts()).containsExactly(8257, 6723);
        // first data line: 4329.23,4009.23,4289.23,...,4393.85,0
        assertThat(data.rows()[0][0]).isEqualTo(4329.23);
        assertThat(data.rows()[0][13]).isEqualTo(4393.85);
        assertThat(data.labels()[0]).isZero();
        double[][] columns = data.columns();
        assertThat(columns).hasNumberOfRows(14);
        assertThat(columns[13][0]).isEqualTo(4393.85);
        assertThat(columns[5][14979]).isEqualTo(data.rows()[14979][5]);
    }

    @Test
    void readsCommentsQuotesAndKeywordsInAnyCase() {
        String text = """
                % a comment
                @Relation 'my data'

                @ATTRIBUTE 'first col' numeric
                @attribute b REAL
                @attribute c Integer
                @attribute class {'no', yes}
                @DATA
                % another comment
                1.5, -2e3 ,7,yes
                0,0.25,1,'no'
                """;
        ArffData d = Arff.parse(text, NAME, null);
        assertThat(d.relation()).isEqualTo("my data");
        assertThat(d.attributeNames()).containsExactly("first col", "b", "c");
        assertThat(d.classNames()).containsExactly("no", "yes");
        assertThat(d.rows()[0]).containsExactly(1.5, -2000.0, 7.0);
        assertThat(d.rows()[1]).containsExactly(0.0, 0.25, 1.0);
        assertThat(d.labels()).containsExactly(1, 0);
    }

    @Test
    void classAttributeAnywhereAndByName() {
        String text = "@relation r\n@attribute y {a,b}\n@attribute x numeric\n@attribute z {u,v}\n@data\nb,1,u\n";
        assertThatThrownBy(() -> Arff.parse(text, NAME, null)).isInstanceOf(EegFormatException.class)
                .hasMessage(NAME + ": several nominal attributes ('y', 'z'); name the class attribute");
        String two = "@relation r\n@attribute y {a,b}\n@attribute x numeric\n@data\nb,1\na,2\n";
        ArffData d = Arff.parse(two, NAME, "y");
        assertThat(d.attributeNames()).containsExactly("x");
        assertThat(d.labels()).containsExactly(1, 0);
        assertThat(d.columns()[0]).containsExactly(1.0, 2.0);
    }

    @Test
    void missingClassAttributeNamesFileAndLine() {
        String text = "@relation r\n@attribute x numeric\n@attribute y numeric\n\n@data\n1,2\n";
        assertThatThrownBy(() -> Arff.parse(text, NAME, null)).isInstanceOf(EegFormatException.class)
                .hasMessage(NAME + ": no nominal class attribute among the 2 attributes (line 5, @data); a class attribute"
                        + " {a,b,...} is required");
        assertThatThrownBy(() -> Arff.parse(text, NAME, "label")).hasMessage(NAME
                + ": class attribute 'label' is not declared; attributes: [x, y]");
        assertThatThrownBy(() -> Arff.parse(text, NAME, "x")).hasMessageContaining("class attribute 'x' is numeric");
    }

    @Test
    void badRowsNameTheLine() {
        String head = "@relation r\n@attribute x numeric\n@attribute y numeric\n@attribute c {0,1}\n@data\n1,2,0\n";
        assertThatThrownBy(() -> Arff.parse(head + "1,2\n", NAME, null)).isInstanceOf(EegFormatException.class)
                .hasMessage(NAME + ": line 7: 2 values, expected 3 (one per @attribute)");
        assertThatThrownBy(() -> Arff.parse(head + "1,?,1\n", NAME, null))
                .hasMessage(NAME + ": line 7, attribute 'y': missing value '?' is not supported");
        assertThatThrownBy(() -> Arff.parse(head + "1,2,2\n", NAME, null))
                .hasMessage(NAME + ": line 7: class value '2' of attribute 'c' is not one of [0, 1]");
        assertThatThrownBy(() -> Arff.parse(head + "1,abc,1\n", NAME, null))
                .hasMessage(NAME + ": line 7, attribute 'y': 'abc' is not a number");
        assertThatThrownBy(() -> Arff.parse(head + "1,NaN,1\n", NAME, null)).hasMessageContaining("'NaN' is not a number");
        assertThatThrownBy(() -> Arff.parse(head + "{0 1, 2 1}\n", NAME, null)).hasMessageContaining("line 7: sparse");
        assertThatThrownBy(() -> Arff.parse("@relation r\n@attribute s string\n@data\n", NAME, null))
                .hasMessage(NAME + ": line 2: attribute 's' has type 'string'; only NUMERIC, REAL, INTEGER and nominal"
                        + " {...} attributes are supported");
        assertThatThrownBy(() -> Arff.parse("@relation r\n@attribute x numeric\n", NAME, null))
                .hasMessageContaining("no @data section");
        assertThat(Arff.parse(head, NAME, null).rowCount()).isEqualTo(1);
        assertThat(List.of(Arff.parse(head, NAME, null).classCounts()[0])).containsExactly(1);
    }
}
