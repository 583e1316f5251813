package wabot;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The worker pool: virtual threads on Java 21+, a bounded platform pool on Java 17. */
final class Threads {
    private Threads() {}

    static ExecutorService workers() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException java17) {
            var count = new AtomicInteger();
            return Executors.newFixedThreadPool(64, r -> {
                var thread = new Thread(r, "wabot-worker-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
    }
}
