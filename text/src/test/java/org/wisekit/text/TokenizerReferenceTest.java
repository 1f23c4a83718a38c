package org.wisekit.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wisekit.text.internal.Json;

/**
 * The Java tokenizers against token ids produced by Hugging Face {@code tokenizers} 0.22.2 (Python), stored
 * with their texts in {@code tokenizers/reference-ids.json} (made by {@code generate-references.py} beside
 * it): four small BPE tokenizers trained for the test (GPT-2 byte-level, Llama-3 Split + ByteLevel with
 * ignore_merges, Llama-2 SentencePiece BPE with byte fallback, Metaspace) and the real all-MiniLM-L6-v2
 * WordPiece tokenizer (with 60 TREC questions).
 */
class TokenizerReferenceTest {

    @TempDir
    Path dir;

    private static Map<?, ?> references() throws IOException {
        try (InputStream in = TokenizerReferenceTest.class.getResourceAsStream("/tokenizers/reference-ids.json")) {
            return (Map<?, ?>) ((Map<?, ?>) Json.parse(in)).get("references");
        }
    }

    private static Tokenizer load(String name) throws IOException {
        String resource = name.startsWith("all-minilm") ? "/" + name : "/tokenizers/" + name;
        try (InputStream in = TokenizerReferenceTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return Tokenizer.read(in);
        }
    }

    private static int[] ints(Object list) {
        return ((List<?>) list).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2-tiny.json", "llama3-tiny.json", "llama2-tiny.json", "metaspace-tiny.json",
            "all-minilm-l6-v2-tokenizer.json"})
    void idsEqualTheReferenceImplementation(String name) throws IOException {
        Tokenizer t = load(name);
        List<?> cases = (List<?>) references().get(name);
        assertThat(cases).hasSizeGreaterThan(10);
        for (Object o : cases) {
            Map<?, ?> c = (Map<?, ?>) o;
            String text = (String) c.get("text");
            assertThat(t.encode(text)).as("%s: %s", name, text).containsExactly(ints(c.get("ids")));
            assertThat(t.encode(text, false)).as("%s without special tokens: %s", name, text)
                    .containsExactly(ints(c.get("ids_no_special")));
        }
    }

    @Test
    void miniLmKnownIdsAndTruncationTo128() throws IOException {
        Tokenizer t = load("all-minilm-l6-v2-tokenizer.json");
        assertThat(t.encode("Hello world")).containsExactly(101, 7592, 2088, 102);
        assertThat(((WordPieceTokenizer) t).maxLength()).isEqualTo(128);
        // 300 words: truncated to 128 ids, [CLS] first and [SEP] last, the words in order up to the cut
        String longText = "word ".repeat(300);
        int word = t.encode("word", false)[0];
        int[] ids = t.encode(longText);
        assertThat(ids).hasSize(128);
        assertThat(ids[0]).isEqualTo(101);
        assertThat(ids[127]).isEqualTo(102);
        for (int i = 1; i < 127; i++) {
            assertThat(ids[i]).as("id %d", i).isEqualTo(word);
        }
        assertThat(t.encode(longText, false)).hasSize(128).containsOnly(word);
        // exactly 126 words still fit with both special tokens; 127 lose the last word, never the [SEP]
        assertThat(t.encode("word ".repeat(126))).hasSize(128).endsWith(word, 102);
        assertThat(t.encode("word ".repeat(127))).hasSize(128).endsWith(word, 102);
    }

    @Test
    void kindsAndByteLevel() throws IOException {
        assertThat(load("gpt2-tiny.json").byteLevel()).isTrue();
        assertThat(load("gpt2-tiny.json").kind()).isEqualTo("byte-level BPE");
        assertThat(load("llama3-tiny.json").byteLevel()).isTrue();
        assertThat(load("llama2-tiny.json").kind()).isEqualTo("SentencePiece BPE (byte fallback)");
        assertThat(load("llama2-tiny.json").vocabSize()).isEqualTo(520);
        assertThat(load("metaspace-tiny.json").byteLevel()).isFalse();
        assertThat(load("all-minilm-l6-v2-tokenizer.json").byteLevel()).isFalse();
        assertThat(load("all-minilm-l6-v2-tokenizer.json").vocabSize()).isEqualTo(30522);
        assertThat(Tokenizer.utf8Bytes().encode("h\u00e9")).containsExactly('h', 0xc3, 0xa9);
    }

    private static final String MINI = "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0, \"b\": 1, \"ab\": 2, \"<unk>\": 3},"
            + " \"merges\": [\"a b\"], \"unk_token\": \"<unk>\", \"fuse_unk\": true}}";

    private static Tokenizer parse(String json) throws IOException {
        return Tokenizer.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void handWrittenBpe() throws IOException {
        Tokenizer t = parse(MINI);
        assertThat(t.encode("abab")).containsExactly(2, 2);
        assertThat(t.encode("aabxyb")).containsExactly(0, 2, 3, 1); // "xy" fused into one unknown
        Tokenizer arrays = parse(MINI.replace("[\"a b\"]", "[[\"a\", \"b\"]]"));
        assertThat(arrays.encode("ab")).containsExactly(2);
    }

    @Test
    void malformedFilesAreRejected() throws IOException {
        assertThatThrownBy(() -> parse("{\"model\": ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokenizer.json: not valid JSON");
        assertThatThrownBy(() -> parse("{\"version\": 1}")).hasMessageContaining("no 'model' object");
        assertThatThrownBy(() -> parse("{\"model\": {\"type\": \"Unigram\", \"vocab\": []}}"))
                .hasMessageContaining("model type 'Unigram' is not supported");
        assertThatThrownBy(() -> parse(MINI.replace("\"a b\"", "\"a c\"")))
                .hasMessageContaining("model.merges[0] 'a c' uses a token missing from the vocabulary");
        assertThatThrownBy(() -> parse(MINI.replace("\"a b\"", "\"ab\"")))
                .hasMessageContaining("model.merges[0] 'ab' is not 'a b'");
        assertThatThrownBy(() -> parse(MINI.replace("\"b\": 1", "\"b\": \"one\"")))
                .hasMessageContaining("model.vocab['b'] is not a number");
        assertThatThrownBy(() -> parse(MINI.replace("\"unk_token\": \"<unk>\"", "\"unk_token\": \"<u>\"")))
                .hasMessageContaining("unk_token '<u>' is not in the vocabulary");
        assertThatThrownBy(() -> parse(MINI.replace("\"model\"", "\"normalizer\": {\"type\": \"Precompiled\"}, \"model\"")))
                .hasMessageContaining("normalizer 'Precompiled' is not supported");
        assertThatThrownBy(() -> parse(MINI.replace("\"model\"", "\"pre_tokenizer\": {\"type\": \"Split\", \"pattern\":"
                + " {\"Regex\": \"(\"}, \"behavior\": \"Isolated\"}, \"model\""))).hasMessageContaining("regex not understood");
        assertThatThrownBy(() -> parse(MINI.replace("\"fuse_unk\": true", "\"dropout\": 0.1")))
                .hasMessageContaining("dropout 0.1 is not supported");
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, "[1, 2]");
        assertThatThrownBy(() -> Tokenizer.read(file)).hasMessageStartingWith(file + ": tokenizer.json: no 'model' object");
        assertThatThrownBy(() -> Tokenizer.read(dir.resolve("missing.json"))).hasMessageContaining("cannot read");
    }
}
