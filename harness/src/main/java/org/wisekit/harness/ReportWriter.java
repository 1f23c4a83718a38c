package org.wisekit.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.wisekit.datasets.io.AtomicFiles;

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

    private static void table(StringBuilder sb, List<Claim> claims) {
        sb.append(Markdown.row(CLAIM_HEADER)).append('\n').append(Markdown.separator(CLAIM_HEADER.size()));
        for (Claim c : claims) {
            sb.append('\n').append(Markdown.row(List.of(c.statement(), c.paperValue(), c.measuredText(),
                    c.threshold(), "**" + c.verdict() + "**", c.note())));
        }
    }

    static String markdown(Results r, Report body) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(r.id()).append(" — ").append(r.title()).append("\n\n");
        sb.append("Paper: ").append(r.paper()).append("  \n");
        sb.append("Profile: `").append(r.profile()).append("`, seed ").append(r.seed())
                .append(", ").append(String.format(Locale.ROOT, "%.1f", r.durationSeconds())).append(" s  \n");
        sb.append("Machine: ").append(r.machine().describe()).append("  \n");
        sb.append("Code: commit `").append(r.commit()).append("`");
        if (!r.datasets().isEmpty()) {
            sb.append("  \nData: ");
            List<String> data = new ArrayList<>();
            r.datasets().forEach((name, sha) -> data.add("`" + name + "` (sha256 " + sha.substring(0, Math.min(12, sha.length())) + "…)"));
            sb.append(String.join(", ", data));
        }
        sb.append("\n\n## Claims\n\n");
        table(sb, r.claims().stream().filter(c -> !c.verdict().isInvariant()).toList());
        List<Claim> invariants = r.claims().stream().filter(c -> c.verdict().isInvariant()).toList();
        if (!invariants.isEmpty()) {
            sb.append("\n\n## Invariants\n\nChecks that hold by construction (a clamp, an identity, a theorem): they"
                    + " show the implementation is consistent, and are not counted as reproductions.\n\n");
            table(sb, invariants);
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
