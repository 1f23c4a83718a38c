package org.wisekit.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.wisekit.datasets.io.AtomicFiles;

/**
 * The body of a reproduction's report.md: what a reproduction adds besides its claims (set-up notes,
 * result tables, plots), kept in order. Plots are written as PNG into the output folder at once.
 */
public final class Report {

    private static final Pattern FILE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private final Path outputDirectory;
    private final List<String> blocks = new ArrayList<>();
    private final List<String> plotFiles = new ArrayList<>();

    Report(Path outputDirectory) {
        this.outputDirectory = outputDirectory;
    }

    /** A Markdown paragraph (set-up, data, deviations from the paper, what was reconstructed). */
    public void paragraph(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            throw new IllegalArgumentException("paragraph must not be blank");
        }
        blocks.add(markdown.strip());
    }

    /** A Markdown table; every row must have as many cells as the header. */
    public void table(String caption, List<String> header, List<List<String>> rows) {
        if (header == null || header.isEmpty()) {
            throw new IllegalArgumentException("table '" + caption + "' needs a header");
        }
        StringBuilder sb = new StringBuilder();
        if (caption != null && !caption.isBlank()) {
            sb.append("**").append(caption.strip()).append("**\n\n");
        }
        sb.append(Markdown.row(header)).append('\n').append(Markdown.separator(header.size()));
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("table '" + caption + "': row " + i + " has " + row.size()
                        + " cells but the header has " + header.size());
            }
            sb.append('\n').append(Markdown.row(row));
        }
        blocks.add(sb.toString());
    }

    /**
     * Renders {@code chart} to {@code <fileName>.png} in the output folder and embeds it.
     *
     * @param fileName lower-case file name without extension, e.g. {@code "ece-vs-severity"}
     */
    public void plot(String fileName, Chart<?, ?> chart, String caption) {
        if (fileName == null || !FILE_NAME.matcher(fileName).matches()) {
            throw new IllegalArgumentException("plot file name must match " + FILE_NAME + ", got '" + fileName + "'");
        }
        if (plotFiles.contains(fileName + ".png")) {
            throw new IllegalArgumentException("plot '" + fileName + "' was already added to this report");
        }
        byte[] png;
        try {
            png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render plot " + fileName + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(outputDirectory.resolve(fileName + ".png"), png);
        plotFiles.add(fileName + ".png");
        String alt = caption == null || caption.isBlank() ? fileName : caption.strip();
        blocks.add("![" + alt + "](" + fileName + ".png)\n\n*" + alt + "*");
    }

    /** PNG files written so far, in order. */
    public List<String> plotFiles() {
        return List.copyOf(plotFiles);
    }

    /** The Markdown blocks added so far, in order. */
    List<String> blocks() {
        return List.copyOf(blocks);
    }
}
