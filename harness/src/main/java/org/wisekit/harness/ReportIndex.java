package org.wisekit.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.wisekit.datasets.io.AtomicFiles;

/**
 * {@code reports/index.md}: one table of every claim of every reproduction found under the reports
 * folder, rebuilt from the results.json files on disk so it is never out of step with them.
 */
public final class ReportIndex {

    private static final List<String> HEADER =
            List.of("reproduction", "claim", "paper", "measured", "threshold", "verdict", "profile");

    private ReportIndex() {
    }

    /** The verdicts counted in the summary, in column order (invariants get a column of their own). */
    private static final List<Verdict> COUNTED = List.of(Verdict.REPRODUCED, Verdict.NOT_REPRODUCED, Verdict.PARTIAL,
            Verdict.INCONCLUSIVE, Verdict.NOT_RUN, Verdict.OUT_OF_SCOPE);

    /** Rebuilds {@code <reportsRoot>/index.md} and returns its path. */
    public static Path refresh(Path reportsRoot) {
        List<Results> all = readAll(reportsRoot);
        StringBuilder table = new StringBuilder(Markdown.row(HEADER)).append('\n').append(Markdown.separator(HEADER.size()));
        for (Results r : all) {
            String link = "[" + r.id() + "](" + r.id() + "/report.md)";
            for (Claim c : r.claims()) {
                table.append('\n').append(Markdown.row(List.of(link, c.statement(), c.paperValue(),
                        c.measuredText(), c.threshold(), "**" + c.verdict() + "**", r.profile())));
            }
        }
        StringBuilder sb = new StringBuilder("# wisekit reproductions\n\n");
        if (all.isEmpty()) {
            sb.append("No reproduction has been run yet.\n");
        } else {
            sb.append(summary(all)).append("\n").append(table).append('\n');
        }
        Path index = reportsRoot.resolve("index.md");
        AtomicFiles.writeString(index, sb.toString());
        return index;
    }

    /**
     * Claims per module and in total, by verdict; invariants (held / checked) apart; and the share of
     * REPRODUCED among the in-scope claims (those run here: not invariants, not NOT_RUN, not OUT_OF_SCOPE).
     */
    static String summary(List<Results> all) {
        Map<String, List<Claim>> byModule = new TreeMap<>();
        for (Results r : all) {
            byModule.computeIfAbsent(r.module(), m -> new ArrayList<>()).addAll(r.claims());
        }
        List<String> header = new ArrayList<>(List.of("module"));
        COUNTED.forEach(v -> header.add(v.name()));
        header.addAll(List.of("invariants held", "reproduced among in-scope"));
        StringBuilder sb = new StringBuilder(Markdown.row(header)).append('\n').append(Markdown.separator(header.size()));
        List<Claim> every = new ArrayList<>();
        byModule.forEach((module, claims) -> {
            sb.append('\n').append(Markdown.row(summaryRow(module, claims)));
            every.addAll(claims);
        });
        sb.append('\n').append(Markdown.row(summaryRow("**total**", every)));
        return all.size() + " reproductions.\n\n" + sb + "\n";
    }

    private static List<String> summaryRow(String name, List<Claim> claims) {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        claims.forEach(c -> counts.merge(c.verdict(), 1, Integer::sum));
        List<String> row = new ArrayList<>(List.of(name));
        COUNTED.forEach(v -> row.add(String.valueOf(counts.getOrDefault(v, 0))));
        int held = counts.getOrDefault(Verdict.INVARIANT, 0);
        row.add(held + " of " + (held + counts.getOrDefault(Verdict.INVARIANT_VIOLATED, 0)));
        long inScope = claims.stream().filter(c -> c.verdict().isInScope()).count();
        int reproduced = counts.getOrDefault(Verdict.REPRODUCED, 0);
        row.add(inScope == 0 ? "—" : reproduced + " of " + inScope + String.format(Locale.ROOT, " (%.0f %%)",
                100.0 * reproduced / inScope));
        return row;
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
