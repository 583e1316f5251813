package wabot.alerts;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Since when the business API's circuit has not been closed, from the breaker's own transitions. Open and half-open
 * count alike: a half-open circuit whose trial calls fail opens again, and the API is still not answering. The
 * breaker is this instance's own, so this alert is per instance.
 */
final class CircuitWatch {
    private final CircuitBreaker breaker;
    private final Clock clock;
    private final AtomicReference<Instant> openSince = new AtomicReference<>();

    CircuitWatch(CircuitBreaker breaker, Clock clock) {
        this.breaker = breaker;
        this.clock = clock;
        breaker.getEventPublisher().onStateTransition(event -> {
            if (closed(event.getStateTransition().getToState())) {
                openSince.set(null);
            } else {
                openSince.compareAndSet(null, clock.instant());
            }
        });
    }

    Observation observe(Duration allowed) {
        var since = openSince.get();
        if (since == null || closed(breaker.getState())) {
            return Observation.clear(Alert.BUSINESS_API_CIRCUIT_OPEN, "The business API's circuit is closed again:"
                    + " submissions are posted as usual");
        }
        var open = Duration.between(since, clock.instant());
        if (open.compareTo(allowed) < 0) {
            return Observation.unknown(Alert.BUSINESS_API_CIRCUIT_OPEN);
        }
        return Observation.firing(Alert.BUSINESS_API_CIRCUIT_OPEN, "The business API's circuit has been open for "
                        + Durations.words(open) + " (since " + since + "): it failed repeatedly",
                "While the circuit is open, submissions fail at once and people get the apology; their answers stay"
                        + " stored, and the console can retry each failed submission. Check EXTERNAL_API_URL's service.");
    }

    private static boolean closed(CircuitBreaker.State state) {
        return state == CircuitBreaker.State.CLOSED || state == CircuitBreaker.State.DISABLED
                || state == CircuitBreaker.State.METRICS_ONLY;
    }
}
