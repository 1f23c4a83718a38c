package org.wisekit.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.wisekit.datasets.DatasetStatus;
import org.wisekit.datasets.Datasets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wisekit data}: every dataset, found / missing / corrupt, with where it was looked for and how to get it. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "List every dataset: found, missing or corrupt, where, and the command to get it.")
final class DataCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DataDirOption data;

    @Option(names = "--verify", description = "Also check every file's sha256 (a few seconds), not only sizes.")
    boolean verify;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Datasets datasets = Datasets.withDataDirectory(data.directory());
        out.println("Data directory: " + datasets.locations().dataDirectory().path()
                + " (" + datasets.locations().dataDirectory().origin() + ")");
        List<DatasetStatus> catalog = datasets.catalog(verify);
        for (DatasetStatus s : catalog) {
            out.println(s.summary());
        }
        long unusable = catalog.stream().filter(s -> s.state() != DatasetStatus.State.FOUND).count();
        out.println(unusable == 0 ? "All " + catalog.size() + " datasets found."
                : unusable + " of " + catalog.size() + " datasets are missing or corrupt.");
        return unusable == 0 ? ExitCodes.OK : ExitCodes.DATA;
    }
}
