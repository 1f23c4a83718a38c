package org.wisekit.text.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.datasets.io.Npy;

/** The on-disk cache with a counting stand-in encoder: hits, misses, damaged files, the key. */
class EmbeddingCacheTest {

    @TempDir
    Path dir;

    /** Unit vectors seeded by the text's hash; counts its calls. */
    static class CountingEncoder implements SentenceEncoder {
        final String modelId;
        final String backend;
        int calls;

        CountingEncoder(String modelId, String backend) {
            this.modelId = modelId;
            this.backend = backend;
        }

        @Override
        public float[][] encode(List<String> texts, IntConsumer progress) {
            calls++;
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < out.length; i++) {
                Random r = new Random(texts.get(i).hashCode());
                float[] v = new float[dimension()];
                double n = 0;
                for (int j = 0; j < v.length; j++) {
                    v[j] = (float) r.nextGaussian();
                    n += v[j] * v[j];
                }
                for (int j = 0; j < v.length; j++) {
                    v[j] /= (float) Math.sqrt(n);
                }
                out[i] = v;
                if (progress != null) {
                    progress.accept(i + 1);
                }
            }
            return out;
        }

        @Override
        public int dimension() {
            return 8;
        }

        @Override
        public String modelId() {
            return modelId;
        }

        @Override
        public String backend() {
            return backend;
        }
    }

    static final List<String> TEXTS = List.of("first text", "second, with \u00e9", "");

    @Test
    void aHitReturnsTheStoredVectorsWithoutCallingTheEncoder() {
        EmbeddingCache cache = new EmbeddingCache(dir.resolve("cache"));
        CountingEncoder e = new CountingEncoder("model-a", "java");
        List<Integer> progress = new ArrayList<>();
        float[][] first = cache.embed(TEXTS, e, progress::add);
        assertThat(e.calls).isOne();
        assertThat(progress).containsExactly(1, 2, 3);
        Path file = cache.file(TEXTS, e);
        assertThat(file).isRegularFile().hasParent(dir.resolve("cache"));
        assertThat(file.getFileName().toString()).matches("[0-9a-f]{64}\\.npy");
        float[][] second = cache.embed(TEXTS, e);
        assertThat(e.calls).isOne();
        assertThat(second).isDeepEqualTo(first).isNotSameAs(first);
        assertThat(new EmbeddingCache(dir.resolve("cache")).embed(TEXTS, new CountingEncoder("model-a", "java")))
                .isDeepEqualTo(first); // another instance, the same directory
    }

    @Test
    void aChangedTextOrderModelOrBackendMisses() {
        EmbeddingCache cache = new EmbeddingCache(dir);
        CountingEncoder e = new CountingEncoder("model-a", "java");
        cache.embed(TEXTS, e);
        cache.embed(List.of("first text", "second, with \u00e9", " "), e);
        cache.embed(List.of("second, with \u00e9", "first text", ""), e);
        assertThat(e.calls).isEqualTo(3);
        CountingEncoder otherModel = new CountingEncoder("model-b", "java");
        cache.embed(TEXTS, otherModel);
        assertThat(otherModel.calls).isOne();
        CountingEncoder otherBackend = new CountingEncoder("model-a", "onnxruntime-1.20.0");
        cache.embed(TEXTS, otherBackend);
        assertThat(otherBackend.calls).isOne();
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(5);
        } catch (IOException ex) {
            throw new AssertionError(ex);
        }
        // length prefixes keep the boundary between texts: ["ab", "c"] and ["a", "bc"] differ
        assertThat(EmbeddingCache.key(List.of("ab", "c"), "m", "b")).isNotEqualTo(EmbeddingCache.key(List.of("a", "bc"), "m", "b"));
        assertThat(EmbeddingCache.key(List.of("a"), "mb", "")).isNotEqualTo(EmbeddingCache.key(List.of("a"), "m", "b"));
    }

    @Test
    void theKeyIsTheDocumentedSha256() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes); // big-endian
        for (String s : new String[] {"wisekit-embedding-cache-1"}) {
            out.writeLong(s.getBytes(StandardCharsets.UTF_8).length);
            out.write(s.getBytes(StandardCharsets.UTF_8));
        }
        out.writeLong(TEXTS.size());
        for (String s : new String[] {TEXTS.get(0), TEXTS.get(1), TEXTS.get(2), "model-a", "java"}) {
            out.writeLong(s.getBytes(StandardCharsets.UTF_8).length);
            out.write(s.getBytes(StandardCharsets.UTF_8));
        }
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        assertThat(EmbeddingCache.key(TEXTS, "model-a", "java")).isEqualTo(expected);
    }

    @Test
    void damagedFilesAreRecomputedAndReplaced() throws Exception {
        EmbeddingCache cache = new EmbeddingCache(dir);
        CountingEncoder e = new CountingEncoder("model-a", "java");
        float[][] good = cache.embed(TEXTS, e);
        Path file = cache.file(TEXTS, e);
        byte[] original = Files.readAllBytes(file);
        float[] wrongShape = new float[2 * 8];
        Arrays.fill(wrongShape, 0.5f);                      // 2 rows, not 3
        float[] nan = new float[3 * 8];
        Arrays.fill(nan, Float.NaN);
        float[] notUnit = new float[3 * 8];
        Arrays.fill(notUnit, 1f);
        List<byte[]> damaged = List.of(
                "not an npy file".getBytes(StandardCharsets.UTF_8),
                Arrays.copyOf(original, original.length - 5),   // truncated
                new byte[0],
                Npy.writeFloat32(wrongShape, 2, 8),
                Npy.writeFloat32(new float[3 * 4], 3, 4),       // another dimension
                Npy.writeFloat32(nan, 3, 8),
                Npy.writeFloat32(notUnit, 3, 8));
        int calls = e.calls;
        for (byte[] bad : damaged) {
            Files.write(file, bad);
            assertThat(cache.embed(TEXTS, e)).isDeepEqualTo(good);
            assertThat(e.calls).isEqualTo(++calls);
            assertThat(Files.readAllBytes(file)).isEqualTo(original); // replaced by a good file
        }
        assertThat(cache.embed(TEXTS, e)).isDeepEqualTo(good);
        assertThat(e.calls).isEqualTo(calls);
    }

    @Test
    void badArgumentsAreNamed() throws IOException {
        EmbeddingCache cache = new EmbeddingCache(dir);
        CountingEncoder e = new CountingEncoder("model-a", "java");
        assertThatThrownBy(() -> cache.embed(Arrays.asList("a", null), e)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("texts[1]: is null");
        assertThatThrownBy(() -> cache.embed(null, e)).hasMessage("texts: must not be null");
        assertThatThrownBy(() -> cache.embed(TEXTS, null)).hasMessage("encoder: must not be null");
        assertThatThrownBy(() -> new EmbeddingCache(null)).hasMessage("directory: must not be null");
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        assertThatThrownBy(() -> new EmbeddingCache(plain)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("directory: " + plain + " exists and is not a directory");
        assertThat(e.calls).isZero();
        SentenceEncoder wrong = new CountingEncoder("m", "java") {
            @Override
            public float[][] encode(List<String> texts, IntConsumer progress) {
                return new float[texts.size()][3];
            }
        };
        assertThatThrownBy(() -> cache.embed(TEXTS, wrong)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("row 0 of 3 values, expected 8");
    }
}
