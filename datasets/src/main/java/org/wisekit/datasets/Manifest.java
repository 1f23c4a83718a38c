package org.wisekit.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The expected files of every dataset, read from the resource {@code manifest.tsv} next to this class
 * (generated from {@code shared/data/MANIFEST.md}). Immutable.
 */
final class Manifest {

    static final String RESOURCE = "manifest.tsv";

    private final List<ManifestEntry> entries;

    Manifest(List<ManifestEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The manifest shipped with this module. */
    static Manifest bundled() {
        try (InputStream in = Manifest.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the wisekit-datasets jar");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Parses tab-separated rows {@code dataset path files bytes sha256}; lines starting with # are comments. */
    static Manifest parse(BufferedReader reader) throws IOException {
        List<ManifestEntry> entries = new ArrayList<>();
        String line;
        int lineNumber = 0;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length != 5) {
                throw new IllegalArgumentException(RESOURCE + " line " + lineNumber + ": expected 5 tab-separated cells, got "
                        + cells.length);
            }
            entries.add(new ManifestEntry(Dataset.byId(cells[0]), cells[1], Integer.parseInt(cells[2]),
                    Long.parseLong(cells[3]), cells[4]));
        }
        return new Manifest(entries);
    }

    List<ManifestEntry> entries() {
        return entries;
    }

    List<ManifestEntry> entries(Dataset dataset) {
        return entries.stream().filter(e -> e.dataset() == dataset).toList();
    }

    /** The entry with this exact path, e.g. {@code text-classification/sst2/train.tsv} or {@code cifar10-test/*.jpg}. */
    ManifestEntry entry(Dataset dataset, String path) {
        return entries.stream()
                .filter(e -> e.dataset() == dataset && e.path().equals(path))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the manifest has no entry '" + path + "' for "
                        + dataset.id() + "; its entries are " + entries(dataset).stream().map(ManifestEntry::path).toList()));
    }
}
