package org.wisekit.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void explicitPathWinsOverEverything() {
        DataDirectory dir = DataDirectory.resolve(temp.resolve("cli"),
                Map.of("WISEKIT_DATA", "/env", "WISEKIT_DATA_DEFAULT", temp.toString()), temp);

        assertThat(dir.path()).isEqualTo(temp.resolve("cli"));
        assertThat(dir.origin()).isEqualTo("--data-dir");
    }

    @Test
    void wisekitDataComesNextEvenWhenAbsent() {
        DataDirectory dir = DataDirectory.resolve(null,
                Map.of("WISEKIT_DATA", temp.resolve("absent").toString(), "WISEKIT_DATA_DEFAULT", temp.toString()), temp);

        assertThat(dir.path()).isEqualTo(temp.resolve("absent"));
        assertThat(dir.origin()).isEqualTo("WISEKIT_DATA");
        assertThat(dir.exists()).isFalse();
    }

    @Test
    void buildDefaultIsUsedOnlyWhenItExists() throws IOException {
        Path working = Files.createDirectories(temp.resolve("repo/main"));
        Path fallback = Files.createDirectories(temp.resolve("repo/shared/data"));

        DataDirectory present = DataDirectory.resolve(null, Map.of("WISEKIT_DATA_DEFAULT", temp.toString()), working);
        DataDirectory absent = DataDirectory.resolve(null,
                Map.of("WISEKIT_DATA_DEFAULT", temp.resolve("gone").toString()), working);

        assertThat(present.path()).isEqualTo(temp);
        assertThat(present.origin()).isEqualTo("WISEKIT_DATA_DEFAULT");
        assertThat(absent.path()).isEqualTo(fallback);
        assertThat(absent.exists()).isTrue();
    }

    @Test
    void fallsBackToSharedDataBesideTheWorkingDirectory() {
        DataDirectory dir = DataDirectory.resolve(null, Map.of(), temp.resolve("main"));

        assertThat(dir.path()).isEqualTo(temp.resolve("shared/data"));
        assertThat(dir.origin()).contains("../shared/data");
    }

    @Test
    void registryCacheComesFromItsVariableOrTheHomeFolder() {
        assertThat(DataLocations.registryCacheFrom(Map.of("WISEKIT_REGISTRY_CACHE", temp.toString()))).isEqualTo(temp);
        assertThat(DataLocations.registryCacheFrom(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "wisekit", "registry"));
    }
}
