package org.wisekit.datasets;

import java.nio.file.Path;

/**
 * A data file that exists but cannot be parsed: a truncated IDX file, a wrong magic number, a bad WAV
 * header, a non-numeric CSV cell, an unknown label. The message names the file and what is wrong with it.
 */
public final class MalformedDataException extends DatasetUnavailableException {

    private final Path file;

    public MalformedDataException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public MalformedDataException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file that could not be parsed. */
    public Path file() {
        return file;
    }
}
