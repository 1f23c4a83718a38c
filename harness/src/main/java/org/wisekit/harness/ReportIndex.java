package org.wisekit.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.wisekit.datasets.io.AtomicFiles;

/**
 * {@code reports/index.md}: every report found under the reports folder, rebuilt from the results.json
 * files on disk ({@code <module>/<name>/<profile>/results.json}) so it is never out of step with them.
 * It opens with one row per reproduction and one column per profile that has reports, then gives a
 * section per profile: claims per module by verdict, and every claim.
 */
public final class ReportIndex {

    private static final List<String> CLAIM_HEADER =
            List.of("reproduction", "claim", "paper", "measured", "threshold", "verdict");

    /** Sections in this order: the main job first. */
    private static final List<Profile> ORDER = List.of(Profile.DEFAULT, Profile.FULL, Profile.SMOKE);

    /** The verdicts counted in the summary, in column order (invariants get a column of their own). */
    private static final List<Verdict> COUNTED = List.of(Verdict.REPRODUCED, Verdict.NOT_REPRODUCED, Verdict.PARTIAL,
            Verdict.INCONCLUSIVE, Verdict.NOT_RUN, Verdict.OUT_OF_SCOPE);

    private ReportIndex() {
    }

    /** One report on disk: its results and its folder relative to the reports root ("m/x/default"). */
    record Found(String folder, Profile profile, Results results) {
        String link(String text) {
            return "[" + text + "](" + folder + "/report.md)";
        }
    }

    /** Rebuilds {@code <reportsRoot>/index.md} and returns its path. */
    public static Path refresh(Path reportsRoot) {
        List<Found> all = readAll(reportsRoot);
        StringBuilder sb = new StringBuilder("# wisekit reproductions\n\n");
        if (all.isEmpty()) {
            sb.append("No reproduction has been run yet.\n");
        } else {
            sb.append(overview(all));
            for (Profile p : ORDER) {
                List<Found> here = all.stream().filter(f -> f.profile() == p).toList();
                if (!here.isEmpty()) {
                    sb.append("\n").append(section(p, here));
                }
            }
        }
        Path index = reportsRoot.resolve("index.md");
        AtomicFiles.writeString(index, sb.toString());
        return index;
    }

    /** One row per reproduction, one column per profile that has reports. */
    private static String overview(List<Found> all) {
        List<Profile> profiles = ORDER.stream().filter(p -> all.stream().anyMatch(f -> f.profile() == p)).toList();
        Map<String, Map<Profile, Found>> byId = new TreeMap<>();
        all.forEach(f -> byId.computeIfAbsent(f.results().id(), k -> new EnumMap<>(Profile.class)).put(f.profile(), f));
        List<String> header = new ArrayList<>(List.of("reproduction"));
        profiles.forEach(p -> header.add("`" + p.id() + "` profile"));
        StringBuilder sb = new StringBuilder();
        sb.append(byId.size()).append(" reproductions, ").append(all.size()).append(" reports. Each report is in")
                .append(" `<module>/<name>/<profile>/`; a cell gives the share of in-scope claims reproduced, the")
                .append(" run's duration and its commit.\n\n");
        sb.append(Markdown.row(header)).append('\n').append(Markdown.separator(header.size()));
        byId.forEach((id, found) -> {
            List<String> row = new ArrayList<>(List.of(id));
            for (Profile p : profiles) {
                Found f = found.get(p);
                row.add(f == null ? "—" : f.link(reproducedText(f.results().claims()))
                        + ", " + ReproductionRunner.duration(f.results().durationSeconds())
                        + ", `" + shortCommit(f.results().commit()) + "`");
            }
            sb.append('\n').append(Markdown.row(row));
        });
        return sb.append("\n").toString();
    }

    private static String section(Profile p, List<Found> found) {
        StringBuilder sb = new StringBuilder("## Profile `").append(p.id()).append("`\n\n");
        sb.append(summary(found.stream().map(Found::results).toList()));
        List<String> header = CLAIM_HEADER;
        sb.append("\n").append(Markdown.row(header)).append('\n').append(Markdown.separator(header.size()));
        for (Found f : found) {
            String link = f.link(f.results().id());
            for (Claim c : f.results().claims()) {
                sb.append('\n').append(Markdown.row(List.of(link, c.statement(), c.paperValue(),
                        c.measuredText(), c.threshold(), "**" + c.verdict() + "**")));
            }
        }
        return sb.append('\n').toString();
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

    private static String reproducedText(List<Claim> claims) {
        long inScope = claims.stream().filter(c -> c.verdict().isInScope()).count();
        long reproduced = claims.stream().filter(c -> c.verdict() == Verdict.REPRODUCED).count();
        return inScope == 0 ? "no in-scope claim" : reproduced + " of " + inScope + " reproduced";
    }

    private static String shortCommit(String commit) {
        return commit.length() > 10 ? commit.substring(0, 10) : commit;
    }

    /**
     * Every results.json at {@code <root>/<module>/<name>/<profile>/results.json} whose last folder is a
     * profile name, sorted by id and profile. Hidden folders (a run's staging folder) are skipped.
     */
    static List<Found> readAll(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        Map<String, Profile> profiles = new LinkedHashMap<>();
        for (Profile p : Profile.values()) {
            profiles.put(p.id(), p);
        }
        try (Stream<Path> files = Files.find(root, 4, (p, a) -> a.isRegularFile()
                && p.getFileName().toString().equals("results.json") && root.relativize(p).getNameCount() == 4)) {
            return files.map(p -> {
                        Path folder = root.relativize(p.getParent());
                        Profile profile = profiles.get(folder.getFileName().toString());
                        boolean hidden = false;
                        for (Path part : folder) {
                            hidden |= part.toString().startsWith(".");
                        }
                        return profile == null || hidden ? null
                                : new Found(folder.toString().replace('\\', '/'), profile, Results.read(p));
                    })
                    .filter(f -> f != null)
                    .sorted(Comparator.comparing((Found f) -> f.results().id()).thenComparing(Found::profile))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }
}
