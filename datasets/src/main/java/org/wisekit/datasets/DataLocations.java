package org.wisekit.datasets;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where datasets are looked for: the mirrored data directory, and for registry items (Debian packages)
 * first their standard install path under {@code systemRoot}, then the wisekit registry cache, where
 * {@code scripts/install-data} puts files extracted from {@code .deb} packages without installing them.
 *
 * @param dataDirectory the mirrored {@code shared/data} folder
 * @param registryCache {@value #REGISTRY_CACHE_ENV}, or {@code ~/.cache/wisekit/registry} when unset;
 *                      a package's files are under {@code <registryCache>/<package>/}
 * @param systemRoot    the root that install paths such as {@code usr/share/datasets} are resolved
 *                      against: {@code /} outside tests
 */
public record DataLocations(DataDirectory dataDirectory, Path registryCache, Path systemRoot) {

    public static final String REGISTRY_CACHE_ENV = "WISEKIT_REGISTRY_CACHE";

    public DataLocations {
        if (dataDirectory == null || registryCache == null || systemRoot == null) {
            throw new IllegalArgumentException("all locations are required, got dataDirectory=" + dataDirectory
                    + ", registryCache=" + registryCache + ", systemRoot=" + systemRoot);
        }
        registryCache = registryCache.toAbsolutePath().normalize();
        systemRoot = systemRoot.toAbsolutePath().normalize();
    }

    /** Every location taken from the environment. */
    public static DataLocations fromEnvironment() {
        return withDataDirectory(null);
    }

    /** The data directory {@code explicit} (null: from the environment); the other locations as usual. */
    public static DataLocations withDataDirectory(Path explicit) {
        return new DataLocations(DataDirectory.resolve(explicit), registryCacheFrom(System.getenv()),
                Path.of("/"));
    }

    static Path registryCacheFrom(Map<String, String> env) {
        String cache = env.get(REGISTRY_CACHE_ENV);
        if (cache != null && !cache.isBlank()) {
            return Path.of(cache);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "wisekit", "registry");
    }
}
