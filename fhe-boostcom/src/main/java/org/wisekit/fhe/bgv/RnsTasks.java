package org.wisekit.fhe.bgv;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;

/** Runs the independent per-prime or per-digit steps of one operation, on a fork-join pool or inline. */
final class RnsTasks {

    private RnsTasks() {
    }

    /** body(0) .. body(count-1): inline in order without a pool, else as fork-join tasks (the caller helps). */
    static void forEach(ForkJoinPool pool, int count, IntConsumer body) {
        if (pool == null || count < 2) {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
            return;
        }
        List<ForkJoinTask<?>> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            tasks.add(ForkJoinTask.adapt(() -> body.accept(index)));
        }
        if (ForkJoinTask.getPool() == pool) {
            ForkJoinTask.invokeAll(tasks);
        } else {
            // from outside: hand the whole split to a worker and wait, so that only the pool's threads compute
            // (a plain invoke could run it on this thread, whose forks would go to the common pool)
            CompletableFuture.runAsync(() -> ForkJoinTask.invokeAll(tasks), pool).join();
        }
    }
}
