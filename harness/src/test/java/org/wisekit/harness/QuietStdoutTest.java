package org.wisekit.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** QuietStdout sends a plain stdout to stderr while work runs, nested, and restores it, also after a failure. */
class QuietStdoutTest {

    @Test
    void aPlainStdoutGoesToStderrWhileWorkRunsAndComesBackAfterwards() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream plainOut = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        System.setOut(plainOut);
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            String result = QuietStdout.run(() -> {
                System.out.println("library noise");
                return QuietStdout.run(() -> {
                    System.out.println("nested noise");
                    return "done";
                });
            });
            System.out.println("after");
            assertThatThrownBy(() -> QuietStdout.call(() -> {
                throw new java.io.IOException("boom");
            })).isInstanceOf(java.io.IOException.class).hasMessage("boom");
            assertThat(System.out).isSameAs(plainOut);
            assertThat(result).isEqualTo("done");
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("library noise", "nested noise")
                .doesNotContain("after");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("after" + System.lineSeparator());
    }

    @Test
    void aCapturingStdoutIsLeftAlone() {
        PrintStream out = System.out;
        PrintStream capturing = new PrintStream(new ByteArrayOutputStream()) {
        };
        System.setOut(capturing);
        try {
            QuietStdout.run(() -> {
                assertThat(System.out).isSameAs(capturing);
                return null;
            });
        } finally {
            System.setOut(out);
        }
    }
}
