package org.wisekit.datasets;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * One row of {@code manifest.tsv}: a data file, or a folder of same-type files checked as one aggregate.
 *
 * @param dataset the dataset the file belongs to
 * @param path    relative to the dataset's search root; {@code folder/*.ext} stands for every {@code *.ext}
 *                file below {@code folder}, at any depth
 * @param files   1 for a file; the number of files for a folder entry
 * @param bytes   the file's size; the total size for a folder entry
 * @param sha256  lowercase hex; for a folder entry the aggregate: sha256 of the files' hex sha256 values,
 *                sorted, each followed by a newline
 */
record ManifestEntry(Dataset dataset, String path, int files, long bytes, String sha256) {

    private static final String FOLDER_MARK = "/*";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    ManifestEntry {
        if (dataset == null || path == null || path.isEmpty() || path.startsWith("/")) {
            throw new IllegalArgumentException("need a dataset and a relative path, got " + dataset + ", '" + path + "'");
        }
        if (!(files >= 1) || !(bytes >= 0) || (files > 1 && !path.contains(FOLDER_MARK))) {
            throw new IllegalArgumentException(path + ": files=" + files + ", bytes=" + bytes
                    + " (only a folder/*.ext entry holds more than one file)");
        }
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException(path + ": sha256 must be 64 lowercase hex digits, got '" + sha256 + "'");
        }
    }

    boolean isFolder() {
        return path.contains(FOLDER_MARK);
    }

    /** The file, or for a folder entry the folder, below {@code root}. */
    Path locate(Path root) {
        return root.resolve(isFolder() ? path.substring(0, path.indexOf(FOLDER_MARK)) : path);
    }

    /** For a folder entry, the file-name ending that selects its files, e.g. {@code .jpg}. */
    String extension() {
        return path.substring(path.indexOf(FOLDER_MARK) + FOLDER_MARK.length());
    }
}
