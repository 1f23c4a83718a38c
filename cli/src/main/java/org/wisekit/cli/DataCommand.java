package org.wisekit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wisekit.datasets.DatasetStatus;
import org.wisekit.datasets.Datasets;
import org.wisekit.harness.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit data}: every dataset, found / missing / corrupt, with where it was looked for and how to
 * get it. Exit status 3 when any is missing or corrupt (with {@code --json} too).
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "List every dataset: found, missing or corrupt, where, and the command to get it.")
final class DataCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DataDirOption data;

    @Option(names = "--verify", description = "Also check every file's sha256 (a few seconds), not only sizes.")
    boolean verify;

    @Option(names = "--json", description = "Print {dataDirectory: {path, origin}, found, missing, datasets: [{id,"
            + " description, state, locations, problem, howToGet}]} on stdout.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Datasets datasets = Datasets.withDataDirectory(data.directory());
        List<DatasetStatus> catalog = datasets.catalog(verify);
        long unusable = catalog.stream().filter(s -> s.state() != DatasetStatus.State.FOUND).count();
        if (json) {
            out.println(Json.write(asJson(datasets, catalog, unusable)));
        } else {
            out.println("Data directory: " + datasets.locations().dataDirectory().path()
                    + " (" + datasets.locations().dataDirectory().origin() + ")");
            for (DatasetStatus s : catalog) {
                out.println(s.summary());
            }
            out.println(unusable == 0 ? "All " + catalog.size() + " datasets found."
                    : unusable + " of " + catalog.size() + " datasets are missing or corrupt.");
        }
        return unusable == 0 ? ExitCodes.OK : ExitCodes.DATA;
    }

    private static Map<String, Object> asJson(Datasets datasets, List<DatasetStatus> catalog, long unusable) {
        Map<String, Object> dir = new LinkedHashMap<>();
        dir.put("path", datasets.locations().dataDirectory().path().toString());
        dir.put("origin", datasets.locations().dataDirectory().origin());
        List<Map<String, Object>> list = new ArrayList<>();
        for (DatasetStatus s : catalog) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.dataset().id());
            m.put("description", s.dataset().description());
            m.put("state", s.state().name().toLowerCase(Locale.ROOT));
            m.put("locations", s.locations().stream().map(Path::toString).toList());
            m.put("problem", s.problem().isEmpty() ? null : s.problem());
            m.put("howToGet", s.howToGet());
            list.add(m);
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("dataDirectory", dir);
        all.put("found", catalog.size() - unusable);
        all.put("missing", unusable);
        all.put("datasets", list);
        return all;
    }
}
