package wabot.store;

import java.sql.Connection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's write path. SQLite has one writer, and most of a small transaction's cost is its commit, so one
 * thread runs every queued write of many callers in a single transaction. A caller waits for the commit that
 * holds its work, so a returned write is durable, exactly as with a transaction of its own.
 *
 * <p>Works almost never fail, so a group runs without savepoints; when one does fail, the group is rolled back
 * and each of its works runs again in a transaction of its own, so that one failure never takes the others down.
 * The thread owns its connection, no pool hands it out, and keeps its prepared statements (see
 * {@link CachedStatements}).
 */
final class GroupCommit implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final int MAX_BATCH = 256;
    /** Normal works that may share a commit with waiting urgent ones: enough to keep turns going, few enough that
     * a 200 never waits behind a long batch of them. */
    private static final int NORMAL_BESIDE_URGENT = 32;

    private final Handle handle;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    /** Writes someone is waiting on to answer a webhook; they go ahead of all the others. */
    private final ArrayDeque<Work<?>> urgent = new ArrayDeque<>();
    private final ArrayDeque<Work<?>> normal = new ArrayDeque<>();
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

    GroupCommit(Connection connection) {
        this.handle = Jdbi.open(connection);
        handle.setStatementBuilder(new CachedStatements());
        this.thread = new Thread(this::loop, "wabot-group-commit");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues {@code callback}; the future completes once the transaction that ran it has committed. An urgent
     * write goes ahead of every queued normal one, so that under overload Meta still gets its 200s quickly
     * while the conversations fall behind.
     */
    <R> CompletableFuture<R> submit(HandleCallback<R, ?> callback, boolean first) {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("a write may not start another write");
        }
        var work = new Work<R>(callback);
        if (!open) {
            work.result.completeExceptionally(new IllegalStateException("the database is closed"));
            return work.result;
        }
        lock.lock();
        try {
            (first ? urgent : normal).add(work);
            queued.signal();
        } finally {
            lock.unlock();
        }
        return work.result;
    }

    @SuppressWarnings("unchecked")
    <R, X extends Exception> R write(HandleCallback<R, X> callback) throws X {
        try {
            return submit(callback, false).get();
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
        try {
            while (open) {
                try {
                    take(batch);
                    if (batch.size() == 1 || !together(batch)) {
                        batch.forEach(this::alone);
                    }
                } catch (InterruptedException e) {
                    return;
                } finally {
                    batch.clear();
                }
            }
        } finally {
            var closed = new IllegalStateException("the database is closed");
            lock.lock();
            try {
                urgent.forEach(work -> work.result.completeExceptionally(closed));
                normal.forEach(work -> work.result.completeExceptionally(closed));
            } finally {
                lock.unlock();
            }
            handle.close();
        }
    }

    /** Works waiting that are not urgent. */
    int backlog() {
        lock.lock();
        try {
            return normal.size();
        } finally {
            lock.unlock();
        }
    }

    private void take(List<Work<?>> batch) throws InterruptedException {
        lock.lock();
        try {
            while (urgent.isEmpty() && normal.isEmpty()) {
                queued.await();
            }
            while (!urgent.isEmpty() && batch.size() < MAX_BATCH) {
                batch.add(urgent.poll());
            }
            int room = batch.isEmpty() ? MAX_BATCH : Math.min(NORMAL_BESIDE_URGENT, MAX_BATCH - batch.size());
            for (int i = 0; i < room && !normal.isEmpty(); i++) {
                batch.add(normal.poll());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs the whole batch in one transaction; false, with nothing done, if any of its works failed. */
    private boolean together(List<Work<?>> batch) {
        try {
            handle.begin();
            for (var work : batch) {
                work.run(handle);
            }
            handle.commit();
        } catch (Exception | Error e) {
            rollback();
            return false;
        }
        batch.forEach(Work::committed);
        return true;
    }

    private void alone(Work<?> work) {
        try {
            handle.begin();
            work.run(handle);
            handle.commit();
        } catch (Exception | Error e) {
            rollback();
            work.result.completeExceptionally(e);
            return;
        }
        work.committed();
    }

    private void rollback() {
        try {
            if (handle.isInTransaction()) {
                handle.rollback();
            }
        } catch (RuntimeException e) {
            log.error("[STORE] rollback failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        open = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
