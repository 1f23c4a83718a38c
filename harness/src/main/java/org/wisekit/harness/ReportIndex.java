package org.wisekit.harness;

import org.wisekit.datasets.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code reports/index.md}: one table of every claim of every reproduction found under the reports
 * folder, rebuilt from the results.json files on disk so it is never out of step with them.
 */
public final class ReportIndex {

    private static final List<String> HEADER =
            List.of("reproduction", "claim", "paper", "measured", "threshold", "verdict", "profile");

    private ReportIndex() {
    }

    /** Rebuilds {@code <reportsRoot>/index.md} and returns its path. */
    public static Path refresh(Path reportsRoot) {
        List<Results> all = readAll(reportsRoot);
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        StringBuilder table = new StringBuilder(Markdown.row(HEADER)).append('\n').append(Markdown.separator(HEADER.size()));
        for (Results r : all) {
            String link = "[" + r.id() + "](" + r.id() + "/report.md)";
            for (Claim c : r.claims()) {
                counts.merge(c.verdict(), 1, Integer::sum);
                table.append('\n').append(Markdown.row(List.of(link, c.statement(), c.paperValue(),
                        c.measuredText(), c.threshold(), "**" + c.verdict() + "**", r.profile())));
            }
        }
        StringBuilder sb = new StringBuilder("# wisekit reproductions\n\n");
        if (all.isEmpty()) {
            sb.append("No reproduction has been run yet.\n");
        } else {
            sb.append(all.size()).append(" reproductions, verdicts: ");
            List<String> parts = new ArrayList<>();
            counts.forEach((v, n) -> parts.add(v + " " + n));
            sb.append(String.join(", ", parts)).append(".\n\n").append(table).append('\n');
        }
        Path index = reportsRoot.resolve("index.md");
        AtomicFiles.writeString(index, sb.toString());
        return index;
    }

    /** Every results.json at {@code <root>/<module>/<name>/results.json}, sorted by id. */
    static List<Results> readAll(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.find(root, 3,
                (p, a) -> a.isRegularFile() && p.getFileName().toString().equals("results.json"))) {
            return files.map(Results::read).sorted(Comparator.comparing(Results::id)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }
}
