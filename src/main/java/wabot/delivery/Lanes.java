package wabot.delivery;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks strictly one after another per key, and tasks of different keys in parallel. A key's lane exists
 * only while it has work, so idle people cost nothing.
 */
public final class Lanes {
    private static final Logger log = LoggerFactory.getLogger(Lanes.class);
    private final Executor executor;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    public Lanes(Executor executor) {
        this.executor = executor;
    }

    public CompletableFuture<Void> submit(String key, Runnable task) {
        var holder = new CompletableFuture[1];
        tails.compute(key, (k, tail) -> {
            var previous = tail == null ? CompletableFuture.<Void>completedFuture(null) : tail;
            var next = previous.thenRunAsync(() -> runSafely(key, task), executor);
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

    private void runSafely(String key, Runnable task) {
        if (stopped) {
            return;
        }
        try {
            task.run();
        } catch (RuntimeException e) {
            if (stopped) {
                log.debug("[LANE] task for {} cut short by the shutdown: {}", key, e.toString());
                return;
            }
            // The work stays in the database; the poller hands it back to this lane later.
            log.error("[LANE] task for {} failed; it will be retried: {}", key, e.toString(), e);
        }
    }
}
