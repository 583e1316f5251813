package wabot.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's write path. SQLite has one writer, and most of a small transaction's cost is its commit, so one
 * thread runs every queued write of many callers in a single transaction, each in its own savepoint: a work
 * that fails rolls back alone, the others commit together. A caller waits for the commit that holds its work,
 * so a returned write is durable, exactly as with a transaction of its own.
 */
final class GroupCommit implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final int MAX_BATCH = 256;

    private final Jdbi jdbi;
    private final LinkedBlockingQueue<Work<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean open = true;

    private static final class Work<R> {
        final HandleCallback<R, ?> callback;
        final CompletableFuture<R> result = new CompletableFuture<>();
        R value;

        Work(HandleCallback<R, ?> callback) {
            this.callback = callback;
        }

        @SuppressWarnings("unchecked")
        void run(Handle h) throws Exception {
            value = ((HandleCallback<R, Exception>) callback).withHandle(h);
        }

        void committed() {
            result.complete(value);
        }
    }

    GroupCommit(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.thread = new Thread(this::loop, "wabot-group-commit");
        thread.setDaemon(true);
        thread.start();
    }

    @SuppressWarnings("unchecked")
    <R, X extends Exception> R write(HandleCallback<R, X> callback) throws X {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("a write may not start another write");
        }
        var work = new Work<>(callback);
        queue.add(work);
        try {
            return work.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a commit", e);
        } catch (ExecutionException e) {
            var cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw (X) cause;
        }
    }

    private void loop() {
        var batch = new ArrayList<Work<?>>(MAX_BATCH);
        while (open) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Work<?>> batch) {
        var done = new ArrayList<Work<?>>(batch.size());
        try (Handle h = jdbi.open()) {
            h.begin();
            for (var work : batch) {
                h.savepoint("work");
                try {
                    work.run(h);
                    h.releaseSavepoint("work");
                    done.add(work);
                } catch (Exception | Error e) {
                    // Rolling back to a savepoint keeps it open in SQLite; the commit below releases it.
                    h.rollbackToSavepoint("work");
                    work.result.completeExceptionally(e);
                }
            }
            h.commit();
            done.forEach(Work::committed);
        } catch (RuntimeException e) {
            // The transaction itself failed: none of the works in it happened.
            log.error("[STORE] group commit of {} writes failed: {}", batch.size(), e.toString());
            batch.forEach(work -> work.result.completeExceptionally(e));
        }
    }

    @Override
    public void close() {
        open = false;
        thread.interrupt();
    }
}
