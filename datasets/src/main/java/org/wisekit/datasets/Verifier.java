package org.wisekit.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds dataset files in their search roots and checks them against the manifest: presence and size
 * always, sha256 before a file is parsed. A good sha256 verdict is remembered for the rest of the JVM run
 * (keyed by path, size and modification time), so loading the same data twice hashes it once.
 */
final class Verifier {

    private static final Set<VerifiedStamp> VERIFIED = ConcurrentHashMap.newKeySet();
    private static final int MISSING_FILES_NAMED = 3;

    private final DataLocations locations;
    private final Manifest manifest;
    private final BiConsumer<String, String> onVerified;

    /** {@code onVerified} hears ("dataset-id:manifest-path", sha256) for every file or folder verified. */
    Verifier(DataLocations locations, Manifest manifest, BiConsumer<String, String> onVerified) {
        this.locations = locations;
        this.manifest = manifest;
        this.onVerified = onVerified;
    }

    /** The located file (or folder) of {@code entry}, checked for presence, size and sha256. */
    Path verified(ManifestEntry entry) {
        Path target = entry.locate(root(entry.dataset()));
        if (!Files.exists(target)) {
            throw new DatasetUnavailableException(entry.dataset().id() + " is missing: looked for "
                    + entry.dataset().searchRoots(locations).stream().map(entry::locate).map(Path::toString)
                            .collect(Collectors.joining(", "))
                    + dataDirectoryNote(entry.dataset()) + ". To get it: " + entry.dataset().howToGet());
        }
        String problem = sizeProblem(entry, target);
        if (problem.isEmpty()) {
            problem = checksumProblem(entry, target);
        }
        if (!problem.isEmpty()) {
            throw new DatasetUnavailableException(entry.dataset().id() + " is corrupt: " + target + " " + problem
                    + ". To get it: " + entry.dataset().howToGet());
        }
        onVerified.accept(entry.dataset().id() + ":" + entry.path(), entry.sha256());
        return target;
    }

    /** Found, missing or corrupt; checks sizes, and sha256 only when {@code checksums} is set. */
    DatasetStatus status(Dataset dataset, boolean checksums) {
        List<ManifestEntry> entries = manifest.entries(dataset);
        Path commonFolder = commonFolder(entries);
        Path root = root(dataset);
        List<String> missing = entries.stream()
                .filter(e -> !Files.exists(e.locate(root)))
                .map(ManifestEntry::path)
                .toList();
        if (!missing.isEmpty()) {
            List<Path> lookedIn = dataset.searchRoots(locations).stream().map(r -> r.resolve(commonFolder)).toList();
            return new DatasetStatus(dataset, DatasetStatus.State.MISSING, lookedIn, "missing " + describe(missing)
                    + dataDirectoryNote(dataset));
        }
        for (ManifestEntry entry : entries) {
            String problem = sizeProblem(entry, entry.locate(root));
            if (problem.isEmpty() && checksums) {
                problem = checksumProblem(entry, entry.locate(root));
            }
            if (!problem.isEmpty()) {
                return new DatasetStatus(dataset, DatasetStatus.State.CORRUPT, List.of(root.resolve(commonFolder)),
                        entry.path() + " " + problem);
            }
        }
        return new DatasetStatus(dataset, DatasetStatus.State.FOUND, List.of(root.resolve(commonFolder)), "");
    }

    /**
     * The search root a dataset is read from: the first one holding all its files, else the first holding
     * any (so that messages name the files that are missing there), else the first.
     */
    private Path root(Dataset dataset) {
        List<Path> roots = dataset.searchRoots(locations);
        List<ManifestEntry> entries = manifest.entries(dataset);
        for (Path root : roots) {
            if (entries.stream().allMatch(e -> Files.exists(e.locate(root)))) {
                return root;
            }
        }
        for (Path root : roots) {
            if (entries.stream().anyMatch(e -> Files.exists(e.locate(root)))) {
                return root;
            }
        }
        return roots.get(0);
    }

    /** Empty when the size (and, for a folder, the file count) matches the manifest; else what is wrong. */
    private static String sizeProblem(ManifestEntry entry, Path target) {
        if (!entry.isFolder()) {
            if (!Files.isRegularFile(target)) {
                return "is not a regular file";
            }
            long size = size(target);
            return size == entry.bytes() ? "" : "has " + size + " bytes, expected " + entry.bytes();
        }
        List<Path> files = folderFiles(entry, target);
        if (files.size() != entry.files()) {
            return "holds " + files.size() + " *" + entry.extension() + " files, expected " + entry.files();
        }
        long total = files.stream().mapToLong(Verifier::size).sum();
        return total == entry.bytes() ? ""
                : "holds *" + entry.extension() + " files of " + total + " bytes in all, expected " + entry.bytes();
    }

    private static String checksumProblem(ManifestEntry entry, Path target) {
        VerifiedStamp stamp = new VerifiedStamp(target.toAbsolutePath().normalize(), entry.sha256(), entry.bytes(),
                modified(target));
        if (VERIFIED.contains(stamp)) {
            return "";
        }
        String actual = entry.isFolder()
                ? Checksums.aggregateSha256(folderFiles(entry, target))
                : Checksums.sha256(target);
        if (!actual.equals(entry.sha256())) {
            return "has sha256 " + actual + (entry.isFolder() ? " (aggregate)" : "") + ", expected " + entry.sha256();
        }
        VERIFIED.add(stamp);
        return "";
    }

    /** The files a folder entry stands for, sorted by path. */
    static List<Path> folderFiles(ManifestEntry entry, Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(entry.extension()))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /** The deepest folder holding every entry of a dataset, relative to its root (empty when that is the root). */
    private static Path commonFolder(List<ManifestEntry> entries) {
        Path common = null;
        for (ManifestEntry entry : entries) {
            Path relative = entry.locate(Path.of(""));
            Path folder = entry.isFolder() ? relative : relative.getParent();
            folder = folder == null ? Path.of("") : folder;
            common = common == null ? folder : sharedPrefix(common, folder);
        }
        return common == null ? Path.of("") : common;
    }

    private static Path sharedPrefix(Path a, Path b) {
        Path prefix = Path.of("");
        for (int i = 0; i < Math.min(a.getNameCount(), b.getNameCount()) && a.getName(i).equals(b.getName(i)); i++) {
            prefix = prefix.resolve(a.getName(i));
        }
        return prefix;
    }

    private String dataDirectoryNote(Dataset dataset) {
        DataDirectory dir = locations.dataDirectory();
        return dataset.registryPackage().isPresent() ? "" : " (data directory " + dir.path() + ", from " + dir.origin() + ")";
    }

    private static String describe(List<String> paths) {
        String named = String.join(", ", paths.subList(0, Math.min(paths.size(), MISSING_FILES_NAMED)));
        int more = paths.size() - MISSING_FILES_NAMED;
        return more > 0 ? named + " and " + more + " more" : named;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the modification time of " + path, e);
        }
    }

    /** A file (or folder) whose sha256 matched, as it was when checked. */
    private record VerifiedStamp(Path path, String sha256, long bytes, FileTime modified) {
    }
}
