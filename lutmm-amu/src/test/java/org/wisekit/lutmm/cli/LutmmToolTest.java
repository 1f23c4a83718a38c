package org.wisekit.lutmm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.datasets.io.Npy;
import org.wisekit.harness.Tool;
import org.wisekit.harness.testing.ToolRunner;
import org.wisekit.lutmm.MaddnessConfig;
import org.wisekit.lutmm.MaddnessFile;
import org.wisekit.lutmm.MaddnessMatmul;
import org.wisekit.lutmm.MaddnessModel;
import org.wisekit.tensor.Tensor;

/**
 * {@code wisekit lutmm fit | apply} on small {@code .npy} files: the CLI convention, the outputs against the library
 * and a slow double-precision reference, and every bad input (exit 2, one line naming the parameter and the value).
 */
class LutmmToolTest {

    private static final int N = 1500;
    private static final int D = 32;
    private static final int M = 5;

    @TempDir
    Path dir;

    private Path train;
    private Path test;
    private Path weights;
    private float[] trainRows;
    private float[] testRows;
    private float[] b;

    /** Rows near an 8-dimensional subspace plus a little noise, as in the module README's quick start. */
    private static float[] structured(long seed, int n) {
        Tensor mixing = Tensor.normal(3, 0f, 1f, 8, D);
        return Tensor.normal(seed, 0f, 1f, n, 8).matmul(mixing).add(Tensor.normal(seed + 10, 0f, 0.1f, n, D)).data();
    }

    private static double[] doubles(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    @BeforeEach
    void files() throws IOException {
        trainRows = structured(1, N);
        testRows = structured(2, 400);
        b = Tensor.normal(4, 0f, 1f, D, M).data();
        train = dir.resolve("train.npy");
        test = dir.resolve("test.npy");
        weights = dir.resolve("b.npy");
        Files.write(train, Npy.writeFloat64(doubles(trainRows), N, D));   // float64 and float32 inputs both read
        Files.write(test, Npy.writeFloat32(testRows, 400, D));
        Files.write(weights, Npy.writeFloat32(b, D, M));
    }

    /** NMSE in double precision with the exact product computed by a triple loop: mean((Y - Ŷ)^2) / var(Y). */
    private static double referenceNmse(float[] a, int n, float[] b, double[] approx) {
        double[] y = new double[n * M];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < M; m++) {
                double s = 0;
                for (int j = 0; j < D; j++) {
                    s += (double) a[i * D + j] * b[j * M + m];
                }
                y[i * M + m] = s;
            }
        }
        double mean = Arrays.stream(y).average().orElseThrow();
        double err = 0;
        double var = 0;
        for (int p = 0; p < y.length; p++) {
            err += (y[p] - approx[p]) * (y[p] - approx[p]);
            var += (y[p] - mean) * (y[p] - mean);
        }
        return err / var;
    }

    private String[] fit(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("fit", "--a", train.toString(), "--b", weights.toString(),
                "--codebooks", "8", "--out", out.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void theToolIsRegistered() {
        assertThat(ServiceLoader.load(Tool.class).stream().map(p -> p.type().getName()))
                .contains(LutmmTool.class.getName());
    }

    @Test
    void fitThenApplyFollowTheConventionAndAgreeWithTheLibraryAndTheReference() throws IOException {
        Path model = dir.resolve("model.safetensors");
        JsonNode fitted = ToolRunner.assertConvention(new LutmmTool(), dir, List.of(Path.of("model.safetensors")),
                fit(model, "--json")).json();
        assertThat(fitted.get("rows").asInt()).isEqualTo(N);
        assertThat(fitted.get("inputs").asInt()).isEqualTo(D);
        assertThat(fitted.get("codebooks").asInt()).isEqualTo(8);
        assertThat(fitted.get("outputs").asInt()).isEqualTo(M);
        assertThat(fitted.get("aggregation").asText()).isEqualTo("average");
        assertThat(fitted.get("ridge").asBoolean()).isTrue();
        assertThat(fitted.get("lambda").asDouble()).isEqualTo(1.0);
        assertThat(fitted.get("fitSeconds").asDouble()).isPositive();
        double trainNmse = fitted.get("trainNmse").asDouble();

        // the saved model reproduces the printed training NMSE (against the slow reference) and is small on this data
        MaddnessMatmul saved = MaddnessFile.load(model);
        Tensor trainTensor = Tensor.wrap(trainRows, N, D);
        double reference = referenceNmse(trainRows, N, b, doubles(saved.multiply(trainTensor).data()));
        assertThat(trainNmse).isCloseTo(reference, withPercentage(0.1));
        assertThat(trainNmse).as("an 8-dimensional subspace with C = 8 of D = 32").isLessThan(0.15);
        // the file holds the model fitted by the library with the same settings
        MaddnessModel direct = MaddnessModel.fit(trainTensor, MaddnessConfig.maddness(8));
        assertThat(MaddnessFile.loadModel(model).prototypes()).isEqualTo(direct.prototypes());
        assertThat(saved.lut().table()).isEqualTo(direct.bind(Tensor.wrap(b, D, M)).lut().table());

        Path out = dir.resolve("y.npy");
        JsonNode applied = ToolRunner.assertConvention(new LutmmTool(), dir, List.of(Path.of("y.npy")), "apply",
                "--model", model.toString(), "--a", test.toString(), "--b", weights.toString(), "--out",
                out.toString(), "--json").json();
        assertThat(applied.get("rows").asInt()).isEqualTo(400);
        assertThat(applied.get("outputs").asInt()).isEqualTo(M);
        String header = new String(Files.readAllBytes(out), 0, 128, StandardCharsets.ISO_8859_1);
        assertThat(header).contains("'descr': '<f4'").contains("'shape': (400, 5)");
        Npy.Array2d y = Npy.read(out);
        float[] expected = saved.multiply(Tensor.wrap(testRows, 400, D)).data();
        assertThat(y.values()).isEqualTo(doubles(expected));   // float32 round trip: the library's product exactly
        double testNmse = applied.get("nmse").asDouble();
        assertThat(testNmse).isCloseTo(referenceNmse(testRows, 400, b, y.values()),
                withPercentage(0.1));
        assertThat(testNmse).as("new rows of the same distribution").isLessThan(0.15);

        // apply to the training rows: the same NMSE as fit printed; without --b no NMSE
        Path again = dir.resolve("train-y.npy");
        JsonNode onTrain = ToolRunner.run(new LutmmTool(), "apply", "--model", model.toString(), "--a",
                train.toString(), "--b", weights.toString(), "--out", again.toString(), "--json").json();
        assertThat(onTrain.get("nmse").asDouble()).isEqualTo(trainNmse);
        JsonNode noB = ToolRunner.run(new LutmmTool(), "apply", "--model", model.toString(), "--a", test.toString(),
                "--out", again.toString(), "--force", "--json").json();
        assertThat(noB.get("nmse").isNull()).isTrue();
        assertThat(noB.get("b").isNull()).isTrue();
    }

    @Test
    void textOutputIsOneSummaryLinePerCommand() {
        Path model = dir.resolve("m.safetensors");
        ToolRunner.Run fit = ToolRunner.run(new LutmmTool(), fit(model, "--aggregation", "sum", "--no-ridge"));
        assertThat(fit.exitCode()).as(fit.err()).isZero();
        assertThat(fit.out().lines().toList()).singleElement().asString()
                .contains("D = 32, C = 8, M = 5 (sum, no ridge)").contains("fitted on 1500 rows")
                .contains("training NMSE").endsWith(model.toString());
        ToolRunner.Run apply = ToolRunner.run(new LutmmTool(), "apply", "--model", model.toString(), "--a",
                test.toString(), "--b", weights.toString(), "--out", dir.resolve("y.npy").toString());
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        assertThat(apply.out().lines().toList()).hasSize(2).first().asString()
                .isEqualTo("wrote the 400 x 5 approximate product (D = 32, C = 8) to " + dir.resolve("y.npy"));
        assertThat(apply.out().lines().toList().get(1)).startsWith("NMSE against the exact product with --b " + weights);
    }

    @Test
    void noCommandReplacesAFileWithoutForce() throws IOException {
        Path model = dir.resolve("m.safetensors");
        assertThat(ToolRunner.run(new LutmmTool(), fit(model)).exitCode()).isZero();
        byte[] first = Files.readAllBytes(model);
        ToolRunner.Run again = ToolRunner.run(new LutmmTool(), fit(model, "--aggregation", "sum"));
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.errors()).containsExactly("--out " + model + " exists; pass --force to replace it");
        assertThat(Files.readAllBytes(model)).isEqualTo(first);
        ToolRunner.Run forced = ToolRunner.run(new LutmmTool(), fit(model, "--aggregation", "sum", "--force"));
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(MaddnessFile.load(model).lut().aggregation().name()).isEqualTo("SUM");

        Path out = dir.resolve("y.npy");
        Files.writeString(out, "keep");
        ToolRunner.Run apply = ToolRunner.run(new LutmmTool(), "apply", "--model", model.toString(), "--a",
                test.toString(), "--out", out.toString());
        assertThat(apply.exitCode()).isEqualTo(2);
        assertThat(apply.errors()).containsExactly("--out " + out + " exists; pass --force to replace it");
        assertThat(Files.readString(out)).isEqualTo("keep");
        assertThat(ToolRunner.run(new LutmmTool(), "apply", "--model", model.toString(), "--a", test.toString(),
                "--out", out.toString(), "--force").exitCode()).isZero();
        assertThat(Npy.read(out).rows()).isEqualTo(400);
    }

    // ------------------------------------------------------------------------------------------------ bad input

    /** An .npy file with any dtype and shape (the project's writer only writes 2-D floats). */
    private Path rawNpy(String name, String descr, String shape, int dataBytes) throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        String header = dict + " ".repeat(63 - (10 + dict.length()) % 64) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.ISO_8859_1));
        Path file = dir.resolve(name);
        Files.write(file, buf.array());
        return file;
    }

    private Path npy(String name, float[] values, int rows, int columns) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, Npy.writeFloat32(values, rows, columns));
        return file;
    }

    /** Runs a bad command line: exit 2, exactly one line on stderr holding every fragment, and no file written. */
    private void assertBad(String[] args, String... fragments) {
        Set<Path> before = ToolRunner.files(dir);
        ToolRunner.Run run = ToolRunner.run(new LutmmTool(), args);
        assertThat(run.exitCode()).as("exit status of %s; stderr %s", Arrays.toString(args), run.err()).isEqualTo(2);
        assertThat(run.err().lines().toList()).as("stderr").hasSize(1);
        assertThat(run.errors()).singleElement().asString().contains(fragments);
        assertThat(run.out()).isEmpty();
        assertThat(ToolRunner.files(dir)).as("files after a failed run").isEqualTo(before);
    }

    @Test
    void everyBadInputToFitIsExitTwoWithOneLineNamingTheValue() throws IOException {
        Path out = dir.resolve("m.safetensors");
        Path missing = dir.resolve("missing.npy");
        String[] base = fit(out);
        assertBad(replace(base, "--a", missing.toString()), "--a " + missing + ": no such file");
        assertBad(replace(base, "--b", missing.toString()), "--b " + missing + ": no such file");
        Path oneD = rawNpy("one-d.npy", "<f4", "(32,)", 128);
        assertBad(replace(base, "--a", oneD.toString()), "--a " + oneD + ": expected a 2-D array", "got shape (32)");
        Path ints = rawNpy("ints.npy", "<i4", "(4, 32)", 512);
        assertBad(replace(base, "--a", ints.toString()), "--a " + ints + ": unsupported dtype '<i4'");
        Path threeD = rawNpy("three-d.npy", "<f4", "(2, 4, 4)", 128);
        assertBad(replace(base, "--b", threeD.toString()), "--b " + threeD + ": expected a 2-D array");
        Path tall = npy("tall.npy", new float[40 * M], 40, M);
        assertBad(replace(base, "--b", tall.toString()), "--b " + tall + " is [40, 5] but --a " + train
                + " has D = 32 columns; B must be [32, M]");
        assertBad(replace(base, "--codebooks", "64"), "--codebooks 64 is larger than D = 32");
        assertBad(replace(base, "--codebooks", "6"), "--codebooks 6 is not a power of two", "--aggregation average");
        assertBad(replace(base, "--codebooks", "0"), "--codebooks must be in [1, 128], got 0");
        assertBad(fit(out, "--aggregation", "median"), "--aggregation must be average or sum, got 'median'");
        assertBad(fit(out, "--lambda", "0"), "--lambda must be positive and finite, got 0.0");
        assertBad(fit(out, "--lambda", "NaN"), "--lambda must be positive and finite, got NaN");
        float[] withNan = trainRows.clone();
        withNan[7 * D + 3] = Float.NaN;
        Path nan = npy("nan.npy", withNan, N, D);
        assertBad(replace(base, "--a", nan.toString()), "--a " + nan + ": ", "NaN at row 7, column 3");
        float[] bNan = b.clone();
        bNan[2 * M + 1] = Float.POSITIVE_INFINITY;
        Path badB = npy("b-inf.npy", bNan, D, M);
        assertBad(replace(base, "--b", badB.toString()), "--b " + badB + " holds Infinity at row 2, column 1");
        Path empty = npy("empty.npy", new float[0], 0, D);
        assertBad(replace(base, "--a", empty.toString()), "--a " + empty + ": ", "0 rows");
        assertBad(replace(base, "--out", train.toString()), "--out " + train + " is also an input file");
        assertBad(replace(base, "--out", dir.toString()), "--out " + dir + " is a folder");
        assertBad(new String[] {"fit", "--a", train.toString(), "--b", weights.toString(), "--out", out.toString()},
                "--codebooks");
        assertBad(new String[] {"fit", "--a", train.toString(), "--b", weights.toString(), "--codebooks", "eight",
                "--out", out.toString()}, "--codebooks", "eight");
        assertBad(new String[0], "missing subcommand");

        // C = 6 is fine with exact sums
        assertThat(ToolRunner.run(new LutmmTool(), replace(fit(out, "--aggregation", "sum"), "--codebooks", "6"))
                .exitCode()).isZero();
    }

    @Test
    void everyBadInputToApplyIsExitTwoWithOneLineNamingTheValue() throws IOException {
        Path model = dir.resolve("m.safetensors");
        assertThat(ToolRunner.run(new LutmmTool(), fit(model)).exitCode()).isZero();
        Path out = dir.resolve("y.npy");
        String[] base = {"apply", "--model", model.toString(), "--a", test.toString(), "--b", weights.toString(),
            "--out", out.toString()};
        Path missing = dir.resolve("missing.safetensors");
        assertBad(replace(base, "--model", missing.toString()), "--model " + missing + ": no such file");
        assertBad(replace(base, "--model", weights.toString()), "--model " + weights + ": ");
        Path truncated = dir.resolve("truncated.safetensors");
        byte[] bytes = Files.readAllBytes(model);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 10));
        assertBad(replace(base, "--model", truncated.toString()), "--model " + truncated + ": truncated");
        Path wide = npy("wide.npy", new float[10 * 40], 10, 40);
        assertBad(replace(base, "--a", wide.toString()), "--a " + wide + " has 40 columns but --model " + model
                + " takes D = 32");
        Path ints = rawNpy("ints.npy", "<i8", "(4, 32)", 1024);
        assertBad(replace(base, "--a", ints.toString()), "--a " + ints + ": unsupported dtype '<i8'");
        Path oneD = rawNpy("one-d.npy", "<f8", "(32,)", 256);
        assertBad(replace(base, "--a", oneD.toString()), "--a " + oneD + ": expected a 2-D array");
        Path narrowB = npy("narrow.npy", new float[D * 4], D, 4);
        assertBad(replace(base, "--b", narrowB.toString()), "--b " + narrowB + " is [32, 4] but --model " + model
                + " multiplies by B of shape [32, 5]");
        Path empty = npy("empty.npy", new float[0], 0, D);
        assertBad(replace(base, "--a", empty.toString()), "--a " + empty + " has 0 rows");
        assertBad(replace(base, "--out", model.toString()), "--out " + model + " is also an input file");
    }

    /** {@code args} with the value after {@code option} replaced. */
    private static String[] replace(String[] args, String option, String value) {
        String[] out = args.clone();
        int i = Arrays.asList(out).indexOf(option);
        assertThat(i).as("option %s in %s", option, Arrays.toString(args)).isNotNegative();
        out[i + 1] = value;
        return out;
    }
}
