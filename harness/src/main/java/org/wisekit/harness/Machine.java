package org.wisekit.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The machine a result was measured on, as recorded in results.json.
 *
 * @param cores available processors seen by the JVM
 * @param jvm   JVM name and version
 * @param os    operating system and architecture
 * @param cpu   CPU model name where the OS tells it, else "unknown"
 */
public record Machine(int cores, String jvm, String os, String cpu) {

    /** The machine this JVM runs on. */
    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                cpuModel());
    }

    /** "2 cores, Intel(R) Xeon(R) ..., OpenJDK 64-Bit Server VM 17.0.15, Linux ... amd64". */
    public String describe() {
        return cores + " cores, " + cpu + ", " + jvm + ", " + os;
    }

    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return "unknown";
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
