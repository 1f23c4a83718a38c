package org.wisekit.harness;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Sends {@code System.out} to stderr while library work runs, so that a command's stdout holds only its own output
 * (tools print through picocli's writer, not {@code System.out}; SameDiff prints "Added differentiated op ..." on
 * {@code System.out}). Only a plain {@code PrintStream} is redirected (the JVM's stdout, or one a caller installed);
 * a capturing subclass, such as a test runner's, is left alone: swapping it while several commands ran in one test
 * JVM lost their output. Nested and concurrent uses restore the original stream when the last one ends.
 */
public final class QuietStdout {

    private static int depth;
    private static PrintStream saved;

    private QuietStdout() {
    }

    /** The result of {@code work}, run with {@code System.out} sent to stderr. */
    public static <T> T run(Supplier<T> work) {
        enter();
        try {
            return work.get();
        } finally {
            exit();
        }
    }

    /** The result of {@code work}, run with {@code System.out} sent to stderr; its exception passes through. */
    public static <T> T call(Callable<T> work) throws Exception {
        enter();
        try {
            return work.call();
        } finally {
            exit();
        }
    }

    private static synchronized void enter() {
        if (depth++ == 0) {
            saved = System.out;
            if (saved.getClass() == PrintStream.class) {
                System.setOut(System.err);
            }
        }
    }

    private static synchronized void exit() {
        if (--depth == 0) {
            System.setOut(saved);
        }
    }
}
