package org.wisekit.harness;

import org.wisekit.datasets.io.AtomicFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes a run's {@code report.md} and {@code results.json} (atomically) into its output folder. */
final class ReportWriter {

    private static final List<String> CLAIM_HEADER =
            List.of("claim", "paper", "measured", "threshold", "verdict", "note");

    private ReportWriter() {
    }

    static void write(Path dir, Results results, Report body) {
        AtomicFiles.writeString(dir.resolve("results.json"), results.toJson() + "\n");
        AtomicFiles.writeString(dir.resolve("report.md"), markdown(results, body));
    }

    static String markdown(Results r, Report body) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(r.id()).append(" — ").append(r.title()).append("\n\n");
        sb.append("Paper: ").append(r.paper()).append("  \n");
        sb.append("Profile: `").append(r.profile()).append("`, seed ").append(r.seed())
                .append(", ").append(String.format(Locale.ROOT, "%.1f", r.durationSeconds())).append(" s  \n");
        sb.append("Machine: ").append(r.machine().describe()).append("\n\n");
        sb.append("## Claims\n\n").append(Markdown.row(CLAIM_HEADER)).append('\n')
                .append(Markdown.separator(CLAIM_HEADER.size()));
        for (Claim c : r.claims()) {
            sb.append('\n').append(Markdown.row(List.of(c.statement(), c.paperValue(), c.measuredText(),
                    c.threshold(), "**" + c.verdict() + "**", c.note())));
        }
        sb.append("\n\n");
        List<String> blocks = body.blocks();
        if (!blocks.isEmpty()) {
            sb.append("## Details\n\n");
            for (String b : blocks) {
                sb.append(b).append("\n\n");
            }
        }
        return sb.toString();
    }
}
