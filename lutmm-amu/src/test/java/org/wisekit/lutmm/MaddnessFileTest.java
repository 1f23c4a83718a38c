package org.wisekit.lutmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wisekit.datasets.io.Safetensors;
import org.wisekit.tensor.Tensor;

/**
 * {@link MaddnessFile}: a saved product multiplies bit-identically after loading, the saved model binds another B as
 * the original does, the file is plain safetensors, writes are atomic, and every malformed file is an
 * {@link IllegalArgumentException} naming the file and the problem.
 */
class MaddnessFileTest {

    @TempDir
    Path dir;

    /** Rows near an 8-dimensional subspace, as in the README's quick start. */
    static Tensor structured(long seed, int n, int d) {
        Tensor mixing = Tensor.normal(3, 0f, 1f, 8, d);
        return Tensor.normal(seed, 0f, 1f, n, 8).matmul(mixing).add(Tensor.normal(seed + 10, 0f, 0.1f, n, d));
    }

    /** Structured test rows followed by wide random rows, some far outside the training range. */
    static Tensor testRows(int d) {
        Tensor near = structured(2, 300, d);
        Tensor far = Tensor.normal(7, 0f, 20f, 37, d);
        return Tensor.concat(near, far);
    }

    static Stream<Arguments> configs() {
        return Stream.of(
                Arguments.of(64, 10, new MaddnessConfig(16, Aggregation.AVERAGE, true, 1.0)),
                Arguments.of(30, 3, new MaddnessConfig(8, Aggregation.SUM, false, 1.0)),
                Arguments.of(27, 2, new MaddnessConfig(6, Aggregation.SUM, true, 0.25)),
                Arguments.of(5, 4, new MaddnessConfig(1, Aggregation.AVERAGE, true, 1.0)));
    }

    private static float[] multiply(MaddnessMatmul mm, Tensor a, KernelPath path) {
        int n = a.dim(0);
        float[] out = new float[n * mm.outputs()];
        mm.multiply(a.data(), n, mm.encoder().newCodes(n), new int[mm.outputs() * n], out, path);
        return out;
    }

    private static void assertSameProduct(MaddnessMatmul expected, MaddnessMatmul actual) {
        MaddnessEncoder e = expected.encoder();
        MaddnessEncoder a = actual.encoder();
        assertThat(a.inputs()).isEqualTo(e.inputs());
        assertThat(a.codebooks()).isEqualTo(e.codebooks());
        assertThat(a.splitDims()).isEqualTo(e.splitDims());
        assertThat(a.offsets()).isEqualTo(e.offsets());
        assertThat(a.scales()).isEqualTo(e.scales());
        assertThat(a.thresholds()).isEqualTo(e.thresholds());
        assertThat(actual.lut().table()).isEqualTo(expected.lut().table());
        assertThat(actual.lut().scale()).isEqualTo(expected.lut().scale());
        assertThat(actual.lut().offset()).isEqualTo(expected.lut().offset());
        assertThat(actual.lut().aggregation()).isEqualTo(expected.lut().aggregation());
        assertThat(actual.outputs()).isEqualTo(expected.outputs());
        Tensor rows = testRows(e.inputs());
        assertThat(actual.multiply(rows).data()).isEqualTo(expected.multiply(rows).data());
        assertThat(multiply(actual, rows, KernelPath.SCALAR)).isEqualTo(multiply(expected, rows, KernelPath.SCALAR));
    }

    @ParameterizedTest
    @MethodSource("configs")
    void aLoadedProductMultipliesBitIdenticallyAndItsModelBindsAnotherBAsTheOriginal(int d, int m,
                                                                                   MaddnessConfig config) {
        MaddnessModel model = MaddnessModel.fit(structured(1, 800, d), config);
        Tensor b = Tensor.normal(4, 0f, 1f, d, m);
        MaddnessMatmul mm = model.bind(b);
        Path file = dir.resolve("model.safetensors");
        MaddnessFile.save(file, mm, model);

        assertSameProduct(mm, MaddnessFile.load(file));
        assertThat(MaddnessFile.hasModel(file)).isTrue();
        MaddnessModel back = MaddnessFile.loadModel(file);
        assertThat(back.config()).isEqualTo(model.config());
        assertThat(back.prototypes()).isEqualTo(model.prototypes());
        assertThat(back.floatThresholds()).isEqualTo(model.floatThresholds());
        Tensor other = Tensor.normal(5, 0f, 2f, d, m + 3);
        assertSameProduct(model.bind(other), back.bind(other));
    }

    @Test
    void aFileSavedWithoutTheModelLoadsTheProductOnly() {
        MaddnessModel model = MaddnessModel.fit(structured(1, 500, 32), MaddnessConfig.maddness(8));
        MaddnessMatmul mm = model.bind(Tensor.normal(4, 0f, 1f, 32, 3));
        Path bare = dir.resolve("bare.safetensors");
        Path full = dir.resolve("full.safetensors");
        MaddnessFile.save(bare, mm);
        MaddnessFile.save(full, mm, model);

        assertSameProduct(mm, MaddnessFile.load(bare));
        assertThat(MaddnessFile.hasModel(bare)).isFalse();
        assertThatThrownBy(() -> MaddnessFile.loadModel(bare)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(bare + ": holds no model (saved without the MaddnessModel), only the bound product");
        assertThat(bare.toFile().length()).isLessThan(full.toFile().length());
    }

    @Test
    void theFileIsPlainSafetensorsWithTheDocumentedTensorsAndMetadata() throws IOException {
        int d = 30;
        int c = 8;
        int m = 3;
        MaddnessModel model = MaddnessModel.fit(structured(1, 500, d), new MaddnessConfig(c, Aggregation.SUM, true, 0.5));
        MaddnessMatmul mm = model.bind(Tensor.normal(4, 0f, 1f, d, m));
        Path file = dir.resolve("m.safetensors");
        MaddnessFile.save(file, mm, model);

        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(headerLength % 8).as("the data buffer starts 8-byte aligned").isZero();
        Safetensors st = Safetensors.read(file);   // the project's strict reader
        assertThat(st.metadata()).containsExactlyInAnyOrderEntriesOf(Map.of("format", "wisekit-maddness",
                "format_version", "1", "inputs", "30", "codebooks", "8", "outputs", "3", "aggregation", "sum",
                "model.aggregation", "sum", "model.optimize_prototypes", "true", "model.ridge_lambda", "0.5"));
        Map<String, String> layout = new LinkedHashMap<>();
        st.tensors().forEach((name, t) -> layout.put(name, t.dtype() + " " + Arrays.toString(t.shape())));
        assertThat(layout).containsExactlyInAnyOrderEntriesOf(Map.of(
                "encoder.split_dims", "I32 [8, 4]", "encoder.offsets", "F32 [8, 4]", "encoder.scales", "F32 [8, 4]",
                "encoder.thresholds", "U8 [8, 4, 16]", "lut.table", "U8 [3, 8, 16]", "lut.scale", "F32 [1]",
                "lut.offset", "F32 [1]", "model.prototypes", "F32 [8, 16, 30]",
                "model.float_thresholds", "F32 [8, 4, 16]"));
        int[] splits = new int[4 * c];
        ByteBuffer.wrap(st.tensor("encoder.split_dims").data()).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(splits);
        assertThat(splits).isEqualTo(mm.encoder().splitDims());
        assertThat(st.tensor("encoder.scales").toFloats()).isEqualTo(mm.encoder().scales());
        assertThat(st.tensor("lut.table").data()).isEqualTo(mm.lut().table());
        assertThat(st.tensor("lut.scale").toFloats()).containsExactly(mm.lut().scale());
        assertThat(st.tensor("model.prototypes").toFloats()).isEqualTo(model.prototypes());

        // and a file the project's writer produces from those tensors (another order, other padding) loads the same
        Path rewritten = dir.resolve("rewritten.safetensors");
        st.write(rewritten);
        assertSameProduct(mm, MaddnessFile.load(rewritten));
    }

    @Test
    void savingIsDeterministicAtomicAndReplacesTheFile() throws IOException {
        MaddnessModel model = MaddnessModel.fit(structured(1, 500, 32), MaddnessConfig.maddness(8));
        MaddnessMatmul mm = model.bind(Tensor.normal(4, 0f, 1f, 32, 3));
        MaddnessMatmul other = MaddnessModel.fit(structured(9, 500, 32), MaddnessConfig.maddness(4))
                .bind(Tensor.normal(4, 0f, 1f, 32, 3));
        Path file = dir.resolve("sub/m.safetensors");
        MaddnessFile.save(file, mm, model);
        byte[] first = Files.readAllBytes(file);
        MaddnessFile.save(file, other);
        assertThat(MaddnessFile.load(file).encoder().codebooks()).isEqualTo(4);
        MaddnessFile.save(file, mm, model);
        assertThat(Files.readAllBytes(file)).isEqualTo(first);
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertThat(s.toList()).as("no temporary file left beside the target").containsExactly(file);
        }
    }

    @Test
    void savingRefusesAModelThatTheProductWasNotBoundFromAndNullArguments() {
        MaddnessModel model = MaddnessModel.fit(structured(1, 500, 32), MaddnessConfig.maddness(8));
        MaddnessModel foreign = MaddnessModel.fit(structured(9, 500, 32), MaddnessConfig.maddness(8));
        MaddnessMatmul mm = model.bind(Tensor.normal(4, 0f, 1f, 32, 3));
        Path file = dir.resolve("m.safetensors");
        assertThatThrownBy(() -> MaddnessFile.save(file, mm, foreign)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model has another encoder than matmul");
        assertThatThrownBy(() -> MaddnessFile.save(file, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MaddnessFile.save(null, mm)).isInstanceOf(IllegalArgumentException.class);
        assertThat(file).doesNotExist();
        assertThatThrownBy(() -> MaddnessFile.load(null)).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------------------------------ malformed files

    /** Changes a valid file in place. */
    interface Mutation {
        void apply(Path file) throws IOException;
    }

    private static String header(byte[] bytes) {
        int n = (int) ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return new String(bytes, 8, n, StandardCharsets.UTF_8);
    }

    private static byte[] data(byte[] bytes) {
        int n = (int) ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return Arrays.copyOfRange(bytes, 8 + n, bytes.length);
    }

    private static void write(Path file, byte[] header, byte[] data) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(header.length).put(header).put(data);
        Files.write(file, out.array());
    }

    /** Replaces text in the JSON header (the data buffer stays as it is). */
    private static Mutation headerText(String regex, String replacement) {
        return file -> {
            byte[] bytes = Files.readAllBytes(file);
            String h = header(bytes);
            Matcher matcher = Pattern.compile(regex).matcher(h);
            assertThat(matcher.find()).as("header %s contains %s", h, regex).isTrue();
            write(file, matcher.replaceFirst(replacement).getBytes(StandardCharsets.UTF_8), data(bytes));
        };
    }

    private static Mutation bytes(java.util.function.UnaryOperator<byte[]> change) {
        return file -> Files.write(file, change.apply(Files.readAllBytes(file)));
    }

    private static Mutation metadata(String key, String value) {
        return file -> {
            Safetensors st = Safetensors.read(file);
            Map<String, String> meta = new LinkedHashMap<>(st.metadata());
            if (value == null) {
                meta.remove(key);
            } else {
                meta.put(key, value);
            }
            Files.delete(file);
            new Safetensors(st.tensors(), meta).write(file);
        };
    }

    private static Mutation tensor(String name, Safetensors.Tensor replacement) {
        return file -> {
            Safetensors st = Safetensors.read(file);
            Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>(st.tensors());
            if (replacement == null) {
                tensors.remove(name);
            } else {
                tensors.put(name, replacement);
            }
            Files.delete(file);
            new Safetensors(tensors, st.metadata()).write(file);
        };
    }

    /** Sets element {@code index} of the float tensor {@code name}. */
    private static Mutation floatAt(String name, int index, float value) {
        return file -> {
            Safetensors.Tensor t = Safetensors.read(file).tensor(name);
            float[] v = t.toFloats();
            v[index] = value;
            tensor(name, Safetensors.Tensor.ofFloats(v, t.shape())).apply(file);
        };
    }

    private static Mutation splitAt(int index, int value) {
        return file -> {
            Safetensors.Tensor t = Safetensors.read(file).tensor("encoder.split_dims");
            byte[] data = t.data().clone();
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putInt(4 * index, value);
            tensor("encoder.split_dims", new Safetensors.Tensor(Safetensors.Dtype.I32, t.shape(), data)).apply(file);
        };
    }

    /**
     * Gives {@code lut.scale} 8 bytes instead of 4 (4 zero bytes inserted after it, {@code lut.offset} and the
     * tensors after it moved along): the tensors still tile the data buffer, but the span no longer fits [1] of F32.
     */
    private static void widenLutScale(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String h = header(bytes);
        Matcher scale = Pattern.compile("\"lut.scale\":\\{[^}]*\"data_offsets\":\\[(\\d+),(\\d+)\\]").matcher(h);
        assertThat(scale.find()).isTrue();
        long end = Long.parseLong(scale.group(2));
        StringBuilder moved = new StringBuilder();
        Matcher offsets = Pattern.compile("\"data_offsets\":\\[(\\d+),(\\d+)\\]").matcher(h);
        while (offsets.find()) {
            long b = Long.parseLong(offsets.group(1));
            long e = Long.parseLong(offsets.group(2));
            offsets.appendReplacement(moved, "\"data_offsets\":[" + (b >= end ? b + 4 : b) + "," + (e >= end ? e + 4 : e)
                    + "]");
        }
        offsets.appendTail(moved);
        byte[] data = data(bytes);
        byte[] widened = new byte[data.length + 4];
        System.arraycopy(data, 0, widened, 0, (int) end);
        System.arraycopy(data, (int) end, widened, (int) end + 4, data.length - (int) end);
        write(file, moved.toString().getBytes(StandardCharsets.UTF_8), widened);
    }

    /** Every malformed file (built from a valid one with D = 32, C = 16, M = 3) and the message fragment expected. */
    private static Arguments bad(String what, Mutation mutation, String expected) {
        return Arguments.of(what, mutation, expected);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                bad("shorter than the length field", bytes(b -> Arrays.copyOf(b, 5)),
                        "truncated or not a safetensors file: 5 bytes, shorter than the 8-byte header length"),
                bad("cut inside the header", bytes(b -> Arrays.copyOf(b, 40)),
                        "does not fit the 32 bytes after it (truncated or not a safetensors file)"),
                bad("cut inside the data", bytes(b -> Arrays.copyOf(b, b.length - 3)),
                        "truncated: tensor"),
                bad("trailing bytes", bytes(b -> Arrays.copyOf(b, b.length + 4)), "(trailing bytes)"),
                bad("header not JSON", headerText("^\\{", "x"), "the header is not valid JSON"),
                bad("header an array", file -> write(file, "[1, 2]  ".getBytes(StandardCharsets.UTF_8),
                        new byte[0]), "the header is not a JSON object"),
                bad("header not UTF-8", file -> write(file, new byte[] {'{', (byte) 0xff, '}', ' ', ' ', ' ',
                        ' ', ' '}, new byte[0]), "the header is not UTF-8"),
                bad("duplicate key", headerText("^\\{", "{\"x\":1,\"x\":2,"), "duplicate key 'x'"),
                bad("nested too deep", headerText("^\\{", "{\"x\":[[[[1]]]],"), "nested deeper than 4"),
                bad("no metadata", file -> {
                    Safetensors st = Safetensors.read(file);
                    Files.delete(file);
                    new Safetensors(st.tensors(), Map.of()).write(file);
                }, "no __metadata__; not a wisekit-maddness file"),
                bad("another format", metadata("format", "gguf"),
                        "__metadata__ format is 'gguf'; not a wisekit-maddness file"),
                bad("bad version", metadata("format_version", "2"),
                        "unsupported wisekit-maddness version '2'; this library reads version 1"),
                bad("no version", metadata("format_version", null),
                        "unsupported wisekit-maddness version (missing)"),
                bad("codebooks not a number", metadata("codebooks", "many"),
                        "__metadata__ codebooks = 'many' is not an integer"),
                bad("codebooks out of range", metadata("codebooks", "0"),
                        "__metadata__ codebooks = 0 is outside [1, 128]"),
                bad("D below C", metadata("inputs", "8"), "inputs D = 8 is smaller than codebooks C = 16"),
                bad("codebooks disagree with the tensors", metadata("codebooks", "8"),
                        "tensor encoder.split_dims has shape [16, 4], expected [8, 4]"),
                bad("outputs disagree with the tensors", metadata("outputs", "4"),
                        "tensor lut.table has shape [3, 16, 16], expected [4, 16, 16]"),
                bad("unknown aggregation", metadata("aggregation", "median"),
                        "__metadata__ aggregation = 'median' is not average or sum"),
                bad("missing tensor", tensor("encoder.scales", null), "missing tensor encoder.scales"),
                bad("missing table", tensor("lut.table", null), "missing tensor lut.table"),
                bad("unexpected tensor", tensor("extra", Safetensors.Tensor.ofFloats(new float[] {1f}, 1)),
                        "unexpected tensor 'extra'"),
                bad("wrong shape", file -> {
                    Safetensors.Tensor t = Safetensors.read(file).tensor("encoder.thresholds");
                    tensor("encoder.thresholds", Safetensors.Tensor.ofBytes(t.data(), 16, 64)).apply(file);
                }, "tensor encoder.thresholds has shape [16, 64], expected [16, 4, 16]"),
                bad("wrong dtype", file -> {
                    Safetensors.Tensor t = Safetensors.read(file).tensor("encoder.split_dims");
                    tensor("encoder.split_dims", new Safetensors.Tensor(Safetensors.Dtype.F32, t.shape(), t.data()))
                            .apply(file);
                }, "tensor encoder.split_dims has dtype F32, expected I32"),
                bad("a scalar instead of [1]", headerText(
                        "\"lut.scale\":\\{\"dtype\":\"F32\",\"shape\":\\[1\\]",
                        "\"lut.scale\":{\"dtype\":\"F32\",\"shape\":[]"),
                        "tensor lut.scale has shape [], expected [1]"),
                bad("span does not match the shape", MaddnessFileTest::widenLutScale,
                        "tensor lut.scale spans 8 bytes, its dtype and shape need 4"),
                bad("overlapping tensors", headerText(
                        "\"lut.offset\":\\{\"dtype\":\"F32\",\"shape\":\\[1\\],\"data_offsets\":\\[(\\d+),",
                        "\"lut.offset\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,"),
                        "tensor lut.offset starts at data byte 0, expected 256 (tensors must tile the data buffer)"),
                bad("negative shape", headerText("\"shape\":\\[16,4\\]", "\"shape\":[16,-4]"),
                        "not a non-negative integer"),
                bad("split column = D", splitAt(5, 32), "encoder.split_dims[1, 1] = 32 is outside [0, 32)"),
                bad("split column < 0", splitAt(0, -1), "encoder.split_dims[0, 0] = -1 is outside [0, 32)"),
                bad("NaN offset", floatAt("encoder.offsets", 6, Float.NaN),
                        "encoder.offsets[1, 2] = NaN is not finite"),
                bad("scale not a power of two", floatAt("encoder.scales", 3, 3f),
                        "encoder.scales[0, 3] = 3.0 is not a positive finite power of two"),
                bad("zero scale", floatAt("encoder.scales", 0, 0f),
                        "encoder.scales[0, 0] = 0.0 is not a positive finite power of two"),
                bad("NaN table scale", floatAt("lut.scale", 0, Float.NaN),
                        "lut.scale = NaN is not positive and finite"),
                bad("infinite table offset", floatAt("lut.offset", 0, Float.POSITIVE_INFINITY),
                        "lut.offset = Infinity is not finite"),
                bad("NaN prototype", floatAt("model.prototypes", 16 * 32 + 5, Float.NaN),
                        "model.prototypes[1, 0, 5] = NaN is not finite"),
                bad("infinite float threshold", floatAt("model.float_thresholds", 64 + 16 + 2,
                        Float.NEGATIVE_INFINITY), "model.float_thresholds[1, 1, 2] = -Infinity is infinite"),
                bad("prototypes without thresholds", tensor("model.float_thresholds", null),
                        "missing tensor model.float_thresholds"),
                bad("model metadata without tensors", file -> {
                    tensor("model.prototypes", null).apply(file);
                    tensor("model.float_thresholds", null).apply(file);
                }, "missing tensor model.prototypes"),
                bad("no model configuration", metadata("model.ridge_lambda", null),
                        "__metadata__ has no 'model.ridge_lambda'"),
                bad("bad model configuration", metadata("model.ridge_lambda", "-1"),
                        "bad model: ridgeLambda must be positive and finite, got -1.0"),
                bad("bad boolean", metadata("model.optimize_prototypes", "yes"),
                        "__metadata__ model.optimize_prototypes = 'yes' is not true or false"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void everyMalformedFileIsRejectedWithOneLineNamingTheFileAndTheProblem(String what, Mutation mutation,
                                                                         String expected) throws IOException {
        MaddnessModel model = MaddnessModel.fit(structured(1, 400, 32), MaddnessConfig.maddness(16));
        Path file = dir.resolve("bad.safetensors");
        MaddnessFile.save(file, model.bind(Tensor.normal(4, 0f, 1f, 32, 3)), model);
        mutation.apply(file);
        for (var load : List.<Runnable>of(() -> MaddnessFile.load(file), () -> MaddnessFile.loadModel(file))) {
            assertThatThrownBy(load::run).as(what).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(file + ": ").hasMessageContaining(expected)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void averageAggregationWithCodebooksNotAPowerOfTwoIsRejected() throws IOException {
        MaddnessModel model = MaddnessModel.fit(structured(1, 400, 30), new MaddnessConfig(6, Aggregation.SUM, true, 1));
        Path file = dir.resolve("six.safetensors");
        MaddnessFile.save(file, model.bind(Tensor.normal(4, 0f, 1f, 30, 2)), model);
        metadata("aggregation", "average").apply(file);
        assertThatThrownBy(() -> MaddnessFile.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": aggregation average needs a power-of-two number of codebooks, got C = 6");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("none.safetensors");
        assertThatThrownBy(() -> MaddnessFile.load(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> MaddnessFile.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir + ": no such file");
    }
}
