package wabot.delivery;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs a task at a fixed delay on its own named daemon thread, and waits for it to finish when closed. */
public final class Periodic implements AutoCloseable {
    private final ScheduledExecutorService timer;

    public Periodic(String name) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    public void every(Duration first, Duration delay, Runnable task) {
        timer.scheduleWithFixedDelay(task, first.toMillis(), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
