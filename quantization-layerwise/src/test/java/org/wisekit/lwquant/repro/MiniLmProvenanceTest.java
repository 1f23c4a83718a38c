package org.wisekit.lwquant.repro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.harness.Profile;
import org.wisekit.harness.Progress;
import org.wisekit.harness.RunContext;
import org.wisekit.text.WordPieceTokenizer;
import org.wisekit.text.embed.MiniLmJava;

/** The MiniLM study records the sha256 of the weight and tokenizer files it reads from the classpath. */
class MiniLmProvenanceTest {

    @TempDir
    Path out;

    static String sha256Of(String resource) throws Exception {
        try (InputStream in = MiniLmProvenanceTest.class.getResourceAsStream(resource)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }

    @Test
    void loadingTheModelAndTokenizerRecordsTheSha256OfTheFilesRead() throws Exception {
        RunContext context = new RunContext(1, Profile.SMOKE, null, out, Progress.SILENT);
        MiniLmJava model = MiniLmStudy.loadModel(context);
        WordPieceTokenizer tokenizer = MiniLmStudy.loadTokenizer(context);
        assertThat(model.matrix(5, MiniLmJava.Linear.OUTPUT)).hasSize(384 * 1536);
        assertThat(tokenizer.encode("Hello world")).containsExactly(101, 7592, 2088, 102);
        assertThat(context.recordedDatasets()).containsOnlyKeys(MiniLmStudy.WEIGHTS_RECORD, MiniLmStudy.TOKENIZER_RECORD);
        assertThat(context.recordedDatasets().get(MiniLmStudy.WEIGHTS_RECORD)).isEqualTo(sha256Of(MiniLmJava.RESOURCE))
                .matches("[0-9a-f]{64}");
        assertThat(context.recordedDatasets().get(MiniLmStudy.TOKENIZER_RECORD))
                .isEqualTo(sha256Of(MiniLmJava.TOKENIZER_RESOURCE));
        assertThat(MiniLmStudy.WEIGHTS_RECORD).isEqualTo("all-minilm-l6-v2:classpath:/all-minilm-l6-v2.onnx");
    }

    @Test
    void bytesTheParserLeavesUnreadAreHashedToo() throws Exception {
        RunContext context = new RunContext(1, Profile.SMOKE, null, out, Progress.SILENT);
        // reads only the first byte of the tokenizer file: the recorded sha256 is still the whole file's
        int first = MiniLmStudy.readRecorded(context, MiniLmJava.TOKENIZER_RESOURCE, "first-byte", InputStream::read);
        assertThat((char) first).isEqualTo('{');
        assertThat(context.recordedDatasets().get("first-byte")).isEqualTo(sha256Of(MiniLmJava.TOKENIZER_RESOURCE));
        assertThat(sha256Of(MiniLmJava.TOKENIZER_RESOURCE))
                .isNotEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest("{".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aMissingResourceIsAOneLineErrorAndRecordsNothing() {
        RunContext context = new RunContext(1, Profile.SMOKE, null, out, Progress.SILENT);
        assertThatThrownBy(() -> MiniLmStudy.readRecorded(context, "/no-such-model.onnx", "x", InputStream::read))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no-such-model.onnx is not on the classpath");
        assertThat(context.recordedDatasets()).isEmpty();
    }
}
