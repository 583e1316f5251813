package wabot;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker pool: virtual threads on Java 21+. On Java 17 a bounded platform pool, large enough that people
 * whose sends block on a slow Graph API do not stall everyone else's conversations.
 */
final class Threads {
    private Threads() {}

    static ExecutorService workers() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException java17) {
            var count = new AtomicInteger();
            return Executors.newFixedThreadPool(256, r -> {
                var thread = new Thread(r, "wabot-worker-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
    }
}
