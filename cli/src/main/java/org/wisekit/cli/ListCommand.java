package org.wisekit.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wisekit.harness.Json;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.Tool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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

    @Option(names = "--json", description = "Print {\"reproductions\": [{id, module, title, paper}], \"tools\":"
            + " [{name, description, subcommands}]} on stdout.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<CommandLine.Model.CommandSpec> tools = new ArrayList<>();
        for (Tool tool : app.tools()) {
            tools.add(new CommandLine(tool.command(app.progress())).getCommandSpec());
        }
        if (json) {
            out.println(Json.write(asJson(app.reproductions().all(), tools)));
            return ExitCodes.OK;
        }
        out.println("Reproductions (wisekit reproduce <id|module|all>):");
        if (app.reproductions().all().isEmpty()) {
            out.println("  (none yet: paper modules register them)");
        }
        for (Reproduction r : app.reproductions().all()) {
            out.printf("  %-40s %s%n", r.id(), r.title());
        }
        out.println();
        out.println("Tools (wisekit <tool> --help):");
        if (tools.isEmpty()) {
            out.println("  (none yet: paper modules register them)");
        }
        for (CommandLine.Model.CommandSpec t : tools) {
            out.printf("  %-40s %s%n", t.name(), firstLine(t));
        }
        out.println();
        out.println("Also: wisekit data (datasets found / missing), wisekit bench [suite] (JMH suites).");
        return ExitCodes.OK;
    }

    private static Map<String, Object> asJson(List<Reproduction> reproductions, List<CommandLine.Model.CommandSpec> tools) {
        List<Map<String, Object>> repros = new ArrayList<>();
        for (Reproduction r : reproductions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("module", r.module());
            m.put("title", r.title());
            m.put("paper", r.paper());
            repros.add(m);
        }
        List<Map<String, Object>> toolList = new ArrayList<>();
        for (CommandLine.Model.CommandSpec t : tools) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("description", firstLine(t));
            m.put("subcommands", new ArrayList<>(t.subcommands().keySet()));
            toolList.add(m);
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("reproductions", repros);
        all.put("tools", toolList);
        return all;
    }

    private static String firstLine(CommandLine.Model.CommandSpec t) {
        String[] description = t.usageMessage().description();
        return description.length == 0 ? "" : description[0];
    }
}
