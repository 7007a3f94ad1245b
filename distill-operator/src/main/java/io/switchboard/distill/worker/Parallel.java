package io.switchboard.distill.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a task on every item with at most so many at once; the results in the items' order. */
final class Parallel {

    @FunctionalInterface
    interface Task<T, R> {

        R apply(T item) throws InterruptedException;
    }

    private Parallel() {
    }

    /** A task's exception ends the whole run: the tasks still running are interrupted. */
    static <T, R> List<R> map(List<T> items, int concurrency, Task<T, R> task) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "distill-worker");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> task.apply(item)));
            }
            List<R> results = new ArrayList<>(items.size());
            for (Future<R> future : futures) {
                results.add(result(future));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> R result(Future<R> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a task was interrupted", e.getCause());
        }
    }
}
