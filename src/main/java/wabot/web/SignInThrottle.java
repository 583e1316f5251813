package wabot.web;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing the admin token: after three wrong tokens from one address, each further try must wait
 * twice as long as the one before, up to five minutes. A right token clears the address.
 */
final class SignInThrottle {
    private static final int FREE_TRIES = 3;
    private static final Duration LONGEST = Duration.ofMinutes(5);
    private static final int MAX_ADDRESSES = 10_000;

    private record Failures(int count, Instant last) {}

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

    /** How long {@code address} must still wait before its next try; zero when it may try now. */
    Duration wait(String address, Instant now) {
        var seen = failures.get(address);
        if (seen == null || seen.count() < FREE_TRIES) {
            return Duration.ZERO;
        }
        var pause = Duration.ofSeconds(1L << Math.min(20, seen.count() - FREE_TRIES));
        var until = seen.last().plus(pause.compareTo(LONGEST) > 0 ? LONGEST : pause);
        return now.isBefore(until) ? Duration.between(now, until) : Duration.ZERO;
    }

    void failed(String address, Instant now) {
        if (failures.size() > MAX_ADDRESSES) {
            // Many addresses at once is a distributed guess: forgetting the oldest would free them, so forget none
            // and keep the count bounded by dropping addresses that stopped trying.
            failures.values().removeIf(f -> f.last().isBefore(now.minus(LONGEST)));
        }
        failures.merge(address, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
    }

    void succeeded(String address) {
        failures.remove(address);
    }
}
