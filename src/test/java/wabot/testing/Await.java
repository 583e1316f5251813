package wabot.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Bounded polling: wait until something becomes true, or fail with a message saying what never happened. Tests
 * wait with these, never with fixed sleeps, and never assert on how long something took.
 */
public final class Await {
    /** How long a test waits for an asynchronous outcome unless it says otherwise. */
    public static final Duration DEFAULT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 20;

    private Await() {}

    /** Waits up to {@link #DEFAULT} until {@code condition} holds. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT, condition);
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        value(what, timeout, condition::getAsBoolean, Boolean::booleanValue);
    }

    /**
     * Probes {@code probe} until {@code accept} takes its result, and returns that result. On timeout the
     * AssertionError shows the last value probed. Exceptions thrown by the probe are not retried.
     */
    public static <T> T value(String what, Supplier<T> probe, Predicate<? super T> accept) {
        return value(what, DEFAULT, probe, accept);
    }

    public static <T> T value(String what, Duration timeout, Supplier<T> probe, Predicate<? super T> accept) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T last = probe.get();
            if (accept.test(last)) {
                return last;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + "; last seen: " + last);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
