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

    private static void runSafely(String key, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // The work stays in the database; the poller hands it back to this lane later.
            log.error("[LANE] task for {} failed; it will be retried: {}", key, e.toString(), e);
        }
    }
}
