package org.wisekit.calib.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.wisekit.calib.CalibrationMetrics;
import org.wisekit.calib.FitListener;
import org.wisekit.harness.Progress;

/** Helpers shared by the subcommands. */
final class CliSupport {

    private CliSupport() {
    }

    /** A listener that draws one task on {@code progress}, opened at the first iteration. */
    static final class ProgressListener implements FitListener, AutoCloseable {
        private final Progress progress;
        private final String label;
        private Progress.Task task;
        private int done;

        ProgressListener(Progress progress, String label) {
            this.progress = progress;
            this.label = label;
        }

        @Override
        public void iteration(int iteration, int maxIterations, double loss) {
            if (task == null) {
                task = progress.start(label, maxIterations);
            }
            task.step(iteration - done);
            done = iteration;
            if (iteration % 10 == 0) {
                task.status(String.format(Locale.ROOT, "loss %.6f", loss));
            }
        }

        @Override
        public void close() {
            if (task != null) {
                task.close();
            }
        }
    }

    /** The metrics as a JSON-ready map (fractions, not %). */
    static Map<String, Object> metrics(CalibrationMetrics m) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("rows", m.size());
        map.put("accuracy", m.accuracy());
        map.put("ece", m.ece());
        map.put("adaptiveEce", m.adaptiveEce());
        map.put("nll", Double.isNaN(m.nll()) ? null : m.nll());
        map.put("brier", m.brier());
        return map;
    }

    static String header(String first) {
        return String.format(Locale.ROOT, "%-22s %8s %8s %9s %9s %8s", first, "acc %", "ECE %", "adaECE %", "NLL", "Brier");
    }

    static String row(String name, CalibrationMetrics m) {
        return String.format(Locale.ROOT, "%-22s %8.2f %8.2f %9.2f %9.4f %8.4f", name, 100 * m.accuracy(), 100 * m.ece(),
                100 * m.adaptiveEce(), m.nll(), m.brier());
    }

    static String path(Path p) {
        return p == null ? null : p.toString();
    }

    /** Throws unless {@code file} is not one of the inputs (an output must not replace an input). */
    static void notAnInput(Path output, String option, Path... inputs) {
        if (output == null) {
            return;
        }
        for (Path in : inputs) {
            if (in != null && in.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException(option + " " + output + " is also an input file; name another file");
            }
        }
    }
}
