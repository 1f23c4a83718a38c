package org.wisekit.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** tokenizer.json reading on small hand-written files: defaults, and malformed files named clearly. */
class WordPieceTokenizerTest {

    private static WordPieceTokenizer read(String json) throws IOException {
        return WordPieceTokenizer.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String VOCAB = "{\"[UNK]\": 0, \"[CLS]\": 1, \"[SEP]\": 2, \"hello\": 3, \"wor\": 4, \"##ld\": 5,"
            + " \"!\": 6}";

    @Test
    void readsAMinimalWordPieceFileWithDefaults() throws IOException {
        WordPieceTokenizer t = read("{\"truncation\": null, \"model\": {\"type\": \"WordPiece\", \"vocab\": " + VOCAB + "}}");
        assertThat(t.vocabSize()).isEqualTo(7);
        assertThat(t.encode("Hello World!")).containsExactly(1, 3, 4, 5, 6, 2);
        assertThat(t.encode("hello zzz")).containsExactly(1, 3, 0, 2);
        WordPieceTokenizer cased = read("{\"normalizer\": {\"lowercase\": false}, \"truncation\": {\"max_length\": 3},"
                + " \"model\": {\"type\": \"WordPiece\", \"vocab\": " + VOCAB + "}}");
        assertThat(cased.encode("Hello world")).containsExactly(1, 0, 2);
    }

    @Test
    void malformedFilesAreRejected() {
        assertThatThrownBy(() -> read("{\"model\": {\"type\": \"WordPiece\", \"vocab\": {\"a\": 1,}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tokenizer.json: not valid JSON");
        assertThatThrownBy(() -> read("{\"model\": {\"type\": \"BPE\", \"vocab\": {}}}"))
                .hasMessageContaining("tokenizer.json: model type is 'BPE', expected WordPiece");
        assertThatThrownBy(() -> read("{\"model\": {\"type\": \"WordPiece\", \"vocab\": []}}"))
                .hasMessageContaining("tokenizer.json: model.vocab is not a JSON object");
        assertThatThrownBy(() -> read("{\"model\": {\"type\": \"WordPiece\", \"vocab\": {\"a\": \"x\"}}}"))
                .hasMessageContaining("tokenizer.json: model.vocab['a'] is not a number");
        assertThatThrownBy(() -> read("{\"model\": {\"type\": \"WordPiece\", \"vocab\": {\"a\": 1}}}"))
                .hasMessageContaining("tokenizer.json: vocabulary has no [UNK]");
    }
}
