package org.wisekit.fedmml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FedMmlCommandTest {

    private static int run(StringWriter err, String... args) {
        CommandLine cli = new CommandLine(new FedMmlCommand());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setExecutionExceptionHandler((e, c, p) -> {
            err.write(e.getMessage());
            return 2;
        });
        return cli.execute(args);
    }

    @Test
    void badInputFailsWithAOneLineMessage() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "client", "--server", "nohost", "--index", "0")).isNotZero();
        assertThat(err.toString()).contains("--server must be HOST:PORT");
        err = new StringWriter();
        assertThat(run(err, "client", "--server", "127.0.0.1:1", "--index", "12")).isNotZero();
        assertThat(err.toString()).contains("--index must be in [0, 10)");
        err = new StringWriter();
        assertThat(run(err, "simulate", "--task", "captioning")).isNotZero();
        assertThat(err.toString()).contains("task must be fusion or contrastive");
        err = new StringWriter();
        assertThat(run(err, "server", "--port", "1", "--scheme", "lw", "--round-timeout", "0")).isNotZero();
        assertThat(err.toString()).contains("--round-timeout must be >= 1");
    }
}
