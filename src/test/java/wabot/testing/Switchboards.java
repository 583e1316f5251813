package wabot.testing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import wabot.conversation.ConversationEngine;
import wabot.conversation.Flow;
import wabot.conversation.Policy;
import wabot.external.ExternalApiClient;
import wabot.numbers.BusinessNumber;
import wabot.numbers.Line;
import wabot.numbers.Switchboard;
import wabot.whatsapp.DryRunMessenger;
import wabot.whatsapp.Messenger;

/**
 * Switchboards for tests of the parts that read one (the export, the console's pages) without a running wabot: dry-run
 * lines, no business API.
 */
public final class Switchboards {
    private Switchboards() {}

    /** The single number of a deployment without a numbers file, with this flow. */
    public static Switchboard single(Flow flow) {
        return single(flow, new DryRunMessenger());
    }

    /** The single number of a deployment without a numbers file, with this flow, its replies leaving by {@code messenger}. */
    public static Switchboard single(Flow flow, Messenger messenger) {
        return new Switchboard(List.of(line(new BusinessNumber(null, null, "test", flow, null, null, null, 80), "",
                messenger)), false, new SimpleMeterRegistry());
    }

    /** Numbers of a numbers file: {@code 1000000000000<i>}, named {@code Number <i>}, each with its flow, in order. */
    public static Switchboard several(Flow... flows) {
        var lines = new ArrayList<Line>();
        for (int i = 0; i < flows.length; i++) {
            var id = "100000000000" + i;
            lines.add(line(new BusinessNumber(id, "Number " + i, "test", flows[i], null, null, null, 80),
                    i == 0 ? "" : id, new DryRunMessenger()));
        }
        return new Switchboard(lines, true, new SimpleMeterRegistry());
    }

    /** Numbers as {@link #several}, with one flow, their replies leaving by {@code messenger}, each at its own rate. */
    public static Switchboard sending(Flow flow, Messenger messenger, RateLimiter... rates) {
        var lines = new ArrayList<Line>();
        for (int i = 0; i < rates.length; i++) {
            var id = "100000000000" + i;
            lines.add(line(new BusinessNumber(id, "Number " + i, "test", flow, null, null, null, 80),
                    i == 0 ? "" : id, messenger, rates[i]));
        }
        return new Switchboard(lines, true, new SimpleMeterRegistry());
    }

    private static Line line(BusinessNumber number, String scope, Messenger messenger) {
        return line(number, scope, messenger, RateLimiter.ofDefaults("test"));
    }

    private static Line line(BusinessNumber number, String scope, Messenger messenger, RateLimiter rate) {
        return new Line(number, scope, new ConversationEngine(number.flow(), Policy.defaults()),
                new ExternalApiClient(HttpClient.newHttpClient(), null, Duration.ofSeconds(1), person -> false,
                        number.flow().questions(), number.phoneNumberId(), number.name()),
                CircuitBreaker.ofDefaults("test"), messenger, rate);
    }
}
