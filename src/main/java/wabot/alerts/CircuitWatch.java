package wabot.alerts;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Since when a business API's circuit has not been closed, from the breaker's own transitions. Open and half-open
 * count alike: a half-open circuit whose trial calls fail opens again, and the API is still not answering. The
 * breaker is this instance's own, so this alert is per instance; with several business APIs, per API too.
 */
final class CircuitWatch {
    private final CircuitBreaker breaker;
    /** The numbers posting through this circuit, named in its alert; none when there is one circuit only. */
    private final List<String> numbers;
    private final Clock clock;
    private final AtomicReference<Instant> openSince = new AtomicReference<>();

    CircuitWatch(CircuitBreaker breaker, List<String> numbers, Clock clock) {
        this.breaker = breaker;
        this.numbers = List.copyOf(numbers);
        this.clock = clock;
        breaker.getEventPublisher().onStateTransition(event -> {
            if (closed(event.getStateTransition().getToState())) {
                openSince.set(null);
            } else {
                openSince.compareAndSet(null, clock.instant());
            }
        });
    }

    /** What the alert is stored under: the instance, and the circuit when there are several. */
    String subject(String instance) {
        return numbers.isEmpty() ? instance : instance + " " + breaker.getName();
    }

    Observation observe(Duration allowed) {
        var since = openSince.get();
        var api = numbers.isEmpty() ? "The business API" : "The business API of " + String.join(", ", numbers);
        if (since == null || closed(breaker.getState())) {
            return Observation.clear(Alert.BUSINESS_API_CIRCUIT_OPEN, api + ": its circuit is closed again,"
                    + " submissions are posted as usual");
        }
        var open = Duration.between(since, clock.instant());
        if (open.compareTo(allowed) < 0) {
            return Observation.unknown(Alert.BUSINESS_API_CIRCUIT_OPEN);
        }
        return Observation.firing(Alert.BUSINESS_API_CIRCUIT_OPEN, api + ": its circuit has been open for "
                        + Durations.words(open) + " (since " + since + "): it failed repeatedly",
                "While the circuit is open, submissions fail at once and people get the apology; their answers stay"
                        + " stored, and the console can retry each failed submission. Check "
                        + (numbers.isEmpty() ? "EXTERNAL_API_URL's" : "that API's") + " service.");
    }

    private static boolean closed(CircuitBreaker.State state) {
        return state == CircuitBreaker.State.CLOSED || state == CircuitBreaker.State.DISABLED
                || state == CircuitBreaker.State.METRICS_ONLY;
    }
}
