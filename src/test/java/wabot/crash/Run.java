package wabot.crash;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One crash run's clock and fate, shared by all its threads: the budget it must finish in, the abort flag every
 * thread watches, and the failures of the threads, rethrown on the test's own thread.
 */
final class Run {
    final long seed;
    final long started = System.nanoTime();
    final Duration budget;
    private final long deadline;
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private volatile boolean abort;
    /** Where the run stands, for a failure message: the kills done, the messages accepted, wabot's last lines. */
    private volatile Supplier<String> context = () -> "";

    Run(long seed, Duration budget) {
        this.seed = seed;
        this.budget = budget;
        this.deadline = started + budget.toNanos();
    }

    void context(Supplier<String> context) {
        this.context = context;
    }

    String context() {
        return context.get();
    }

    boolean aborted() {
        return abort;
    }

    void abort() {
        abort = true;
    }

    /** The nanoTime by which everything must be over. */
    long deadline() {
        return deadline;
    }

    /** A failure on another thread: the run stops, and the test's thread rethrows it at its next check. */
    void fail(Throwable t) {
        failures.add(t);
        abort = true;
    }

    void rethrow() {
        var first = failures.peek();
        if (first instanceof AssertionError assertion) {
            throw assertion;
        }
        if (first != null) {
            throw new AssertionError(first.toString(), first);
        }
    }

    void checkBudget(String what) {
        if (System.nanoTime() - deadline > 0) {
            abort = true;
            throw new AssertionError("crash test exceeded its budget of " + budget.toSeconds() + " s while " + what
                    + context.get());
        }
    }

    void sleepWatching(long millis, String what) throws InterruptedException {
        long until = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() - until < 0) {
            rethrow();
            checkBudget(what);
            Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }

    void awaitFuture(Future<?> future, String what) throws Exception {
        while (true) {
            rethrow();
            checkBudget("waiting for " + what);
            try {
                future.get(100, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException notYet) {
                // keep waiting
            } catch (ExecutionException e) {
                if (e.getCause() instanceof AssertionError assertion) {
                    throw assertion;
                }
                throw e;
            }
        }
    }

    double secondsSince(long nanoTime) {
        return seconds(System.nanoTime() - nanoTime);
    }

    static double seconds(long nanos) {
        return nanos / 1_000_000_000.0;
    }

    static ThreadFactory daemon(String name) {
        var count = new AtomicInteger();
        return runnable -> {
            var thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Thrown to stop a person or a delivery once the run is failing anyway. */
    static final class Aborted extends RuntimeException {
        Aborted() {
            super(null, null, false, false);
        }
    }
}
