package org.wisekit.datasets.testing;

import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.wisekit.datasets.DatasetUnavailableException;
import org.wisekit.datasets.Datasets;
import org.wisekit.datasets.MalformedDataException;

/**
 * For tests that need real data: loads it, or skips the test when it is missing or corrupt on a
 * developer machine, but fails the test when {@value #REQUIRE_DATA_ENV}{@code =true} (CI sets it).
 * Malformed data always fails: it passed its checksum, so the parser or the manifest is wrong.
 *
 * <pre>
 * LabeledImages test = RealData.load(d -&gt; d.fashionMnist(Split.TEST));
 * Path train = RealData.load(d -&gt; d.verifiedPath(Dataset.GSM8K, "gsm8k/train.jsonl"));
 * </pre>
 *
 * Other modules get it from the test-jar: {@code wisekit-datasets} with {@code <type>test-jar</type>},
 * scope test.
 */
public final class RealData {

    public static final String REQUIRE_DATA_ENV = "WISEKIT_REQUIRE_DATA";

    private RealData() {
    }

    /** Applies {@code loader} to {@link Datasets#fromEnvironment()}; skips or fails when the data is unavailable. */
    public static <T> T load(Function<Datasets, T> loader) {
        return load(loader, Datasets.fromEnvironment(), dataRequired());
    }

    /** Like {@link #load(Function)}, with the datasets and the skip-or-fail decision given. */
    public static <T> T load(Function<Datasets, T> loader, Datasets datasets, boolean dataRequired) {
        try {
            return loader.apply(datasets);
        } catch (MalformedDataException e) {
            throw e;
        } catch (DatasetUnavailableException e) {
            if (dataRequired) {
                throw new AssertionError(REQUIRE_DATA_ENV + "=true, so missing data fails the test: " + e.getMessage(), e);
            }
            return Assumptions.abort("real data unavailable, test skipped: " + e.getMessage());
        }
    }

    /** Whether {@value #REQUIRE_DATA_ENV} is {@code true} (ignoring case). */
    public static boolean dataRequired() {
        return Boolean.parseBoolean(System.getenv(REQUIRE_DATA_ENV));
    }
}
