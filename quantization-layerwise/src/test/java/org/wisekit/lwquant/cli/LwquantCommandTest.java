package org.wisekit.lwquant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.harness.Progress;
import org.wisekit.harness.testing.ToolRunner;
import org.wisekit.harness.testing.ToolRunner.Run;
import org.wisekit.lwquant.QuantizedLlama;
import org.wisekit.lwquant.TestModels;
import org.wisekit.lwquant.gguf.GgmlType;
import org.wisekit.lwquant.gguf.Gguf;
import org.wisekit.lwquant.gguf.GgufLlama;
import org.wisekit.lwquant.llama.LlamaCheckpoint;
import org.wisekit.lwquant.llama.LlamaConfig;

/** The {@code lwquant} tool on small random checkpoints, through the harness ToolRunner (CLI convention). */
class LwquantCommandTest {

    @TempDir
    Path dir;

    private static final LwquantTool TOOL = new LwquantTool();

    private Path model(int vocab, String name) throws Exception {
        LlamaConfig c = new LlamaConfig(vocab, 32, 4, 4, 4, 64, 32, 10000, 1e-5, false);
        Files.createDirectories(dir.resolve(name).getParent());
        Path file = dir.resolve(name);
        LlamaCheckpoint.save(TestModels.randomModel(c, 9), file, Map.of());
        Files.writeString(dir.resolve("calib.txt"), "The quick brown fox jumps over the lazy dog. ".repeat(20));
        return file;
    }

    private Path resource(String name, Path target) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/tokenizers/" + name)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static String ok(Run r) {
        assertThat(r.exitCode()).as("stderr: %s", r.err()).isZero();
        return r.out();
    }

    @Test
    void scoresAndQuantizeAsText() throws Exception {
        Path m = model(256, "model.safetensors");
        String calib = dir.resolve("calib.txt").toString();
        String scores = ok(ToolRunner.run(TOOL, "scores", "--model", m.toString(), "--text", calib));
        assertThat(scores.lines()).hasSize(5).first().isEqualTo("block,lim,bi,zd,zd_abs,zd_per_matrix,lim_rank,zd_rank");
        Path out = dir.resolve("q.safetensors");
        String q = ok(ToolRunner.run(TOOL, "quantize", "--model", m.toString(), "--text", calib, "--hi", "4", "--lo", "2",
                "--fraction", "0.5", "--order", "lim", "--quantizer", "gptq", "--out", out.toString()));
        assertThat(q).contains("blocks at 2 bits", "bits per weight", "wrote");
        assertThat(QuantizedLlama.read(out).bitsPerBlock()).containsOnly(4, 2);
    }

    @Test
    void everySubcommandFollowsTheConvention() throws Exception {
        Path m = model(256, "model.safetensors");
        String calib = dir.resolve("calib.txt").toString();
        JsonNode s = ToolRunner.assertConvention(TOOL, dir, List.of(), "scores", "--model", m.toString(), "--text", calib,
                "--json").json();
        assertThat(s.get("blocks")).hasSize(4);
        assertThat(s.get("tokenizer").asText()).isEqualTo("UTF-8 bytes");
        assertThat(s.get("format").asText()).isEqualTo("safetensors");

        Path lw = dir.resolve("q.safetensors");
        JsonNode q = ToolRunner.assertConvention(TOOL, dir, List.of(Path.of("q.safetensors")), "quantize", "--model",
                m.toString(), "--text", calib, "--fraction", "0.5", "--quantizer", "rtn", "--out", lw.toString(), "--json").json();
        assertThat(q.get("format").asText()).isEqualTo("lwquant-1");
        assertThat(q.get("low_blocks")).hasSize(2);

        Path gg = dir.resolve("q.gguf");
        JsonNode g = ToolRunner.assertConvention(TOOL, dir, List.of(Path.of("q.safetensors"), Path.of("q.gguf")), "quantize",
                "--model", m.toString(), "--text", calib, "--hi", "4", "--lo", "2", "--fraction", "0.5", "--out",
                gg.toString(), "--json").json();
        assertThat(g.get("format").asText()).isEqualTo("gguf");
        assertThat(g.get("bits_per_weight").asDouble()).isEqualTo(6.5); // half Q8_0 (8.5), half Q4_0 (4.5)
        List<String> types = new ArrayList<>();
        g.get("ggml_types").forEach(n -> types.add(n.asText()));
        assertThat(types).containsOnly("Q8_0", "Q4_0");
        GgmlType[] inFile = GgufLlama.blockTypes(Gguf.read(gg));
        for (int l = 0; l < 4; l++) {
            assertThat(inFile[l].name()).isEqualTo(types.get(l));
            assertThat(inFile[l]).isEqualTo(g.get("bits_per_block").get(l).asInt() == 4 ? GgmlType.Q8_0 : GgmlType.Q4_0);
        }

        // scores reads its own outputs, lwquant-1 and GGUF
        List<Path> all = List.of(Path.of("q.safetensors"), Path.of("q.gguf"));
        JsonNode sl = ToolRunner.assertConvention(TOOL, dir, all, "scores", "--model", lw.toString(), "--text", calib,
                "--json").json();
        assertThat(sl.get("format").asText()).isEqualTo("lwquant");
        JsonNode sg = ToolRunner.assertConvention(TOOL, dir, all, "scores", "--model", gg.toString(), "--text", calib,
                "--json").json();
        assertThat(sg.get("format").asText()).isEqualTo("gguf");
        assertThat(sg.get("blocks")).hasSize(4);
        // quantized weights change the scores only a little: same ZD ranks are not guaranteed, LIM stays close
        for (int l = 0; l < 4; l++) {
            assertThat(sg.get("blocks").get(l).get("lim").asDouble())
                    .isCloseTo(s.get("blocks").get(l).get("lim").asDouble(), org.assertj.core.data.Offset.offset(0.2));
        }
    }

    @Test
    void nonByteLevelVocabularyNeedsItsTokenizer() throws Exception {
        Path m = model(520, "llama2/model.safetensors");
        String calib = dir.resolve("calib.txt").toString();
        Run refused = ToolRunner.run(TOOL, "scores", "--model", m.toString(), "--text", calib);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.errors()).containsExactly("--text: the checkpoint's vocabulary (520 tokens) is not byte-level;"
                + " pass --tokenizer FILE (tokenizer.json) or put tokenizer.json beside the checkpoint");
        // an explicit tokenizer.json
        Path gpt2 = resource("gpt2-tiny.json", dir.resolve("gpt2-tiny.json"));
        JsonNode explicit = ToolRunner.run(TOOL, "scores", "--model", m.toString(), "--text", calib, "--tokenizer",
                gpt2.toString(), "--json").json();
        assertThat(explicit.get("tokenizer").asText()).isEqualTo("byte-level BPE");
        // tokenizer.json beside the checkpoint is the default
        resource("llama2-tiny.json", m.resolveSibling("tokenizer.json"));
        JsonNode beside = ToolRunner.run(TOOL, "scores", "--model", m.toString(), "--text", calib, "--json").json();
        assertThat(beside.get("tokenizer").asText()).isEqualTo("SentencePiece BPE (byte fallback)");
        assertThat(beside.get("calibration_tokens").asInt()).isLessThan(900); // fewer tokens than bytes
        // a tokenizer with more tokens than the checkpoint
        Path small = model(300, "small/model.safetensors");
        Run tooBig = ToolRunner.run(TOOL, "scores", "--model", small.toString(), "--text", calib, "--tokenizer",
                gpt2.toString());
        assertThat(tooBig.exitCode()).isEqualTo(2);
        assertThat(tooBig.errors()).singleElement().asString().contains("has 400 tokens, more than the checkpoint's vocabulary of 300");
    }

    @Test
    void gptqReportsProgressPerMatrix() throws Exception {
        Path m = model(256, "model.safetensors");
        List<String> events = new ArrayList<>();
        Progress recording = (label, total) -> {
            events.add("start " + label + " " + total);
            return new Progress.Task() {
                @Override
                public void step(long steps) {
                    events.add("step");
                }

                @Override
                public void status(String text) {
                    events.add("status " + text);
                }

                @Override
                public void close() {
                    events.add("close");
                }
            };
        };
        Run r = ToolRunner.run(TOOL, recording, "quantize", "--model", m.toString(), "--text",
                dir.resolve("calib.txt").toString(), "--windows", "4", "--fraction", "0.25", "--out",
                dir.resolve("g.safetensors").toString());
        ok(r);
        assertThat(events).contains("start LIM: forward passes 4", "start GPTQ: calibration statistics 4",
                "start quantizing (gptq-sym-g32) 28", "status block 4/4 mlp.down_proj");
        assertThat(events.stream().filter(e -> e.equals("step")).count()).isEqualTo(4 + 4 + 28);
        assertThat(r.out()).doesNotContain("start");
    }

    @Test
    void nothingIsWrittenInTheWorkingDirectory() throws Exception {
        Path m = model(256, "in/model.safetensors");
        Path work = Files.createDirectories(dir.resolve("work"));
        Path out = dir.resolve("out/q.gguf");
        Files.createDirectories(out.getParent());
        Run r = ToolRunner.runProcess(LwquantTool.class, work, Duration.ofMinutes(2), "quantize", "--model", m.toString(),
                "--text", dir.resolve("calib.txt").toString(), "--order", "zd", "--hi", "8", "--lo", "4", "--fraction", "0.5",
                "--out", out.toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.json().get("ggml_types").toString()).contains("Q8_0", "Q4_0");
        assertThat(ToolRunner.files(work)).isEmpty();
        assertThat(ToolRunner.files(m.getParent())).containsExactly(Path.of("model.safetensors"));
    }

    @Test
    void badInputGivesOneLineErrors() throws Exception {
        Path m = model(256, "model.safetensors");
        String calib = dir.resolve("calib.txt").toString();
        String[][] cases = {
            {"--fraction must be in [0, 1], got 1.5", "quantize", "--fraction", "1.5", "--out", "x"},
            {"bits 5 not supported", "quantize", "--fraction", "0.5", "--lo", "5", "--out", "x"},
            {"--order: unknown 'middle'", "quantize", "--fraction", "0.5", "--order", "middle", "--out", "x"},
            {"--format: unknown 'onnx'", "quantize", "--fraction", "0.5", "--format", "onnx", "--out", "x"},
            {"--quantizer gptq cannot be written to GGUF", "quantize", "--fraction", "0.5", "--quantizer", "gptq", "--out",
                "x.gguf"},
            {"--tokenizer: no such file", "scores", "--tokenizer", "missing.json"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of(c).subList(1, c.length));
            args.addAll(List.of("--model", m.toString(), "--text", calib));
            Run r = ToolRunner.run(TOOL, args.toArray(String[]::new));
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.errors()).singleElement().asString().contains(c[0]);
        }
        Run missing = ToolRunner.run(TOOL, "scores", "--model", dir.resolve("none.safetensors").toString());
        assertThat(missing.errors()).singleElement().asString().contains("no such file");
        Files.writeString(dir.resolve("bad.gguf"), "GGUF\u0003");
        Run bad = ToolRunner.run(TOOL, "scores", "--model", dir.resolve("bad.gguf").toString(), "--text", calib);
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.errors()).singleElement().asString().contains("truncated");
        assertThat(ToolRunner.files(dir)).doesNotContain(Path.of("x"), Path.of("x.gguf"));
    }
}
