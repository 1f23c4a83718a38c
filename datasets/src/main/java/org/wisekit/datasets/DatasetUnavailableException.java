package org.wisekit.datasets;

/**
 * A dataset cannot be used: it is missing, it is corrupt (wrong size or sha256), or one of its files is
 * malformed ({@link MalformedDataException}).
 *
 * <p>The message is one line that names the dataset, the path(s) where it was looked for, and the command
 * that gets it, for example:
 * <pre>
 * sklearn-digits is missing: looked for /usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz,
 * /home/me/.cache/wisekit/registry/python3-sklearn/digits.csv.gz. To get it: scripts/install-data
 * </pre>
 */
public class DatasetUnavailableException extends RuntimeException {

    public DatasetUnavailableException(String message) {
        super(message);
    }

    public DatasetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
