package wabot.delivery;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks strictly one after another per key, and tasks of different keys in parallel. A key's lane exists
 * only while it has work, so idle people cost nothing.
 */
public final class Lanes {
    private static final Logger log = LoggerFactory.getLogger(Lanes.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private final Executor executor;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    public Lanes(Executor executor) {
        this.executor = executor;
    }

    public CompletableFuture<Void> submit(String key, Runnable task) {
        return submitAsync(key, () -> {
            task.run();
            return DONE;
        });
    }

    /**
     * Like {@link #submit}, for a task that finishes later than it returns: it starts on a worker, and the key's next
     * task waits for the future it returns, not for the thread. A send waiting for Meta holds its person's lane, and
     * no thread.
     */
    public CompletableFuture<Void> submitAsync(String key, Supplier<CompletableFuture<Void>> task) {
        var holder = new CompletableFuture[1];
        tails.compute(key, (k, tail) -> {
            var previous = tail == null ? DONE : tail;
            var next = previous.thenComposeAsync(ignored -> runSafely(key, task), executor);
            holder[0] = next;
            return next;
        });
        @SuppressWarnings("unchecked")
        CompletableFuture<Void> next = holder[0];
        next.whenComplete((ok, error) -> tails.remove(key, next));
        return next;
    }

    /** Keys with work queued or running. */
    public int busy() {
        return tails.size();
    }

    /**
     * Starts no more tasks: the process is stopping. Their work stays in the database and the next start takes it
     * up, so skipping them loses nothing, and the tasks still running may fail as the database closes.
     */
    public void stop() {
        stopped = true;
    }

    /** True once {@link #stop} was called: a task finishing now must not count its failure as the work's. */
    public boolean stopped() {
        return stopped;
    }

    /** Never fails: a failed task is logged, and the key's next task runs all the same. */
    private CompletableFuture<Void> runSafely(String key, Supplier<CompletableFuture<Void>> task) {
        if (stopped) {
            return DONE;
        }
        CompletableFuture<Void> running;
        try {
            running = task.get();
        } catch (RuntimeException e) {
            failed(key, e);
            return DONE;
        }
        return running.handle((ok, error) -> {
            if (error != null) {
                failed(key, error);
            }
            return null;
        });
    }

    private void failed(String key, Throwable e) {
        if (stopped) {
            log.debug("[LANE] task for {} cut short by the shutdown: {}", key, e.toString());
            return;
        }
        // The work stays in the database; the poller hands it back to this lane later.
        log.error("[LANE] task for {} failed; it will be retried: {}", key, e.toString(), e);
    }
}
