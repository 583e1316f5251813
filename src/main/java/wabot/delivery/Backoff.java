package wabot.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter, so that retries of many rows do not arrive in lockstep. */
public record Backoff(Duration base, Duration cap) {

    public Duration after(int attempts) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempts, 20));
        long floor = ceiling / 2;
        return Duration.ofMillis(floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1));
    }
}
