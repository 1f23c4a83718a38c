package org.wisekit.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.wisekit.harness.Progress;

/**
 * Progress bars on stderr, so stdout stays clean for {@code --json}. On a terminal the bar redraws in
 * place; in a log (no terminal) it prints a line at most every {@link #LOG_INTERVAL_MS}.
 */
final class ConsoleProgress implements Progress {

    private static final long LOG_INTERVAL_MS = 15_000;

    private final PrintStream err;
    private final boolean terminal;

    ConsoleProgress(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public Task start(String label, long total) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(label)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(terminal ? 250 : (int) LOG_INTERVAL_MS)
                .showSpeed();
        builder.setConsumer(terminal ? new ConsoleProgressBarConsumer(err) : new DelegatingProgressBarConsumer(new LogLines(err)));
        ProgressBar bar = builder.build();
        return new Task() {
            @Override
            public void step(long steps) {
                bar.stepBy(steps);
            }

            @Override
            public void status(String text) {
                bar.setExtraMessage(text);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }

    /** Prints each rendered bar as a line, skipping a line identical to the one before (the final update and close repeat it). */
    private static final class LogLines implements java.util.function.Consumer<String> {
        private final PrintStream err;
        private String last = "";

        LogLines(PrintStream err) {
            this.err = err;
        }

        @Override
        public void accept(String line) {
            if (!line.equals(last)) {
                err.println(line);
                last = line;
            }
        }
    }
}
