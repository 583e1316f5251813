package wabot.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import wabot.conversation.TurnOutcome;

/**
 * What the workers did, as meters: turns by outcome, replies by result and Graph error code, how long a send took,
 * submissions by outcome, and how long the business API took to answer. Recording is a counter increment, never
 * I/O, so it may sit on the turn, send and submission paths.
 */
public final class Outcomes {
    private final MeterRegistry registry;
    private final Counter sent;
    private final Timer sendTime;
    private final Timer apiTime;
    private final Map<TurnOutcome, Counter> turns = new EnumMap<>(TurnOutcome.class);

    public Outcomes(MeterRegistry registry) {
        this.registry = registry;
        for (var outcome : TurnOutcome.values()) {
            // Every outcome from the start, so a rate over it never begins with a missing series.
            turns.put(outcome, Counter.builder("wabot.turns").description("conversation turns by what they did")
                    .tag("outcome", outcome.label()).register(registry));
        }
        for (var outcome : new String[] {"done", "retried", "failed"}) {
            registry.counter("wabot.submissions", "outcome", outcome);
        }
        this.sent = reply("sent", "none");
        this.sendTime = Timer.builder("wabot.send").description("time of one Graph API send, answered or not")
                .publishPercentileHistogram().register(registry);
        this.apiTime = Timer.builder("wabot.business.api").description("time of one POST to the business API")
                .publishPercentileHistogram().register(registry);
    }

    /** A turn that committed. */
    void turn(TurnOutcome outcome) {
        turns.get(outcome).increment();
    }

    void sent(Duration took) {
        sent.increment();
        sendTime.record(took);
    }

    /** A send Meta refused or that did not reach it: {@code retried} says it will be tried again. */
    void sendFailed(Integer code, boolean retried, Duration took) {
        reply(retried ? "retried" : "failed", code == null ? "none" : code.toString()).increment();
        sendTime.record(took);
    }

    /** {@code outcome}: done, failed or retried. */
    void submission(String outcome) {
        registry.counter("wabot.submissions", "outcome", outcome).increment();
    }

    void apiCall(Duration took) {
        apiTime.record(took);
    }

    private Counter reply(String result, String code) {
        return Counter.builder("wabot.replies").description("replies by what became of a send")
                .tags("result", result, "code", code).register(registry);
    }
}
