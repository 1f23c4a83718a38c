package org.wisekit.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where a result's code came from: the git commit of the checkout, read from its files (no git process). */
public final class Provenance {

    private Provenance() {
    }

    /**
     * The commit checked out in the git repository that contains {@code start} (searched upwards), with
     * "-dirty" never added (results are meant to be committed with their code); "unknown" outside a
     * checkout or when the repository cannot be read.
     */
    public static String gitCommit(Path start) {
        try {
            for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
                Path git = dir.resolve(".git");
                if (Files.isRegularFile(git)) {            // a worktree or submodule: "gitdir: <path>"
                    String pointer = Files.readString(git, StandardCharsets.UTF_8).trim();
                    if (pointer.startsWith("gitdir:")) {
                        return commitIn(dir.resolve(pointer.substring("gitdir:".length()).trim()).normalize());
                    }
                } else if (Files.isDirectory(git)) {
                    return commitIn(git);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }

    /** The commit of the code this JVM runs: the checkout at {@code WISEKIT_HOME}, else the working directory. */
    public static String currentCommit() {
        String home = System.getenv("WISEKIT_HOME");
        return gitCommit(Path.of(home == null || home.isBlank() ? System.getProperty("user.dir") : home));
    }

    private static String commitIn(Path gitDir) throws IOException {
        String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).trim();
        if (!head.startsWith("ref:")) {
            return isHash(head) ? head : "unknown";
        }
        String ref = head.substring("ref:".length()).trim();
        Path common = commonDir(gitDir);
        for (Path base : List.of(gitDir, common)) {
            Path loose = base.resolve(ref);
            if (Files.isRegularFile(loose)) {
                String hash = Files.readString(loose, StandardCharsets.UTF_8).trim();
                return isHash(hash) ? hash : "unknown";
            }
        }
        Path packed = common.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                if (line.endsWith(" " + ref) && isHash(line.substring(0, line.indexOf(' ')))) {
                    return line.substring(0, line.indexOf(' '));
                }
            }
        }
        return "unknown";
    }

    /** A worktree's git dir names the repository's own git dir in "commondir". */
    private static Path commonDir(Path gitDir) throws IOException {
        Path pointer = gitDir.resolve("commondir");
        return Files.isRegularFile(pointer)
                ? gitDir.resolve(Files.readString(pointer, StandardCharsets.UTF_8).trim()).normalize() : gitDir;
    }

    private static boolean isHash(String s) {
        return s.matches("[0-9a-f]{40}([0-9a-f]{24})?");
    }
}
