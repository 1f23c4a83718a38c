package org.wisekit.harness;

/**
 * Where long work reports how far it is. The CLI draws a bar on stderr; tests use {@link #SILENT}.
 */
public interface Progress {

    /** Starts a task of {@code total} steps; close the returned handle when done. */
    Task start(String label, long total);

    /** One running task. */
    interface Task extends AutoCloseable {
        /** Advances by {@code steps}. */
        void step(long steps);

        /** Advances by one. */
        default void step() {
            step(1);
        }

        /** Replaces the short status text shown beside the bar (e.g. "epoch 3 loss 0.41"). */
        void status(String text);

        @Override
        void close();
    }

    /** Reports nothing. */
    Progress SILENT = (label, total) -> new Task() {
        @Override
        public void step(long steps) {
        }

        @Override
        public void status(String text) {
        }

        @Override
        public void close() {
        }
    };
}
