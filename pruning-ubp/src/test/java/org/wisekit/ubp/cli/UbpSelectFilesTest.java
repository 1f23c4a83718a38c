package org.wisekit.ubp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.datasets.io.AtomicFiles;
import org.wisekit.datasets.io.Npy;
import org.wisekit.datasets.io.Safetensors;
import org.wisekit.datasets.io.Safetensors.Dtype;
import org.wisekit.datasets.io.Safetensors.Tensor;
import org.wisekit.harness.testing.ToolRunner;
import org.wisekit.harness.testing.ToolRunner.Run;
import org.wisekit.ubp.BlockSelection;
import org.wisekit.ubp.KernelPath;
import org.wisekit.ubp.SparseKernel;
import org.wisekit.ubp.SparseMatrix;

/** {@code wisekit ubp select} on the user's .npy and safetensors files, and the files it writes. */
class UbpSelectFilesTest {

    @TempDir
    Path dir;

    private final UbpTool tool = new UbpTool();

    private static float[] gaussian(long seed, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return v;
    }

    /** A safetensors file with a BF16 2-D weight, an F16 conv weight, an F32 bias and an I32 tensor. */
    private Path model() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("embed", new Tensor(Dtype.I32, new long[] {2}, new byte[8]));
        t.put("layer.weight", bf16(gaussian(1, 16 * 12), 16, 12));
        t.put("layer.bias", Tensor.ofFloats(gaussian(2, 16), 16));
        t.put("conv.weight", f16(16, 3, 3, 3));
        Path file = dir.resolve("model.safetensors");
        AtomicFiles.write(file, new Safetensors(t, Map.of("format", "pt")).toBytes());
        return file;
    }

    private static Tensor bf16(float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putShort((short) (Float.floatToIntBits(v) >>> 16));
        }
        return new Tensor(Dtype.BF16, shape, b.array());
    }

    /** F16 values k / 64 for k = -200 .. (exact halves). */
    private static Tensor f16(long... shape) {
        int n = (int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        ByteBuffer b = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            int k = rng.nextInt(-200, 200);
            // |k| / 64 in binary16: exact for |k| < 2048
            b.putShort(k == 0 ? 0 : half(k / 64f));
        }
        return new Tensor(Dtype.F16, shape, b.array());
    }

    private static short half(float f) {
        int bits = Float.floatToIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = ((bits >>> 23) & 0xff) - 127 + 15;
        int mant = (bits >>> 13) & 0x3ff;
        return (short) (sign | exp << 10 | mant);
    }

    @Test
    void npyFollowsTheConventionAndWritesPrunedMaskAndPacked() throws Exception {
        float[] w = gaussian(5, 24 * 10);
        Path in = dir.resolve("w.npy");
        AtomicFiles.write(in, Npy.writeFloat32(w, 24, 10));
        Path out = dir.resolve("pruned.npy");
        Path mask = dir.resolve("mask.npy");
        Path packed = dir.resolve("w.ubp");
        Run run = ToolRunner.assertConvention(tool, dir, List.of(out, mask, packed), "select", "--weights", in.toString(),
                "--sparsity", "0.75", "--block", "4", "--out", out.toString(), "--mask", mask.toString(),
                "--packed", packed.toString(), "--json");
        JsonNode j = run.json();
        assertThat(j.get("format").asText()).isEqualTo("npy");
        assertThat(j.get("dtype").asText()).isEqualTo("float32");
        assertThat(j.get("rows").asInt()).isEqualTo(24);
        assertThat(j.get("blockSize").asInt()).isEqualTo(4);
        assertThat(j.get("targetDensity").asDouble()).isEqualTo(0.25);
        assertThat(j.get("budgetBlocks").asInt()).isEqualTo(15);
        JsonNode r = j.get("results").get(0);
        assertThat(r.get("method").asText()).isEqualTo("bed");
        assertThat(r.get("blocks").asInt()).isEqualTo(15);
        assertThat(r.get("keptWeights").asInt()).isEqualTo(60);
        assertThat(r.get("keptScoreRatio").asDouble()).isBetween(0.25, 1.0);
        assertThat(j.get("packedKernel").asText()).isEqualTo("ubp-wros");
        assertThat(j.get("files").get("out").asText()).isEqualTo(out.toString());
        assertThat(j.get("files").get("packed").asText()).isEqualTo(packed.toString());

        boolean[] keep = readNpyMask(mask, 24, 10);
        float[] pruned = toFloats(Npy.read(out).values());
        int kept = 0;
        for (int i = 0; i < w.length; i++) {
            assertThat(pruned[i]).isEqualTo(keep[i] ? w[i] : 0f);
            kept += keep[i] ? 1 : 0;
        }
        assertThat(kept).isEqualTo(60);
        SparseMatrix m = SparseMatrix.read(packed);
        assertThat(m.kernel()).isEqualTo(SparseKernel.UBP_WROS);
        assertThat(m.selection().mask()).containsExactly(keep);
        assertThat(m.toDense()).containsExactly(pruned);
        // the kernel on the loaded matrix = the dense pruned product
        int pixels = 37;
        float[] x = gaussian(9, 10 * pixels);
        float[] y = m.multiply(x, pixels);
        for (int i = 0; i < 24; i++) {
            for (int p = 0; p < pixels; p++) {
                double s = 0;
                for (int k = 0; k < 10; k++) {
                    s += (double) pruned[i * 10 + k] * x[k * pixels + p];
                }
                assertThat((double) y[i * pixels + p]).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void float64NpyStaysFloat64WithExactKeptValues() throws Exception {
        double[] w = new double[8 * 4];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 7 - 3) * 0.1 + 1e-12 * i;   // not representable in float32
        }
        Path in = dir.resolve("w64.npy");
        AtomicFiles.write(in, Npy.writeFloat64(w, 8, 4));
        Path out = dir.resolve("p64.npy");
        Run run = ToolRunner.run(tool, "select", "--weights", in.toString(), "--sparsity", "0.5", "--block", "2",
                "--method", "abp", "--out", out.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("dtype").asText()).isEqualTo("float64");
        assertThat(new String(Files.readAllBytes(out), 0, 64, StandardCharsets.ISO_8859_1)).contains("'<f8'");
        double[] back = Npy.read(out).values();
        int kept = 0;
        for (int i = 0; i < w.length; i++) {
            assertThat(back[i] == 0 || back[i] == w[i]).isTrue();
            kept += back[i] != 0 ? 1 : 0;
        }
        assertThat(kept).isEqualTo(16);
    }

    @Test
    void safetensorsFollowsTheConventionAndKeepsTheOtherTensors() {
        Path in = model();
        Safetensors original = Safetensors.read(in);
        Path out = dir.resolve("pruned.safetensors");
        Path mask = dir.resolve("mask.safetensors");
        Path packed = dir.resolve("layer.ubp");
        Run run = ToolRunner.assertConvention(tool, dir, List.of(out, mask, packed), "select", "--weights", in.toString(),
                "--tensor", "layer.weight", "--sparsity", "0.5", "--block", "2", "--method", "greedy", "--out", out.toString(),
                "--mask", mask.toString(), "--packed", packed.toString(), "--json");
        JsonNode j = run.json();
        assertThat(j.get("tensor").asText()).isEqualTo("layer.weight");
        assertThat(j.get("dtype").asText()).isEqualTo("BF16");
        assertThat(j.get("shape").toString()).isEqualTo("[16,12]");
        Safetensors p = Safetensors.read(out);
        assertThat(p.names()).containsExactlyElementsOf(original.names());
        assertThat(p.metadata()).isEqualTo(original.metadata());
        for (String name : List.of("embed", "layer.bias", "conv.weight")) {
            assertThat(p.tensor(name)).isEqualTo(original.tensor(name));
        }
        Tensor m = Safetensors.read(mask).tensor("layer.weight");
        assertThat(m.dtype()).isEqualTo(Dtype.U8);
        assertThat(m.shape()).containsExactly(16, 12);
        byte[] before = original.tensor("layer.weight").data();
        byte[] after = p.tensor("layer.weight").data();
        assertThat(p.tensor("layer.weight").dtype()).isEqualTo(Dtype.BF16);
        boolean[] keep = new boolean[16 * 12];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = m.data()[i] == 1;
            assertThat(m.data()[i]).isIn((byte) 0, (byte) 1);
            for (int b = 0; b < 2; b++) {
                assertThat(after[2 * i + b]).isEqualTo(keep[i] ? before[2 * i + b] : 0);
            }
        }
        SparseMatrix packedMatrix = SparseMatrix.read(packed);
        assertThat(packedMatrix.selection().mask()).containsExactly(keep);
        assertThat(packedMatrix.toDense()).containsExactly(p.tensor("layer.weight").toFloats());
    }

    @Test
    void convolutionWeightsAreSelectedAsOutByInTimesKernel() {
        Path in = model();
        Path out = dir.resolve("conv.safetensors");
        Path mask = dir.resolve("conv-mask.safetensors");
        Run run = ToolRunner.run(tool, "select", "--weights", in.toString(), "--tensor", "conv.weight",
                "--sparsity", "0.75", "--block", "4", "--out", out.toString(), "--mask", mask.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode j = run.json();
        assertThat(j.get("rows").asInt()).isEqualTo(16);
        assertThat(j.get("cols").asInt()).isEqualTo(27);
        assertThat(j.get("dtype").asText()).isEqualTo("F16");
        Tensor m = Safetensors.read(mask).tensor("conv.weight");
        assertThat(m.shape()).containsExactly(16, 3, 3, 3);
        Tensor p = Safetensors.read(out).tensor("conv.weight");
        assertThat(p.shape()).containsExactly(16, 3, 3, 3);
        float[] before = Safetensors.read(in).tensor("conv.weight").toFloats();
        float[] after = p.toFloats();
        for (int i = 0; i < before.length; i++) {
            assertThat(after[i]).isEqualTo(m.data()[i] == 1 ? before[i] : 0f);
        }
        // a block is 4 consecutive output channels at one (input channel, ky, kx)
        BlockSelection sel = BlockSelection.ofMask(16, 27, toBooleans(m.data()));
        assertThat(sel.count()).isEqualTo(j.get("results").get(0).get("keptWeights").asInt());
    }

    @Test
    void randomWeightsTakeTheFormatTheirOutputNamesAskFor() throws Exception {
        Path out = dir.resolve("r.safetensors");
        Path mask = dir.resolve("r-mask.npy");
        Path text = dir.resolve("r-pruned.txt");
        Run run = ToolRunner.assertConvention(tool, dir, List.of(out, mask), "select", "--rows", "12", "--cols", "8",
                "--sparsity", "0.5", "--block", "2", "--method", "abp", "--out", out.toString(), "--mask", mask.toString(),
                "--json");
        assertThat(run.json().get("format").asText()).isEqualTo("random");
        assertThat(run.json().get("seed").asLong()).isEqualTo(42);
        Tensor t = Safetensors.read(out).tensor("weight");
        boolean[] keep = readNpyMask(mask, 12, 8);
        float[] w = org.wisekit.tensor.Normals.floats(42, 96);
        float[] p = t.toFloats();
        for (int i = 0; i < w.length; i++) {
            assertThat(p[i]).isEqualTo(keep[i] ? w[i] : 0f);
        }
        Run plain = ToolRunner.run(tool, "select", "--rows", "12", "--cols", "8", "--sparsity", "0.5", "--block", "2",
                "--method", "abp", "--out", text.toString());
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("pruned weights: " + text);
        assertThat(org.wisekit.ubp.WeightMatrix.read(text).values()).containsExactly(p);
    }

    @Test
    void writesNothingWithoutOutputOptions() {
        Path in = model();
        Path npy = dir.resolve("w.npy");
        AtomicFiles.write(npy, Npy.writeFloat32(gaussian(4, 32), 8, 4));
        ToolRunner.assertConvention(tool, dir, List.of(), "select", "--weights", in.toString(), "--tensor",
                "layer.weight", "--sparsity", "0.8", "--method", "abp,bed,dp", "--json");
        ToolRunner.assertConvention(tool, dir, List.of(), "select", "--weights", npy.toString(),
                "--sparsity", "0.5", "--block", "2", "--json");
        Run text = ToolRunner.run(tool, "select", "--rows", "16", "--cols", "8", "--sparsity", "0.5");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).startsWith("W: 16 x 8 (N(0,1), seed 42)");
        assertThat(ToolRunner.files(dir)).containsExactlyInAnyOrder(Path.of("model.safetensors"), Path.of("w.npy"));
    }

    @Test
    void separateProcessWritesOnlyTheNamedFiles() {
        Path in = model();
        Path work = dir.resolve("work");
        Run run = ToolRunner.runProcess(UbpTool.class, dir, Duration.ofSeconds(60), "select", "--weights",
                "model.safetensors", "--tensor", "layer.weight", "--sparsity", "0.5", "--packed", "out/l.ubp", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("files").get("packed").asText()).isEqualTo("out/l.ubp");
        assertThat(ToolRunner.files(dir)).containsExactlyInAnyOrder(in.getFileName(), Path.of("out", "l.ubp"));
        assertThat(Files.exists(work)).isFalse();
    }

    @Test
    void badFilesGiveOneLineNamingTheParameter() throws Exception {
        Path in = model();
        bad("--tensor layer.wieght: no tensor named 'layer.wieght' (4 tensors: layer.weight, layer.bias, embed, conv.weight)",
                "--weights", in.toString(), "--tensor", "layer.wieght");
        bad("--tensor is required: " + in + " holds 4 tensors (embed, layer.weight, layer.bias, conv.weight)",
                "--weights", in.toString());
        bad("--tensor layer.bias: a weight matrix needs a tensor of rank 2 (out, in), 3 (out, in, k) or 4 (out, in, kh, kw),"
                + " got rank 1 [16]", "--weights", in.toString(), "--tensor", "layer.bias");
        bad("--tensor embed: a weight matrix needs a tensor of rank 2 (out, in), 3 (out, in, k) or 4 (out, in, kh, kw),"
                + " got rank 1 [2]", "--weights", in.toString(), "--tensor", "embed");
        Path ints = dir.resolve("ints.safetensors");
        AtomicFiles.write(ints, Safetensors.of("w", new Tensor(Dtype.I32, new long[] {2, 2}, new byte[16])).toBytes());
        bad("--tensor w: dtype I32 is not a floating-point type (F16, BF16, F32 or F64)", "--weights", ints.toString());
        byte[] whole = Files.readAllBytes(in);
        Path truncated = dir.resolve("cut.safetensors");
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length - 5));
        bad("--weights " + truncated + ": tensor 'conv.weight': data_offsets [456, 1320] out of range of the 1315-byte data"
                + " buffer (truncated file?)", "--weights", truncated.toString(), "--tensor", "layer.weight");
        Files.write(truncated, java.util.Arrays.copyOf(whole, 40));
        bad("--weights " + truncated + ": header length", "--weights", truncated.toString());
        Files.write(truncated, "{\"w\": 1}".getBytes(StandardCharsets.UTF_8));
        bad("--weights " + truncated + ": header length", "--weights", truncated.toString());
        bad("--weights " + dir.resolve("none.safetensors") + ": no such file", "--weights", dir.resolve("none.safetensors").toString());
        Path npy = dir.resolve("w.npy");
        AtomicFiles.write(npy, Npy.writeFloat32(gaussian(4, 32), 8, 4));
        bad("--tensor x needs a .safetensors weights file, got " + npy, "--weights", npy.toString(), "--tensor", "x");
        bad("--out " + dir.resolve("p.safetensors") + ": the weights are npy, so --out is written as npy; name a file ending in .npy",
                "--weights", npy.toString(), "--out", dir.resolve("p.safetensors").toString());
        bad("--mask " + dir.resolve("m.npy") + ": the weights are safetensors, so --mask is written as safetensors; name a file"
                + " ending in .safetensors", "--weights", in.toString(), "--tensor", "layer.weight", "--mask",
                dir.resolve("m.npy").toString());
        bad("--out, --mask and --packed need exactly one --method, got 'abp,bed'", "--weights", npy.toString(),
                "--method", "abp,bed", "--packed", dir.resolve("x.ubp").toString());
        bad("--out, --mask and --packed must name different files, got " + dir.resolve("x.npy") + " twice", "--weights",
                npy.toString(), "--out", dir.resolve("x.npy").toString(), "--mask", dir.resolve("x.npy").toString());
        bad("--kernel abp: ABP needs an aligned selection (every block starting at a multiple of V = 4)", "--weights",
                npy.toString(), "--method", "bed", "--kernel", "abp", "--packed", dir.resolve("x.ubp").toString());
        bad("--kernel must be one of auto, csr, abp, ubp-sliding, ubp-wros, got 'fast'", "--weights", npy.toString(),
                "--kernel", "fast", "--packed", dir.resolve("x.ubp").toString());
        Path nan = dir.resolve("nan.npy");
        float[] withNan = gaussian(4, 32);
        withNan[5] = Float.NaN;
        AtomicFiles.write(nan, Npy.writeFloat32(withNan, 8, 4));
        bad("--weights " + nan + ": the weight at row 1, column 1 is not finite: NaN", "--weights", nan.toString());
        Path cube = dir.resolve("cube.npy");
        Files.write(cube, Npy.writeFloat32(new float[8], 2, 4));
        byte[] c = Files.readAllBytes(cube);
        String h = new String(c, StandardCharsets.ISO_8859_1).replace("(2, 4), }", "(2,2,2), }");
        Files.write(cube, h.getBytes(StandardCharsets.ISO_8859_1));
        bad("--weights " + cube + ": expected a 2-D array (rows x columns), got shape (2,2,2) (reshape a convolution weight",
                "--weights", cube.toString());
        assertThat(ToolRunner.files(dir)).doesNotContain(Path.of("x.ubp"), Path.of("x.npy"), Path.of("p.safetensors"),
                Path.of("m.npy"));
    }

    private void bad(String message, String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "select";
        args[1] = "--sparsity";
        args[2] = "0.5";
        System.arraycopy(options, 0, args, 3, options.length);
        Run run = ToolRunner.run(tool, args);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.err()).isEqualTo(2);
        assertThat(run.errors()).hasSize(1);
        assertThat(run.errors().get(0)).startsWith(message);
        assertThat(run.out()).isEmpty();
    }

    private static boolean[] readNpyMask(Path file, int rows, int cols) throws Exception {
        byte[] b = Files.readAllBytes(file);
        int headerLength = ByteBuffer.wrap(b, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        String header = new String(b, 10, headerLength, StandardCharsets.ISO_8859_1);
        assertThat(header).startsWith("{'descr': '|u1', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }");
        assertThat((10 + headerLength) % 64).isZero();
        assertThat(b.length).isEqualTo(10 + headerLength + rows * cols);
        boolean[] keep = new boolean[rows * cols];
        for (int i = 0; i < keep.length; i++) {
            assertThat(b[10 + headerLength + i]).isIn((byte) 0, (byte) 1);
            keep[i] = b[10 + headerLength + i] == 1;
        }
        return keep;
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static boolean[] toBooleans(byte[] b) {
        boolean[] k = new boolean[b.length];
        for (int i = 0; i < b.length; i++) {
            k[i] = b[i] == 1;
        }
        return k;
    }

    static {
        KernelPath.defaultPath();
    }
}
