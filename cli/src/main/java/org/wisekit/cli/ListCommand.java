package org.wisekit.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.Tool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code wisekit list}: the reproductions and the paper modules' tools on the classpath. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the reproductions and the paper modules' tools.")
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    Wisekit app;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Reproductions (wisekit reproduce <id|module|all>):");
        if (app.reproductions().all().isEmpty()) {
            out.println("  (none yet: paper modules register them)");
        }
        for (Reproduction r : app.reproductions().all()) {
            out.printf("  %-40s %s%n", r.id(), r.title());
        }
        out.println();
        out.println("Tools (wisekit <tool> --help):");
        if (app.tools().isEmpty()) {
            out.println("  (none yet: paper modules register them)");
        }
        for (Tool tool : app.tools()) {
            CommandLine.Model.CommandSpec t = new CommandLine(tool.command(app.progress())).getCommandSpec();
            String[] description = t.usageMessage().description();
            out.printf("  %-40s %s%n", t.name(), description.length == 0 ? "" : description[0]);
        }
        out.println();
        out.println("Also: wisekit data (datasets found / missing), wisekit bench [suite] (JMH suites).");
        return ExitCodes.OK;
    }
}
