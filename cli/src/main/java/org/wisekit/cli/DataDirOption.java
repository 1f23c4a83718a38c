package org.wisekit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option shared by the commands that read datasets. */
final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder holding the mirrored datasets (default: $WISEKIT_DATA, else ../shared/data).")
    Path directory;

    /** The chosen folder, or {@code null} to let the datasets module resolve it. */
    Path directory() {
        if (directory != null && !Files.isDirectory(directory)) {
            throw new IllegalArgumentException("--data-dir " + directory + " is not a directory");
        }
        return directory;
    }
}
