package org.wisekit.datasets.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;
import org.wisekit.datasets.DataDirectory;
import org.wisekit.datasets.DataLocations;
import org.wisekit.datasets.Datasets;
import org.wisekit.datasets.MalformedDataException;
import org.wisekit.datasets.Split;

class RealDataTest {

    @TempDir
    Path temp;

    private Datasets nothingHere() {
        return new Datasets(new DataLocations(new DataDirectory(temp, "test"), temp.resolve("cache"), temp.resolve("root")));
    }

    @Test
    void missingDataSkipsOnADeveloperMachine() {
        assertThatThrownBy(() -> RealData.load(d -> d.sst2(Split.DEV), nothingHere(), false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("test skipped: sst2 is missing");
    }

    @Test
    void missingDataFailsWhenDataIsRequired() {
        assertThatThrownBy(() -> RealData.load(d -> d.sst2(Split.DEV), nothingHere(), true))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("WISEKIT_REQUIRE_DATA=true")
                .hasMessageContaining("sst2 is missing");
    }

    @Test
    void malformedDataAlwaysFails() {
        assertThatThrownBy(() -> RealData.load(d -> {
            throw new MalformedDataException(temp, "bad");
        }, nothingHere(), false)).isInstanceOf(MalformedDataException.class);
    }

    @Test
    void availableDataIsReturned() {
        String loaded = RealData.load(d -> "loaded", nothingHere(), true);

        assertThat(loaded).isEqualTo("loaded");
    }
}
