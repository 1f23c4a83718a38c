package org.wisekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the documentation honest: every module README (the modules of the root {@code pom.xml}) opens with a
 * {@code ## Quick start} whose first {@code ```java} block compiles against the full class path (the cli
 * module depends on every module), and no README or {@code docs/} page points at files a clone does not
 * contain.
 */
class ReadmeSnippetsTest {

    /** The Quick start heading must appear within this many lines of the top (title, one summary paragraph). */
    private static final int QUICK_START_WITHIN_LINES = 25;

    /** Modules whose Quick start is a {@code ```sh} example only (no library API of their own to show). */
    private static final Set<String> SHELL_ONLY = Set.of("bom", "bench", "cli");

    /** References to material outside the repository (matched case-insensitively). */
    private static final List<String> OUTSIDE_REFERENCES =
            List.of("../shared", "shared/papers", "shared/anchors", "note §", "implementation note");

    private static final Pattern MODULE = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");
    private static final Pattern PUBLIC_CLASS = Pattern.compile("(?m)^\\s*public\\s+(?:final\\s+)?class\\s+(\\w+)");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+[\\w.]+\\s*;");

    private static final Path ROOT = projectRoot();

    private static JavaCompiler compiler;
    private static StandardJavaFileManager fileManager;

    @TempDir
    static Path out;

    @BeforeAll
    static void compiler() {
        compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler).as("a JDK (javax.tools.ToolProvider.getSystemJavaCompiler()) runs the tests").isNotNull();
        fileManager = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    }

    @AfterAll
    static void closeFileManager() throws IOException {
        if (fileManager != null) {
            fileManager.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyModuleReadmeOpensWithACompilingQuickStart() {
        List<String> modules = modules();
        assertThat(modules).as("modules of %s", ROOT.resolve("pom.xml")).isNotEmpty();
        return modules.stream().map(module -> DynamicTest.dynamicTest(module,
                () -> checkQuickStart(ROOT.resolve(module).resolve("README.md"), SHELL_ONLY.contains(module),
                        out.resolve(module))));
    }

    @TestFactory
    Stream<DynamicTest> noDocumentReferencesFilesOutsideTheRepository() {
        List<Path> documents = new ArrayList<>();
        documents.add(ROOT.resolve("README.md"));
        modules().stream().map(m -> ROOT.resolve(m).resolve("README.md")).filter(Files::isRegularFile)
                .forEach(documents::add);
        documents.addAll(markdownUnder(ROOT.resolve("docs")));
        documents.addAll(markdownUnder(ROOT.resolve("examples")));
        return documents.stream().map(doc -> DynamicTest.dynamicTest(ROOT.relativize(doc).toString(),
                () -> checkNoOutsideReferences(doc)));
    }

    // The checks themselves, on small READMEs in src/test/resources/readme/.

    @Test
    void acceptsAGoodQuickStartAndAShellOnlyOne() {
        assertThatCode(() -> checkQuickStart(sample("good.md"), false, out.resolve("self/good"))).doesNotThrowAnyException();
        assertThat(out.resolve("self/good/classes/QuickStart.class")).isRegularFile();
        assertThatCode(() -> checkQuickStart(sample("shell-only.md"), true, out.resolve("self/shell"))).doesNotThrowAnyException();
        assertThatCode(() -> checkNoOutsideReferences(sample("good.md"))).doesNotThrowAnyException();
    }

    @Test
    void rejectsMalformedQuickStarts() {
        assertRejected("late-heading.md", false, "late-heading.md: no '## Quick start' heading in the first 25 lines");
        assertRejected("no-java.md", false, "no-java.md: the Quick start (line 3) has no ```java block");
        assertRejected("good.md", true, null); // a shell-only module may also show Java: accepted
        assertRejected("no-java.md", true, null);
        assertRejected("unclosed.md", false, "unclosed.md: the Quick start (line 3) has no ```java block");
        assertRejected("with-package.md", false, "with-package.md: the Quick start block has a package line");
        assertRejected("no-class.md", false, "no-class.md: the Quick start block declares no 'public class X'");
        assertRejected("missing.md", false, "missing.md: missing");
        assertRejected("outside.md", true, "outside.md: no '## Quick start' heading");
    }

    @Test
    void reportsCompileErrorsAtTheirReadmeLine() {
        assertThatThrownBy(() -> checkQuickStart(sample("broken.md"), false, out.resolve("self/broken")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("broken.md: the Quick start ```java block does not compile:")
                .hasMessageContaining("README line 11: incompatible types");
    }

    @Test
    void listsEveryLineThatReferencesFilesOutsideTheRepository() {
        assertThatThrownBy(() -> checkNoOutsideReferences(sample("outside.md")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("outside.md refers to files outside the repository")
                .hasMessageContaining("line 3 (note §): The method follows note §5.1 of the plan.")
                .hasMessageContaining("line 4 (../shared): Details are in `../shared/papers/outside.md`.")
                .hasMessageContaining("line 6 (shared/anchors)")
                .hasMessageNotContaining("line 5");
    }

    private void assertRejected(String name, boolean shellOnly, String message) {
        Path work = out.resolve("self").resolve(name);
        if (message == null) {
            assertThatCode(() -> checkQuickStart(sample(name), shellOnly, work)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> checkQuickStart(sample(name), shellOnly, work))
                    .isInstanceOf(AssertionError.class).hasMessageContaining(message);
        }
    }

    private static Path sample(String name) throws URISyntaxException {
        return Path.of(ReadmeSnippetsTest.class.getResource("/readme/good.md").toURI()).resolveSibling(name);
    }

    /**
     * Fails unless {@code readme} opens with a Quick start holding a {@code ```sh} block ({@code shellOnly}) or a
     * {@code ```java} block that compiles (sources and classes under {@code work}).
     */
    static void checkQuickStart(Path readme, boolean shellOnly, Path work) throws IOException {
        if (!Files.isRegularFile(readme)) {
            fail(readme + ": missing (every module has a README that opens with a Quick start)");
        }
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        int heading = -1;
        for (int i = 0; i < Math.min(lines.size(), QUICK_START_WITHIN_LINES); i++) {
            if (lines.get(i).strip().equalsIgnoreCase("## Quick start")) {
                heading = i;
                break;
            }
        }
        if (heading < 0) {
            fail(readme + ": no '## Quick start' heading in the first " + QUICK_START_WITHIN_LINES
                    + " lines (the title, at most one summary paragraph, then the Quick start)");
        }
        int end = heading + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
            end++;
        }
        List<String> section = lines.subList(heading + 1, end);
        if (shellOnly) {
            if (fence(section, "sh") == null) {
                fail(readme + ": the Quick start has no ```sh example");
            }
            return;
        }
        Block block = fence(section, "java");
        if (block == null) {
            fail(readme + ": the Quick start (line " + (heading + 1) + ") has no ```java block");
        }
        int firstLine = heading + 1 + block.start() + 2; // 1-based README line of the block's first code line
        compile(work, readme, block.code(), firstLine);
    }

    /** The first fenced block of {@code language} in {@code lines}, or null. */
    private static Block fence(List<String> lines, String language) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("```" + language)) {
                StringBuilder code = new StringBuilder();
                for (int j = i + 1; j < lines.size(); j++) {
                    if (lines.get(j).strip().equals("```")) {
                        return new Block(i, code.toString());
                    }
                    code.append(lines.get(j)).append('\n');
                }
                return null;
            }
        }
        return null;
    }

    private record Block(int start, String code) {
    }

    private static void compile(Path work, Path readme, String code, int firstLine) throws IOException {
        if (PACKAGE.matcher(code).find()) {
            fail(readme + ": the Quick start block has a package line (it must compile as is, in no package)");
        }
        Matcher cls = PUBLIC_CLASS.matcher(code);
        if (!cls.find()) {
            fail(readme + ": the Quick start block declares no 'public class X'");
        }
        Path dir = Files.createDirectories(work);
        Path source = dir.resolve(cls.group(1) + ".java");
        Files.writeString(source, code, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"),
                "--add-modules", "jdk.incubator.vector", "-proc:none", "-d", classes.toString(), "-Xlint:none");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter log = new StringWriter();
        Iterable<? extends JavaFileObject> units = fileManager.getJavaFileObjectsFromPaths(List.of(source));
        boolean ok = compiler.getTask(log, fileManager, diagnostics, options, null, units).call();
        if (!ok) {
            StringBuilder message = new StringBuilder(readme + ": the Quick start ```java block does not compile:");
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    message.append("\n  README line ").append(firstLine + d.getLineNumber() - 1).append(": ")
                            .append(d.getMessage(Locale.ROOT).lines().findFirst().orElse(""));
                }
            }
            if (!log.toString().isBlank()) {
                message.append('\n').append(log.toString().strip());
            }
            fail(message.toString());
        }
    }

    /** Fails, listing the lines, if {@code document} mentions one of {@link #OUTSIDE_REFERENCES}. */
    static void checkNoOutsideReferences(Path document) throws IOException {
        List<String> lines = Files.readAllLines(document, StandardCharsets.UTF_8);
        List<String> offending = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String lower = lines.get(i).toLowerCase(Locale.ROOT);
            for (String reference : OUTSIDE_REFERENCES) {
                if (lower.contains(reference)) {
                    offending.add("  line " + (i + 1) + " (" + reference + "): " + lines.get(i).strip());
                    break;
                }
            }
        }
        if (!offending.isEmpty()) {
            fail(document + " refers to files outside the repository (state the content instead):\n"
                    + String.join("\n", offending));
        }
    }

    /** The modules listed in the root pom.xml, in order. */
    private static List<String> modules() {
        try {
            String pom = Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8);
            int from = pom.indexOf("<modules>");
            int to = pom.indexOf("</modules>");
            assertThat(from).as("<modules> in the root pom.xml").isNotNegative();
            List<String> modules = new ArrayList<>();
            Matcher m = MODULE.matcher(pom.substring(from, to));
            while (m.find()) {
                modules.add(m.group(1));
            }
            return modules;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> markdownUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p))
                    .filter(p -> !ROOT.relativize(p).toString().contains("/target/"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The project root: {@code maven.multiModuleProjectDirectory} when set, else the nearest folder above the
     * working directory (Surefire runs in {@code cli/}) that holds {@code .mvn/}.
     */
    private static Path projectRoot() {
        String property = System.getProperty("maven.multiModuleProjectDirectory");
        if (property != null && Files.isDirectory(Path.of(property).resolve(".mvn"))) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".mvn")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder with .mvn/ above " + Path.of("").toAbsolutePath());
    }
}
