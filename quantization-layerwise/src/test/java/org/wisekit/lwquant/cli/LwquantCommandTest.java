package org.wisekit.lwquant.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.lwquant.QuantizedLlama;
import org.wisekit.lwquant.TestModels;
import org.wisekit.lwquant.llama.LlamaCheckpoint;
import org.wisekit.lwquant.llama.LlamaConfig;
import picocli.CommandLine;

/** The {@code lwquant} tool on a small random checkpoint. */
class LwquantCommandTest {

    @TempDir
    Path dir;

    private String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new LwquantCommand());
        cli.setOut(new PrintWriter(out));
        Exception[] failure = new Exception[1];
        cli.setExecutionExceptionHandler((e, c, p) -> {
            failure[0] = e;
            return 1;
        });
        int code = cli.execute(args);
        if (failure[0] instanceof IllegalArgumentException iae) {
            throw iae;
        }
        assertThat(code).isZero();
        return out.toString();
    }

    private Path model() throws Exception {
        LlamaConfig c = new LlamaConfig(256, 32, 4, 4, 4, 64, 32, 10000, 1e-5, false);
        Path file = dir.resolve("model.safetensors");
        LlamaCheckpoint.save(TestModels.randomModel(c, 9), file, Map.of());
        Files.writeString(dir.resolve("calib.txt"), "The quick brown fox jumps over the lazy dog. ".repeat(20));
        return file;
    }

    @Test
    void scoresAndQuantize() throws Exception {
        Path m = model();
        String calib = dir.resolve("calib.txt").toString();
        String scores = run("scores", "--model", m.toString(), "--text", calib);
        assertThat(scores.lines()).hasSize(5).first().isEqualTo("block,lim,bi,zd,zd_abs,zd_per_matrix,lim_rank,zd_rank");
        Path out = dir.resolve("q.safetensors");
        String q = run("quantize", "--model", m.toString(), "--text", calib, "--hi", "4", "--lo", "2", "--fraction", "0.5",
                "--order", "lim", "--quantizer", "gptq", "--out", out.toString());
        assertThat(q).contains("blocks at 2 bits", "bits per weight", "wrote");
        assertThat(QuantizedLlama.read(out).bitsPerBlock()).containsOnly(4, 2);
    }

    @Test
    void badInputGivesOneLineErrors() throws Exception {
        Path m = model();
        String calib = dir.resolve("calib.txt").toString();
        assertThatThrownBy(() -> run("quantize", "--model", m.toString(), "--text", calib, "--fraction", "1.5", "--out", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--fraction must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> run("quantize", "--model", m.toString(), "--text", calib, "--fraction", "0.5", "--lo", "5",
                "--out", "x")).hasMessageContaining("bits 5 not supported");
        assertThatThrownBy(() -> run("quantize", "--model", m.toString(), "--text", calib, "--fraction", "0.5",
                "--order", "middle", "--out", "x")).hasMessageContaining("--order: unknown 'middle'");
        assertThatThrownBy(() -> run("scores", "--model", dir.resolve("none.safetensors").toString()))
                .hasMessageContaining("no such file");
    }
}
