package org.wisekit.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The root of the mirrored data (the {@code shared/data} folder holding {@code MANIFEST.md}) and where that
 * setting came from. This is the project's one data-directory setting; it is resolved in this order:
 * <ol>
 *   <li>an explicit path (the CLI passes its {@code --data-dir} option);</li>
 *   <li>the environment variable {@value #DATA_ENV};</li>
 *   <li>the environment variable {@value #DEFAULT_ENV}, if that folder exists (the build's Surefire
 *       configuration sets it to {@code <repo>/../shared/data});</li>
 *   <li>{@code ../shared/data} relative to the working directory; used even when absent, so that error
 *       messages can say where data was looked for.</li>
 * </ol>
 *
 * @param path   the data root; it may not exist
 * @param origin where the setting came from, for messages (e.g. {@code "WISEKIT_DATA"})
 */
public record DataDirectory(Path path, String origin) {

    public static final String DATA_ENV = "WISEKIT_DATA";
    public static final String DEFAULT_ENV = "WISEKIT_DATA_DEFAULT";
    static final String RELATIVE_FALLBACK = "../shared/data";

    public DataDirectory {
        if (path == null || origin == null || origin.isBlank()) {
            throw new IllegalArgumentException("path and origin are required, got path=" + path
                    + ", origin=" + origin);
        }
        path = path.toAbsolutePath().normalize();
    }

    /** Resolves the data directory from the environment alone. */
    public static DataDirectory fromEnvironment() {
        return resolve(null);
    }

    /** Resolves the data directory; {@code explicit} (may be null) wins over the environment. */
    public static DataDirectory resolve(Path explicit) {
        return resolve(explicit, System.getenv(), Path.of(""));
    }

    static DataDirectory resolve(Path explicit, Map<String, String> env, Path workingDirectory) {
        if (explicit != null) {
            return new DataDirectory(explicit, "--data-dir");
        }
        String data = env.get(DATA_ENV);
        if (data != null && !data.isBlank()) {
            return new DataDirectory(Path.of(data), DATA_ENV);
        }
        String buildDefault = env.get(DEFAULT_ENV);
        if (buildDefault != null && !buildDefault.isBlank() && Files.isDirectory(Path.of(buildDefault))) {
            return new DataDirectory(Path.of(buildDefault), DEFAULT_ENV);
        }
        return new DataDirectory(workingDirectory.resolve(RELATIVE_FALLBACK), RELATIVE_FALLBACK
                + " from the working directory");
    }

    /** Whether the folder exists. */
    public boolean exists() {
        return Files.isDirectory(path);
    }
}
